import { planGroups } from './aws-plans.js';
import { badFile } from './bad-file.js';
import { type BuildContext, buildRecord, type Draft, withCreatedAt } from './build-record.js';
import { optBoolean, optObject, optString } from './field-readers.js';
import { mergeGrantGroups } from './grant-groups.js';
import { isObject } from './own-property.js';
import type { ParsedDocument } from './parse-document.js';
import { invalidField } from './record-error.js';
import type { ImportRecord } from './types.js';

export interface AwsInputs {
  apiKeys: { name: string; doc: ParsedDocument };
  plans: Map<string, Record<string, unknown>>;
  /** `{"<usagePlanId>": <get-usage-plan-keys output>}` */
  planKeys: { name: string; value: Record<string, unknown> };
}

interface Membership {
  /** plan ids per API key id, in plan-keys file order */
  plansOf: Map<string, string[]>;
  /** usage-plan-key value per API key id: the fallback when get-api-keys ran without --include-values */
  valueFor: Map<string, unknown>;
}

/** `get-api-keys --include-values` + usage plans + plan keys (docs/import-mapping.md §2.3): one record per API key item. */
export async function* awsRecords(inputs: AwsInputs, ctx: BuildContext): AsyncGenerator<ImportRecord> {
  const { plansOf, valueFor } = membership(inputs.planKeys);
  const top = isObject(inputs.apiKeys.doc.value) ? inputs.apiKeys.doc.value : {};
  const list = top.items === undefined || top.items === null ? 'item' : 'items';
  if (!Array.isArray(top[list])) throw notApiKeys(inputs.apiKeys.name);
  const planOrder = [...inputs.plans.keys()];
  for await (const [index, item] of inputs.apiKeys.doc.entries([list])) {
    if (typeof index !== 'number' || !isObject(item)) throw notApiKeys(inputs.apiKeys.name);
    const id = typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
    const own = item.value;
    const rawKey = own === undefined || own === null || own === '' ? (id === undefined ? undefined : valueFor.get(id)) : own;
    const member = id === undefined ? [] : (plansOf.get(id) ?? []);
    // known plans in plans-file order, then ids the plans file lacks (warned, left out of meta)
    const planIds = [...planOrder.filter((p) => member.includes(p)), ...member.filter((p) => !inputs.plans.has(p))];
    yield buildRecord({ index, ref: id === undefined ? `items[${index}]` : `api key ${id}`, rawKey }, ctx, () =>
      withCreatedAt(awsDraft(item, id, planIds, inputs, ctx), item.createdDate, ctx),
    );
  }
}

function awsDraft(item: Record<string, unknown>, id: string | undefined, planIds: string[], inputs: AwsInputs, ctx: BuildContext): Draft {
  const { groups, warnings } = planGroups(planIds, inputs.plans, ctx.options);
  const merged = mergeGrantGroups(groups);
  const meta: Record<string, unknown> = { migrated_from: 'aws-apigateway' };
  if (id) meta.aws_api_key_id = id;
  const customerId = optString(item, 'customerId');
  const description = optString(item, 'description');
  if (customerId) meta.aws_customer_id = customerId;
  if (description) meta.aws_description = description;
  // only plans the plans file holds: a dangling id is the `unknown_usage_plan` warning, not a fact about the key
  const known = planIds.filter((p) => inputs.plans.has(p));
  if (known.length > 0) meta.aws_usage_plans = known.join(',');
  return {
    session: {
      alias: optString(item, 'name') || (id ?? ''),
      ...merged.limit,
      expires: 0, // AWS API keys do not expire
      is_inactive: optBoolean(item, 'enabled') === false,
      access_rights: merged.access_rights,
      apply_policies: [],
      meta_data: meta,
      tags: awsTags(item),
    },
    warnings: [...warnings, ...merged.warnings],
  };
}

/** `{k: v}` → `"k:v"` sorted by k (docs/import-mapping.md §2.3). */
function awsTags(item: Record<string, unknown>): string[] {
  const tags = optObject(item, 'tags') ?? {};
  return Object.keys(tags)
    .sort()
    .map((k) => {
      const v = tags[k];
      if (typeof v !== 'string') throw invalidField(`tag ${k} must have a text value`);
      return `${k}:${v}`;
    });
}

const notApiKeys = (fileName: string) =>
  badFile(fileName, 'has `items` that is not a list of API keys', 'export it again with `aws apigateway get-api-keys --include-values`');

function membership(planKeys: AwsInputs['planKeys']): Membership {
  const plansOf = new Map<string, string[]>();
  const valueFor = new Map<string, unknown>();
  for (const [planId, output] of Object.entries(planKeys.value)) {
    const list = isObject(output) ? (output.items ?? output.item ?? []) : undefined;
    if (!Array.isArray(list))
      throw badFile(
        planKeys.name,
        `has plan ${planId} without an \`items\` list`,
        'combine the get-usage-plan-keys outputs as {"<usagePlanId>": <output>}',
      );
    for (const key of list.filter(isObject)) {
      if (typeof key.id !== 'string') continue;
      plansOf.set(key.id, [...(plansOf.get(key.id) ?? []), planId]);
      if (!valueFor.has(key.id) && typeof key.value === 'string' && key.value !== '') valueFor.set(key.id, key.value);
    }
  }
  return { plansOf, valueFor };
}
