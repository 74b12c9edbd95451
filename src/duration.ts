// No imports: the standalone Tyk emulator is built from this file without node_modules (the zod schema is duration-schema.ts).
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90s`, `15m`, `24h`, `7d`, `0s` → milliseconds; anything else throws with the accepted forms. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a duration; write a whole number and a unit: 90s, 15m, 24h or 7d`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** Milliseconds → the largest unit that divides it exactly (`604800000` → `7d`). */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}
