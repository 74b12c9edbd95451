const DAY_MS = 86_400_000;

export interface ActivityUnit {
  apiId: string;
  /** days since the epoch (UTC) */
  day: number;
  hits: number;
  success: number;
  error: number;
  lastHit: number;
}

/** Per-key analytics the Dashboard aggregates (`/api/activity/keys/...`), bucketed by API and UTC day. */
export class ActivityLog {
  readonly #byKey = new Map<string, Map<string, ActivityUnit>>();

  record(keyHash: string, apiId: string, ok: boolean, atMs: number): void {
    const day = Math.floor(atMs / DAY_MS);
    const units = this.#byKey.get(keyHash) ?? new Map<string, ActivityUnit>();
    this.#byKey.set(keyHash, units);
    const id = `${apiId}\u0000${day}`;
    const unit = units.get(id) ?? { apiId, day, hits: 0, success: 0, error: 0, lastHit: 0 };
    unit.hits += 1;
    if (ok) unit.success += 1;
    else unit.error += 1;
    unit.lastHit = Math.max(unit.lastHit, atMs);
    units.set(id, unit);
  }

  /** Units whose day lies in [fromMs, toMs). */
  query(keyHash: string, fromMs: number, toMs: number): ActivityUnit[] {
    const from = Math.floor(fromMs / DAY_MS);
    const to = Math.ceil(toMs / DAY_MS);
    return [...(this.#byKey.get(keyHash)?.values() ?? [])].filter((u) => u.day >= from && u.day < to);
  }

  clear(): void {
    this.#byKey.clear();
  }
}
