import { badFile } from './bad-file.js';
import { type BuildContext, buildRecord, type Draft, withCreatedAt } from './build-record.js';
import { optArray, optNumber, stringsIn } from './field-readers.js';
import { isAclAllowed, type KongService, kongServices } from './kong-access.js';
import { isGlobal, isRateLimit, type KongPlugin, kongPlugins, refsOf } from './kong-plugins.js';
import { kongLimits } from './kong-windows.js';
import { isObject, setOwn } from './own-property.js';
import type { ParsedDocument } from './parse-document.js';
import { invalidField } from './record-error.js';
import type { ImportAccessRight, ImportRecord } from './types.js';
import { defaultGrant } from './unlimited.js';

interface KongContext extends BuildContext {
  services: KongService[];
  topPlugins: KongPlugin[];
  /** consumer groups that carry enabled plugins, by name and id */
  limitedGroups: Set<string>;
  /** consumer-group membership listed on the group side (consumer_groups[].consumers) */
  membersOf: (consumer: Record<string, unknown>) => string[];
}

/** decK dump (docs/import-mapping.md §1): one record per keyauth_credentials entry, consumers and credentials in file order. */
export async function* kongRecords(doc: ParsedDocument, fileName: string, base: BuildContext): AsyncGenerator<ImportRecord> {
  const dump = doc.value as Record<string, unknown>;
  const ctx = kongContext(dump, base);
  if (dump.consumers === undefined || dump.consumers === null) return;
  if (!Array.isArray(dump.consumers)) throw notObjects(fileName, 'consumers');
  let index = 0;
  for await (const [ci, entry] of doc.entries(['consumers'])) {
    if (typeof ci !== 'number' || !isObject(entry)) throw notObjects(fileName, 'consumers');
    const consumer = entry;
    const credentials = listOfObjects(fileName, consumer.keyauth_credentials, `consumers[${ci}].keyauth_credentials`);
    const name = textOf(consumer.username) ?? textOf(consumer.custom_id) ?? `#${ci + 1}`;
    for (const [k, credential] of credentials.entries()) {
      const raw = credential.key;
      // an unquoted YAML key such as 0123 or yes was read as a number/boolean: take its exact source text
      const rawKey =
        typeof raw === 'number' || typeof raw === 'boolean'
          ? (doc.scalarSource?.(['consumers', ci, 'keyauth_credentials', k, 'key']) ?? raw)
          : raw;
      yield buildRecord({ index, ref: `consumer ${name} credential ${k + 1}`, rawKey }, ctx, () =>
        withCreatedAt(kongDraft(consumer, credential, credentials.length, ctx), credential.created_at, ctx),
      );
      index++;
    }
  }
}

function kongContext(dump: Record<string, unknown>, base: BuildContext): KongContext {
  const topPlugins = kongPlugins(dump.plugins);
  const groups = Array.isArray(dump.consumer_groups) ? dump.consumer_groups.filter(isObject) : [];
  const limitedGroups = new Set<string>();
  for (const g of groups) {
    const refs = refsOf(g, 'name', 'id');
    const carries =
      kongPlugins(g.plugins).some((p) => p.enabled) ||
      topPlugins.some((p) => p.enabled && p.consumerGroup !== undefined && refs.includes(p.consumerGroup));
    if (carries) refs.forEach((r) => limitedGroups.add(r));
  }
  const membersOf = (consumer: Record<string, unknown>) => {
    const refs = refsOf(consumer, 'username', 'id', 'custom_id');
    return groups
      .filter(
        (g) =>
          Array.isArray(g.consumers) &&
          g.consumers.some((c) => isObject(c) && refsOf(c, 'username', 'id', 'custom_id').some((r) => refs.includes(r))),
      )
      .flatMap((g) => refsOf(g, 'name').slice(0, 1));
  };
  return { ...base, services: kongServices(dump, base.options), topPlugins, limitedGroups, membersOf };
}

function kongDraft(
  consumer: Record<string, unknown>,
  credential: Record<string, unknown>,
  credentialCount: number,
  ctx: KongContext,
): Draft {
  const username = textOf(consumer.username);
  const customId = textOf(consumer.custom_id);
  const consumerRefs = refsOf(consumer, 'username', 'id', 'custom_id');
  const aclGroups = objectsOf(consumer.acls, 'acls')
    .map((a) => textOf(a.group))
    .filter((g): g is string => g !== undefined);
  const consumerGroups = unique([
    ...objectsOf(consumer.groups, 'groups')
      .map((g) => textOf(g.name))
      .filter((g): g is string => g !== undefined),
    ...ctx.membersOf(consumer),
  ]);
  const aimedHere = ctx.topPlugins.filter((p) => p.consumer !== undefined && consumerRefs.includes(p.consumer));
  // a plugin scoped to the consumer alone is nested under it, or top-level naming only the consumer
  const own = [...kongPlugins(consumer.plugins), ...aimedHere.filter((p) => isGlobal({ ...p, consumer: undefined }))];
  const limits = kongLimits(own);
  const warnings = [...limits.warnings];
  if (aimedHere.some((p) => p.enabled && isRateLimit(p) && !isGlobal({ ...p, consumer: undefined }))) warnings.push('scoped_limit_ignored');
  // Kong counts limit_by consumer across all its keys; Tyk counts per key (docs/import-mapping.md §1.3)
  if (limits.perConsumer && credentialCount > 1) warnings.push('shared_limit_split');
  if (consumerGroups.some((g) => ctx.limitedGroups.has(g))) warnings.push('consumer_group_limits_not_mapped');

  const ttl = optNumber(credential, 'ttl');
  if (ttl !== undefined && ttl < 0) throw invalidField('ttl must be 0 or more seconds');
  const groupSet = new Set(aclGroups);
  const access_rights: Record<string, ImportAccessRight> = {};
  for (const service of ctx.services)
    if (isAclAllowed(service, groupSet)) setOwn(access_rights, service.api.api_id, defaultGrant(service.api));
  const meta: Record<string, unknown> = { migrated_from: 'kong' };
  if (username) meta.kong_username = username;
  if (customId) meta.kong_custom_id = customId;
  if (aclGroups.length > 0) meta.kong_acl_groups = aclGroups.join(',');
  if (consumerGroups.length > 0) meta.kong_consumer_groups = consumerGroups.join(',');
  return {
    session: {
      alias: username ?? customId ?? '',
      ...limits.limit,
      // decK prints the TTL left at dump time (docs/import-mapping.md §1.3): count it from the reference time
      expires: ttl !== undefined && ttl > 0 ? ctx.options.referenceTime + Math.floor(ttl) : 0,
      is_inactive: false,
      access_rights,
      apply_policies: [],
      meta_data: meta,
      tags: unique([
        ...stringsIn(optArray(consumer, 'tags'), 'consumer tags'),
        ...stringsIn(optArray(credential, 'tags'), 'credential tags'),
      ]),
    },
    warnings,
  };
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

const textOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function objectsOf(v: unknown, label: string): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every(isObject)) throw invalidField(`${label} must be a list of objects`);
  return v;
}

/** The lists records are enumerated from: a malformed one is a file-level problem. */
function listOfObjects(fileName: string, v: unknown, label: string): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every(isObject)) throw notObjects(fileName, label);
  return v;
}

const notObjects = (fileName: string, label: string) =>
  badFile(fileName, `has ${label} that is not a list of objects`, 'export it again with `deck gateway dump`');
