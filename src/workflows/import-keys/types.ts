import { z } from 'zod';
import type { FileRoleName, ImportFormat } from '../../importers/index.js';
import type { SavedSchemas, StepContext } from '../definition.js';
import type { FileDigest } from './file-digest.js';

export type ImportTargetKind = 'dashboard' | 'gateway' | 'portal';
export type OnConflict = 'skip' | 'overwrite';

const importFormat = z.enum(['tyk', 'csv', 'kong', 'aws', 'apigee', 'azure']) satisfies z.ZodType<ImportFormat>;
// the importers own the list of formats and file roles: a format added there fails to compile here until it is added above
const sameFormats: [ImportFormat] extends [z.infer<typeof importFormat>] ? true : false = true;
void sameFormats;

/** Where Portal custom credentials go: the app, and the plan and products that give them access. */
const portalPlacementSchema = z.object({ appId: z.number(), planId: z.number(), productIds: z.array(z.number()) });
export type PortalPlacement = z.infer<typeof portalPlacementSchema>;

/** What the requester chose; stored with the request (no key values). */
export const importChoiceSchema = z.object({
  format: importFormat,
  target: z.enum(['dashboard', 'gateway', 'portal']) satisfies z.ZodType<ImportTargetKind>,
  onConflict: z.enum(['skip', 'overwrite']) satisfies z.ZodType<OnConflict>,
  dryRun: z.boolean(),
  allOrNothing: z.boolean(),
  /** create keys naming an API or policy Tyk does not have (else they are `invalid`: unknown_api, unknown_policy); absent in the first imports */
  allowUnknown: z.boolean().default(false),
  /** unix seconds; docs/import-mapping.md's reference_time (Kong TTLs, expiry checks) */
  exportTime: z.number(),
  apiMap: z.record(z.string(), z.object({ api_id: z.string(), api_name: z.string() })),
  portal: portalPlacementSchema.optional(),
});
export type ImportChoice = z.infer<typeof importChoiceSchema>;

export const importParamsSchema = importChoiceSchema.extend({
  // the role is shown, never acted on: any text the importers once wrote is read
  files: z.array(z.object({ name: z.string(), role: z.custom<FileRoleName>((v) => typeof v === 'string') })),
  /** what was imported, byte for byte (requests drafted before this field have none) */
  digests: z.array(z.object({ name: z.string(), bytes: z.number(), sha256: z.string() }) satisfies z.ZodType<FileDigest>).optional(),
  total: z.number(),
});
export type ImportParams = z.infer<typeof importParamsSchema>;

export interface ImportCounts {
  new: number;
  identical: number;
  conflict: number;
  skipped: number;
  invalid: number;
  created: number;
  overwritten: number;
  failed: number;
  undone: number;
}

export const importStateSchema = z.object({
  startedAt: z.number().optional(),
  cancelRequested: z.string().optional(),
  cancelledAt: z.number().optional(),
  finishedAt: z.number().optional(),
  outcome: z.enum(['finished', 'failed', 'cancelled']).optional(),
  undoRequestedBy: z.string().optional(),
  undoneAt: z.number().optional(),
});
export type ImportState = z.infer<typeof importStateSchema>;

export const importSchemas: SavedSchemas<ImportParams, ImportState> = { params: importParamsSchema, state: importStateSchema };

/** What a step of `/import-keys` gets. */
export type ImportContext = StepContext<ImportParams, ImportState>;
