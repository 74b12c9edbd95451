import { z } from 'zod';
import { KeybotError } from '../errors.js';
import type { ImportFormat } from '../importers/index.js';
import type { ImportChoice, PortalPlacement } from '../workflows/import-keys/types.js';

export const FORMATS: readonly ImportFormat[] = ['tyk', 'csv', 'kong', 'aws', 'apigee', 'azure'];

export const usage = [
  'Usage: `/import-keys` opens a form: the export format, the file(s), the target and options.',
  '• formats: `tyk` (Dashboard /api/keys/detailed), `csv` (key,alias,policy_ids,api_ids,rate,per,quota_max,quota_period,expires,is_inactive,tags,meta.*), `kong` (decK dump), `aws` (get-api-keys --include-values + usage plans + plan keys, or the import-api-keys CSV + usage plans), `apigee` (apps + products), `azure` (subscriptions + product bundle)',
  '• up to 10 files: the export and its auxiliary files, each recognised by its content',
  '• keys keep their values: consumers change nothing. Approvers see a preview first; a dry run only shows the preview.',
  'From a terminal: `tyk-keybot import FILE... --format kong [--target gateway] [--dry-run]`.',
].join('\n');

/** `Export time`: ISO 8601 or unix seconds; empty means now. */
export function parseExportTime(text: string | undefined, nowSeconds: number): number {
  const t = (text ?? '').trim();
  if (t === '') return nowSeconds;
  if (/^\d{9,10}$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(t))
    throw new KeybotError('BAD_INPUT', 'Export time must be ISO 8601 (2026-01-01T00:00:00Z) or unix seconds (1767225600).');
  return Math.floor(ms / 1000);
}

const ApiMapEntry = z.object({ api_id: z.string().min(1), api_name: z.string().optional() });
const ApiMap = z.record(z.string(), ApiMapEntry);

/** A mapping file: `{"<source ref>": {"api_id": "…", "api_name": "…"}}`, optionally under `"api_map"` (docs/import-mapping.md §0.3). */
export function parseApiMap(text: string): Record<string, { api_id: string; api_name: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeybotError(
      'BAD_INPUT',
      'The mapping file is not JSON. Write {"<source API>": {"api_id": "<Tyk API ID>", "api_name": "<name>"}}.',
    );
  }
  const inner = typeof json === 'object' && json !== null && 'api_map' in json ? (json as { api_map: unknown }).api_map : json;
  const parsed = ApiMap.safeParse(inner);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ');
    throw new KeybotError('BAD_INPUT', `The mapping file does not map source APIs to Tyk APIs (${where}).`);
  }
  return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, { api_id: v.api_id, api_name: v.api_name ?? v.api_id }]));
}

/** `app=12 plan=3 products=4,5`: where Portal custom credentials go. */
export function parsePortalPlacement(text: string | undefined): PortalPlacement | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const m = /^app=(\d+)\s+plan=(\d+)\s+products=(\d+(?:,\d+)*)$/.exec(t);
  if (!m) throw new KeybotError('BAD_INPUT', 'Write the portal placement as: app=12 plan=3 products=4,5');
  return { appId: Number(m[1]), planId: Number(m[2]), productIds: (m[3] as string).split(',').map(Number) };
}

const Choice = z.object({
  format: z.enum(FORMATS as [ImportFormat, ...ImportFormat[]], { message: 'choose the export format' }),
  target: z.enum(['dashboard', 'gateway', 'portal'], { message: 'choose where the keys go' }),
  onConflict: z.enum(['skip', 'overwrite']).default('skip'),
});

/** The form's choices (modal or CLI flags) → an ImportChoice; every problem is reported with its field. */
export function parseImportChoice(
  raw: {
    format?: string;
    target?: string;
    onConflict?: string;
    exportTime?: string;
    dryRun?: boolean;
    allOrNothing?: boolean;
    allowUnknown?: boolean;
    portal?: string;
    apiMap?: Record<string, { api_id: string; api_name: string }>;
  },
  nowSeconds: number,
): ImportChoice {
  const c = Choice.safeParse(raw);
  if (!c.success) throw new KeybotError('BAD_INPUT', c.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  const portal = parsePortalPlacement(raw.portal);
  if (c.data.target === 'portal' && !portal)
    throw new KeybotError('BAD_INPUT', 'A Portal import needs the placement: app=12 plan=3 products=4,5');
  return {
    ...c.data,
    exportTime: parseExportTime(raw.exportTime, nowSeconds),
    dryRun: raw.dryRun ?? false,
    allOrNothing: raw.allOrNothing ?? false,
    allowUnknown: raw.allowUnknown ?? false,
    apiMap: raw.apiMap ?? {},
    ...(portal ? { portal } : {}),
  };
}
