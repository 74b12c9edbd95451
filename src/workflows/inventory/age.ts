import type { InventoryKey } from '../../store/inventory.js';

export const DAY_MS = 86_400_000;
/** "idle": no traffic Tyk reported for this long (docs/design.md, key hygiene). */
export const IDLE_MS = 90 * DAY_MS;

/**
 * Where a key's age counts from: its last rotation by the bot, else the creation date the source
 * platform exported (kept at import), else Tyk's `date_created`. null when nothing is known.
 */
export const ageBasis = (k: Pick<InventoryKey, 'rotatedAt' | 'sourceCreatedAt' | 'tykCreatedAt'>): number | null =>
  k.rotatedAt ?? k.sourceCreatedAt ?? k.tykCreatedAt;
