import { productGroup } from './apigee-products.js';
import { badFile } from './bad-file.js';
import { type BuildContext, buildRecord, type Draft, withCreatedAt } from './build-record.js';
import { objectsIn, optArray, optNumeric, optString } from './field-readers.js';
import { type GrantGroup, mergeGrantGroups } from './grant-groups.js';
import { isObject, setOwn } from './own-property.js';
import type { ParsedDocument } from './parse-document.js';
import type { ImportRecord } from './types.js';

/** apigeecli export arrays, or Management API `{"app": [...]}` / `{"apiProduct": [...]}` wrappers (docs/import-mapping.md §3.1). */
export const apigeeList = (value: unknown, wrapper: 'app' | 'apiProduct'): unknown[] | undefined =>
  Array.isArray(value) ? value : isObject(value) && Array.isArray(value[wrapper]) ? value[wrapper] : undefined;

/** One record per credential, apps and credentials in file order (docs/import-mapping.md §3.3). */
export async function* apigeeRecords(
  apps: { name: string; doc: ParsedDocument },
  products: unknown[],
  ctx: BuildContext,
): AsyncGenerator<ImportRecord> {
  const byName = new Map(products.filter(isObject).flatMap((p) => (typeof p.name === 'string' ? [[p.name, p] as const] : [])));
  const value = apps.doc.value;
  if (apigeeList(value, 'app') === undefined) return;
  let index = 0;
  for await (const [a, app] of apps.doc.entries(Array.isArray(value) ? [] : ['app'])) {
    if (typeof a !== 'number' || !isObject(app) || (app.credentials !== undefined && !Array.isArray(app.credentials))) {
      throw badFile(apps.name, 'has an app that is not an object with a credentials list', 'export it again with `apigeecli apps export`');
    }
    const credentials = Array.isArray(app.credentials) ? app.credentials : [];
    const appName = typeof app.name === 'string' ? app.name : typeof app.appId === 'string' ? app.appId : `#${a + 1}`;
    for (const [c, credential] of credentials.entries()) {
      const cred = isObject(credential) ? credential : {};
      // the API key is consumerKey; consumerSecret is for OAuth client credentials and never imported
      yield buildRecord({ index, ref: `app ${appName} credential ${c + 1}`, rawKey: cred.consumerKey }, ctx, () =>
        withCreatedAt(apigeeDraft(app, cred, byName, ctx), cred.issuedAt, ctx),
      );
      index++;
    }
  }
}

function apigeeDraft(
  app: Record<string, unknown>,
  cred: Record<string, unknown>,
  products: Map<string, Record<string, unknown>>,
  ctx: BuildContext,
): Draft {
  const attributes = objectsIn(optArray(app, 'attributes'), 'app attributes').map((attr) => ({
    name: optString(attr, 'name', 'app attribute name') ?? '',
    value: optString(attr, 'value', 'app attribute value') ?? '',
  }));
  const displayName = attributes.find((attr) => attr.name === 'DisplayName' && attr.value !== '')?.value;
  const approved = approvedProducts(cred);
  const warnings: string[] = [];
  const groups: GrantGroup[] = [];
  for (const name of approved) {
    const product = products.get(name);
    if (!product) {
      warnings.push('unknown_product');
      continue;
    }
    const { group, warnings: productWarnings } = productGroup(product, ctx.options);
    groups.push(group);
    warnings.push(...productWarnings);
  }
  const merged = mergeGrantGroups(groups);
  const expiresAt = optNumeric(cred, 'expiresAt');
  const status = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
  const appStatus = status(app.status);
  const credStatus = status(cred.status);
  const meta: Record<string, unknown> = { migrated_from: 'apigee' };
  for (const [field, source] of [
    ['apigee_app_id', app.appId],
    ['apigee_app_name', app.name],
    ['apigee_developer_id', app.developerId],
  ] as const) {
    if (typeof source === 'string' && source !== '') meta[field] = source;
  }
  if (approved.length > 0) meta.apigee_products = approved.join(',');
  for (const attr of attributes)
    if (attr.name !== 'DisplayName' && attr.name !== '' && attr.value !== '') setOwn(meta, `apigee_attr_${attr.name}`, attr.value);
  return {
    session: {
      alias: displayName ?? (typeof app.name === 'string' ? app.name : ''),
      ...merged.limit,
      // expiresAt is milliseconds; -1 = never
      expires: expiresAt !== undefined && expiresAt > 0 ? Math.floor(expiresAt / 1000) : 0,
      // a revoked app disables all its keys; a revoked credential only itself
      is_inactive: (appStatus !== undefined && appStatus !== 'approved') || (credStatus !== undefined && credStatus !== 'approved'),
      access_rights: merged.access_rights,
      apply_policies: [],
      meta_data: meta,
      tags: [],
    },
    warnings: [...warnings, ...merged.warnings],
  };
}

/** Product links with status `approved` (or none given), in credential order; pending/revoked grant nothing. */
function approvedProducts(cred: Record<string, unknown>): string[] {
  const links = objectsOrNames(optArray(cred, 'apiProducts', 'credential apiProducts'));
  return links.filter((l) => l.status === undefined || l.status.toLowerCase() === 'approved').map((l) => l.name);
}

function objectsOrNames(list: unknown[] | undefined): Array<{ name: string; status?: string }> {
  return (list ?? []).flatMap((link) => {
    if (typeof link === 'string') return [{ name: link }];
    if (!isObject(link) || typeof link.apiproduct !== 'string') return [];
    return [typeof link.status === 'string' ? { name: link.apiproduct, status: link.status } : { name: link.apiproduct }];
  });
}
