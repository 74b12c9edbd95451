import type { FileRole, ImportFormat } from '../../importers/index.js';

export type ImportTargetKind = 'dashboard' | 'gateway' | 'portal';
export type OnConflict = 'skip' | 'overwrite';

/** Where Portal custom credentials go: the app, and the plan and products that give them access. */
export interface PortalPlacement {
  appId: number;
  planId: number;
  productIds: number[];
}

/** What the requester chose; stored with the request (no key values). */
export interface ImportChoice {
  format: ImportFormat;
  target: ImportTargetKind;
  onConflict: OnConflict;
  dryRun: boolean;
  allOrNothing: boolean;
  /** create keys naming an API or policy Tyk does not have (else they are `invalid`: unknown_api, unknown_policy) */
  allowUnknown: boolean;
  /** unix seconds; docs/import-mapping.md's reference_time (Kong TTLs, expiry checks) */
  exportTime: number;
  apiMap: Record<string, { api_id: string; api_name: string }>;
  portal?: PortalPlacement;
}

export interface ImportParams extends ImportChoice {
  files: FileRole[];
  total: number;
}

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

export interface ImportState {
  startedAt?: number;
  cancelRequested?: string;
  cancelledAt?: number;
  finishedAt?: number;
  outcome?: 'finished' | 'failed' | 'cancelled';
  undoRequestedBy?: string;
  undoneAt?: number;
}
