import { DEFAULT_MAX_KEYS } from './limits.js';
import type { ImportOptions } from './types.js';

/**
 * docs/import-mapping.md §0.7 defaults. `now` is the reference time for expiry checks and Kong TTLs (the CLI/modal
 * "Export time" replaces it), in unix seconds (`unixSeconds(clock)`); a `clock.now()` in milliseconds is
 * recognised and converted, since mixing the two up would make every expiry look past.
 */
export const defaultImportOptions = (now: number): ImportOptions => ({
  // unix seconds stay below 1e11 until the year 5138; milliseconds passed it in 1973
  referenceTime: now >= 1e11 ? Math.floor(now / 1000) : Math.floor(now),
  minKeyLength: 4,
  apiMap: {},
  azureKeySlots: 'both',
  defaultPolicies: [],
  maxKeys: DEFAULT_MAX_KEYS,
});
