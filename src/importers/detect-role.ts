import { apigeeList } from './apigee.js';
import { badFile } from './bad-file.js';
import { columnName } from './csv-table.js';
import { isObject } from './own-property.js';
import type { FileRoleName, ImportFormat } from './types.js';

/** What produces each file, for messages that tell the operator what to upload. */
export const ROLE_SOURCE: Record<FileRoleName, string> = {
  sessions: 'the Tyk Dashboard `GET /api/keys/detailed?p=-1` output',
  'decK dump': 'the `deck gateway dump` output',
  'api keys': 'the `aws apigateway get-api-keys --include-values` output',
  'usage plans': 'the `aws apigateway get-usage-plans` output',
  'usage plan keys': 'the `get-usage-plan-keys` outputs combined as {"<usagePlanId>": <output>}',
  'import-api-keys csv': 'an `import-api-keys` CSV with Name and Key columns',
  apps: 'the `apigeecli apps export` output',
  products: 'the `apigeecli products export` output',
  subscriptions: 'the ARM subscriptions list with the listSecrets keys merged in',
  'product bundle': 'the {"products": [...], "apis": [...]} bundle of products, APIs and policies',
  csv: 'a CSV with a `key` column',
};

const has = (o: Record<string, unknown>, ...fields: string[]) => fields.some((f) => f in o);
const itemsOf = (v: Record<string, unknown>) => (Array.isArray(v.items) ? v.items : Array.isArray(v.item) ? v.item : undefined);

/**
 * The roles a parsed JSON/YAML file can play in a `format` import, judged by its content (never its
 * name). Several roles means "an empty list": the caller gives it the role no other file took.
 */
export function documentRoles(format: ImportFormat, fileName: string, v: unknown): FileRoleName[] {
  switch (format) {
    case 'tyk':
      if (isObject(v) && Array.isArray(v.keys)) {
        if (v.keys.some((k) => typeof k === 'string'))
          throw badFile(fileName, 'lists key ids without their sessions', `upload ${ROLE_SOURCE.sessions} instead`);
        return ['sessions'];
      }
      return isObject(v) &&
        Object.values(v).length > 0 &&
        Object.values(v).every((s) => isObject(s) && has(s, 'access_rights', 'apply_policies', 'rate', 'quota_max', 'expires'))
        ? ['sessions']
        : [];
    case 'kong':
      if (isObject(v) && Array.isArray(v.data))
        throw badFile(
          fileName,
          'looks like one Admin API page, which names consumers by id only',
          `upload ${ROLE_SOURCE['decK dump']} instead`,
        );
      return isObject(v) && (has(v, '_format_version') || Array.isArray(v.consumers)) ? ['decK dump'] : [];
    case 'aws':
      return awsRoles(fileName, v);
    case 'apigee': {
      if (isObject(v)) return Array.isArray(v.app) ? ['apps'] : Array.isArray(v.apiProduct) ? ['products'] : [];
      const list = apigeeList(v, 'app') ?? [];
      const objects = list.filter(isObject);
      if (list.length === 0) return ['apps', 'products'];
      if (objects.some((o) => has(o, 'credentials', 'appId', 'developerId'))) return ['apps'];
      return objects.some((o) => has(o, 'proxies', 'quota', 'apiResources', 'operationGroup', 'environments')) ? ['products'] : [];
    }
    case 'azure':
      if (isObject(v) && Array.isArray(v.value)) return ['subscriptions'];
      return isObject(v) && (Array.isArray(v.products) || Array.isArray(v.apis)) ? ['product bundle'] : [];
    case 'csv':
      return [];
  }
}

function awsRoles(fileName: string, v: unknown): FileRoleName[] {
  if (!isObject(v)) return [];
  const items = itemsOf(v);
  if (items) {
    const objects = items.filter(isObject);
    if (items.length === 0) return ['api keys', 'usage plans'];
    if (objects.some((o) => has(o, 'apiStages', 'throttle', 'quota'))) return ['usage plans'];
    if (objects.some((o) => o.type === 'API_KEY'))
      throw badFile(
        fileName,
        'is one get-usage-plan-keys output, which does not name its plan',
        `upload ${ROLE_SOURCE['usage plan keys']}`,
      );
    return objects.some((o) => has(o, 'value', 'enabled', 'stageKeys', 'customerId', 'name')) ? ['api keys'] : [];
  }
  const values = Object.values(v);
  return values.length > 0 && values.every((o) => isObject(o) && itemsOf(o) !== undefined) ? ['usage plan keys'] : [];
}

/** A CSV's role from its header: the generic CSV (§6) or the AWS import-api-keys CSV (§2.4). */
export function csvRole(format: ImportFormat, fileName: string, header: string[]): FileRoleName | undefined {
  const names = header.map(columnName);
  if (!names.includes('key')) return undefined;
  if (format === 'aws') return 'import-api-keys csv';
  if (format !== 'csv') return undefined;
  if (names.includes('usageplanids'))
    throw badFile(
      fileName,
      'looks like an AWS import-api-keys CSV (it has a UsagePlanIds column)',
      'choose the aws format, and add the usage plans file',
    );
  return 'csv';
}
