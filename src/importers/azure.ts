import { type ApiRef, resolveApi } from './api-ref.js';
import { type PolicyLimits, policyLimitsOnce } from './azure-policy.js';
import { type BuildContext, buildRecord, type Draft, withCreatedAt } from './build-record.js';
import { optString } from './field-readers.js';
import { isObject, setOwn } from './own-property.js';
import type { ParsedDocument } from './parse-document.js';
import { invalidField } from './record-error.js';
import type { ImportAccessRight, ImportLimit, ImportRecord } from './types.js';
import { defaultGrant, UNLIMITED } from './unlimited.js';

interface Bundle {
  products: Map<string, Record<string, unknown>>;
  apis: Record<string, unknown>[];
  /** each product policy is read once, however many subscriptions share it */
  limitsOf: (xml: string, product: string) => PolicyLimits;
}

type Slot = 'primary' | 'secondary';

/** ARM subscription list with listSecrets merged in, plus the product/API/policy bundle (docs/import-mapping.md §4). */
export async function* azureRecords(
  subscriptions: ParsedDocument,
  bundleDoc: Record<string, unknown>,
  ctx: BuildContext,
): AsyncGenerator<ImportRecord> {
  const bundle = readBundle(bundleDoc);
  const slots: Slot[] = ctx.options.azureKeySlots === 'both' ? ['primary', 'secondary'] : [ctx.options.azureKeySlots];
  let index = 0;
  if (!isObject(subscriptions.value) || !Array.isArray(subscriptions.value.value)) return;
  for await (const [s, sub] of subscriptions.entries(['value'])) {
    const subscription = isObject(sub) ? sub : {};
    const props = isObject(subscription.properties) ? subscription.properties : {};
    const name = typeof subscription.name === 'string' ? subscription.name : `value[${s}]`;
    // a null or absent slot yields no record; a subscription with no key at all yields one missing_key
    const present = slots.filter((slot) => ![undefined, null, ''].includes(props[`${slot}Key`] as string | null | undefined));
    if (present.length === 0) {
      yield {
        index: index++,
        ref: `subscription ${name}`,
        result: 'error',
        error: 'missing_key',
        detail: 'the subscription has no keys: merge the listSecrets output into it',
      };
      continue;
    }
    for (const slot of present) {
      yield buildRecord({ index: index++, ref: `subscription ${name} ${slot}`, rawKey: props[`${slot}Key`] }, ctx, () =>
        withCreatedAt(azureDraft(subscription, props, slot, bundle, ctx), props.createdDate, ctx),
      );
    }
  }
}

/** What a subscription's scope grants: a product's APIs and rate limit, one API, or every API (the master subscription). */
function scopeGrant(scope: string, bundle: Bundle, ctx: BuildContext): { apis: ApiRef[]; limit: ImportLimit; warnings: string[] } {
  const warnings: string[] = [];
  let limit: ImportLimit = { ...UNLIMITED };
  let apis: ApiRef[] = [];
  const product = /^\/products\/([^/]+)$/i.exec(scope);
  const api = /^\/apis\/([^/]+)$/i.exec(scope);
  if (product) {
    const found = bundle.products.get((product[1] as string).toLowerCase());
    if (found) {
      apis = apisOf(found.apis, ctx);
      const policy = isObject(found.policy) && isObject(found.policy.properties) ? found.policy.properties.value : undefined;
      if (typeof policy === 'string') {
        const limits = bundle.limitsOf(policy, product[1] as string);
        limit = limits.limit;
        warnings.push(...limits.warnings);
      }
    }
  } else if (api) {
    const id = api[1] as string;
    const known = [
      ...bundle.apis,
      ...[...bundle.products.values()].flatMap((p) => (Array.isArray(p.apis) ? p.apis.filter(isObject) : [])),
    ].find((a) => a.name === id);
    apis = known ? apisOf([known], ctx) : [resolveApi(ctx.options, id, { api_id: id, api_name: id })];
  } else if (/^\/apis$/i.test(scope)) {
    // the built-in master subscription: an admin key over every API (docs/import-mapping.md §4.2)
    apis = apisOf(bundle.apis, ctx);
    warnings.push('all_apis_scope');
  } else {
    throw invalidField('scope must be /products/{id}, /apis/{id} or /apis');
  }
  return { apis, limit, warnings };
}

function azureDraft(sub: Record<string, unknown>, props: Record<string, unknown>, slot: Slot, bundle: Bundle, ctx: BuildContext): Draft {
  const state = optString(props, 'state', 'state')?.toLowerCase();
  const rawScope = optString(props, 'scope', 'scope');
  if (rawScope === undefined) throw invalidField('scope is missing');
  // ARM ids are full (/subscriptions/.../service/{name}/products/x); older data-plane output is short (/products/x)
  const scope = rawScope.replace(/^.*?\/service\/[^/]+/i, '').replace(/\/+$/, '');
  const { apis, limit, warnings } = scopeGrant(scope, bundle, ctx);
  const expiration = optString(props, 'expirationDate', 'expirationDate');
  const meta: Record<string, unknown> = {
    migrated_from: 'azure-apim',
    azure_subscription_id: typeof sub.name === 'string' ? sub.name : '',
    azure_key_slot: slot,
    azure_scope: scope,
  };
  const owner = optString(props, 'ownerId', 'ownerId')
    ?.split('/')
    .filter((p) => p !== '')
    .at(-1);
  if (owner) meta.azure_owner_id = owner;
  if (expiration) {
    // audit only in APIM (it does not expire a subscription by date): recorded, never enforced (§4.4)
    meta.azure_expiration_date = expiration;
    warnings.push('expiration_not_enforced');
  }
  const access_rights: Record<string, ImportAccessRight> = {};
  for (const a of apis) setOwn(access_rights, a.api_id, defaultGrant(a));
  return {
    session: {
      alias: optString(props, 'displayName', 'displayName') || (typeof sub.name === 'string' ? sub.name : ''),
      ...limit,
      expires: 0,
      is_inactive: isInactive(state),
      access_rights,
      apply_policies: [],
      meta_data: meta,
      tags: [],
    },
    warnings,
    ...skipFor(state),
  };
}

/** active → live; suspended/submitted → created inactive; expired/cancelled/rejected → not created. */
function isInactive(state: string | undefined): boolean {
  switch (state) {
    case 'active':
      return false;
    case 'suspended':
    case 'submitted':
    case 'expired':
    case 'cancelled':
    case 'rejected':
      return true;
    default:
      throw invalidField('state must be active, suspended, submitted, rejected, cancelled or expired');
  }
}

const skipFor = (state: string | undefined): Pick<Draft, 'skip'> =>
  state === 'expired' ? { skip: 'expired' } : state === 'cancelled' || state === 'rejected' ? { skip: 'terminated' } : {};

function apisOf(list: unknown, ctx: BuildContext): ApiRef[] {
  const apis = Array.isArray(list) ? list.filter(isObject) : [];
  return apis.flatMap((a) => {
    if (typeof a.name !== 'string') return [];
    const display =
      isObject(a.properties) && typeof a.properties.displayName === 'string' && a.properties.displayName !== ''
        ? a.properties.displayName
        : a.name;
    return [resolveApi(ctx.options, a.name, { api_id: a.name, api_name: display })];
  });
}

function readBundle(doc: Record<string, unknown>): Bundle {
  const products = Array.isArray(doc.products) ? doc.products.filter(isObject) : [];
  return {
    // ARM resource names are case-insensitive
    products: new Map(products.flatMap((p) => (typeof p.name === 'string' ? [[p.name.toLowerCase(), p] as const] : []))),
    apis: Array.isArray(doc.apis) ? doc.apis.filter(isObject) : [],
    limitsOf: policyLimitsOnce(),
  };
}
