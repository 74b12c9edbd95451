import type { ImportOptions } from './types.js';

export interface ApiRef {
  api_id: string;
  api_name: string;
}

/** docs/import-mapping.md §0.3: an `api_map` entry for the source reference, else the format's default. */
export function resolveApi(options: ImportOptions, sourceRef: string, fallback: ApiRef): ApiRef {
  const mapped = Object.hasOwn(options.apiMap, sourceRef) ? options.apiMap[sourceRef] : undefined;
  return mapped ? { api_id: mapped.api_id, api_name: mapped.api_name } : fallback;
}
