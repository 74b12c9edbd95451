import { z } from 'zod';

/*
 * The gateway session object (docs/tyk-api.md §1.4). Gateways from 5.12.0 serialise it with
 * `omitzero` (zero/false/empty fields are left out); older ones emit every field, Go nil maps and
 * slices as `null`. Both forms parse to the same value: a missing or null field is its zero value.
 * Unknown fields are kept (looseObject) so a GET → PUT round trip loses nothing.
 * Server-managed fields (date_created, last_updated, last_check, quota_remaining, quota_renews)
 * stay optional: Tyk sets them, ignores them as input, and cleanSession() drops them; read them
 * with `?? 0`. date_created must not be zero-filled: Go cannot parse "" as a time.
 */

const num = z
  .number()
  .nullish()
  .transform((v) => v ?? 0);
const bool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);
const str = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);
const optNum = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);
const optStr = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const ApiLimit = z.looseObject({
  rate: num,
  per: num,
  quota_max: num,
  quota_renewal_rate: num,
  throttle_interval: num,
  throttle_retry_limit: num,
  max_query_depth: num,
  quota_remaining: optNum,
  quota_renews: optNum,
});
export type ApiLimit = z.output<typeof ApiLimit>;

export const AllowedUrl = z.looseObject({ url: str, methods: strings });
export type AllowedUrl = z.output<typeof AllowedUrl>;

export const AccessRight = z.looseObject({
  api_id: str,
  api_name: str,
  versions: strings,
  allowed_urls: z
    .array(AllowedUrl)
    .nullish()
    .transform((v) => v ?? []),
  limit: ApiLimit.nullish().transform((v) => v ?? undefined),
});
export type AccessRight = z.output<typeof AccessRight>;

export const Session = z.looseObject({
  org_id: str,
  access_rights: z
    .record(z.string(), AccessRight)
    .nullish()
    .transform((v) => v ?? {}),
  apply_policies: strings,
  rate: num,
  per: num,
  allowance: num,
  throttle_interval: num,
  throttle_retry_limit: num,
  quota_max: num,
  quota_renewal_rate: num,
  expires: num,
  is_inactive: bool,
  meta_data: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  tags: strings,
  alias: str,
  quota_remaining: optNum,
  quota_renews: optNum,
  date_created: optStr,
  last_updated: optStr,
  last_check: optNum,
});
export type Session = z.output<typeof Session>;
/** What a caller may hand to Session.parse(): any subset, in either serialisation. */
export type SessionInput = z.input<typeof Session>;

/** Fields Tyk manages itself; a copy for a new key must not carry them (docs/design.md "Rotation" step 2). */
const SERVER_MANAGED = ['date_created', 'last_updated', 'last_check', 'quota_remaining', 'quota_renews', 'key_id', 'key_hash'];

/**
 * A copy of `s` fit to POST as a new key: server-managed fields removed at the top level and in
 * every access right's `limit`. Everything else (policies, ACL, limits, meta data, alias, tags,
 * expiry, unknown fields) is kept.
 */
export function cleanSession(s: Session): Session {
  const copy = structuredClone(s);
  for (const field of SERVER_MANAGED) delete copy[field];
  for (const right of Object.values(copy.access_rights)) {
    if (right.limit) {
      delete right.limit.quota_remaining;
      delete right.limit.quota_renews;
    }
  }
  return copy;
}

export { sessionsEquivalent } from './session-compare.js';
