import type { Secret } from '../secret.js';

/** The export formats `/import-keys` and `tyk-keybot import --format` accept (docs/design.md "Import"). */
export type ImportFormat = 'tyk' | 'csv' | 'kong' | 'aws' | 'apigee' | 'azure';

export interface ImportLimit {
  rate: number;
  per: number;
  quota_max: number;
  quota_renewal_rate: number;
  [k: string]: unknown;
}

export interface ImportAccessRight {
  api_id: string;
  api_name: string;
  versions: string[];
  limit?: ImportLimit;
  allowance_scope?: string;
  /** Tyk→Tyk passes the other access fields (allowed_urls, ...) through unchanged. */
  [k: string]: unknown;
}

/** The 11 session fields docs/import-mapping.md §0 sets; the oracles compare exactly these. */
export interface ImportSession {
  alias: string;
  rate: number;
  per: number;
  quota_max: number;
  quota_renewal_rate: number;
  expires: number;
  is_inactive: boolean;
  access_rights: Record<string, ImportAccessRight>;
  apply_policies: string[];
  meta_data: Record<string, unknown>;
  tags: string[];
}

export type SkipReason = 'expired' | 'terminated' | 'no_access_rights' | 'superseded';

export type RecordErrorCode =
  | 'missing_key'
  | 'invalid_key'
  | 'duplicate_key'
  | 'invalid_field'
  | 'key_hashed_only'
  | 'unsupported_auth_type';

/** Warning codes of docs/import-mapping.md §0.6 (only on `ok` records). */
export type ImportWarning =
  | 'rate_window_dropped'
  | 'quota_window_dropped'
  | 'rate_limit_not_per_consumer'
  | 'shared_limit_split'
  | 'scoped_limit_ignored'
  | 'consumer_group_limits_not_mapped'
  | 'method_throttle_dropped'
  | 'quota_offset_ignored'
  | 'unknown_usage_plan'
  | 'api_in_multiple_plans'
  | 'unknown_product'
  | 'operation_quota_dropped'
  | 'quota_unit_unknown'
  | 'all_apis_scope'
  | 'per_api_policy_ignored'
  | 'policy_not_mapped'
  | 'bandwidth_quota_ignored'
  | 'expiration_not_enforced';

export interface RecordLocation {
  /** 0-based position in the output */
  index: number;
  /** docs/import-mapping.md's human locator: "row 3", "consumer acme-corp credential 1", "keys[4]" */
  ref: string;
  /** 1-based line in the file where the record starts, where known (CSV) */
  line?: number;
}

export type ImportRecord = RecordLocation &
  (
    | {
        result: 'ok';
        key: Secret;
        session: ImportSession;
        /** Tyk→Tyk: the other session fields (throttle, smoothing, monitor, ...), passed through */
        extra?: Record<string, unknown>;
        warnings: string[];
        /** the source platform's creation date (ms), kept so the key's age counts from it */
        createdAt?: number;
      }
    | { result: 'skipped'; key: Secret; reason: SkipReason }
    | {
        result: 'error';
        key?: Secret;
        error: RecordErrorCode;
        /** which field and why; never the key value */
        detail?: string;
      }
  );

export interface ImportOptions {
  /** unix seconds: "now" for expiry checks and the moment a Kong dump was taken (docs/import-mapping.md §1.3) */
  referenceTime: number;
  /** keys shorter than this are `invalid_key` (docs/import-mapping.md §0 rule 3) */
  minKeyLength: number;
  /** source API reference → Tyk API (docs/import-mapping.md §0.3); missing entries use the defaults */
  apiMap: Record<string, { api_id: string; api_name: string }>;
  azureKeySlots: 'both' | 'primary' | 'secondary';
  /** given to records that would otherwise have neither access rights nor policies */
  defaultPolicies: string[];
  /** more candidate records than this is BAD_INPUT (IMPORT_MAX_KEYS) */
  maxKeys?: number;
}

export interface ImportFile {
  name: string;
  /** may be called more than once: streamed CSV is read in two passes */
  open(): NodeJS.ReadableStream;
  size?: number;
}

export interface FileRole {
  name: string;
  role: FileRoleName;
}

export type FileRoleName =
  | 'sessions'
  | 'decK dump'
  | 'api keys'
  | 'usage plans'
  | 'usage plan keys'
  | 'import-api-keys csv'
  | 'apps'
  | 'products'
  | 'subscriptions'
  | 'product bundle'
  | 'csv';

export interface ParsedImport {
  format: ImportFormat;
  files: FileRole[];
  records: AsyncIterable<ImportRecord>;
}
