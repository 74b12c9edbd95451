/**
 * Period lengths in seconds (docs/import-mapping.md §0.1). Calendar months and years become fixed windows that
 * start at first use (Tyk's quota renews from first use); documented, not warned per record.
 */
export const PERIOD_SECONDS = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
  year: 31_536_000,
} as const;

export type PeriodName = keyof typeof PERIOD_SECONDS;

/** Case-insensitive; undefined for anything that is not one of the names above. */
export function periodSeconds(
  name: string,
  allowed: readonly PeriodName[] = Object.keys(PERIOD_SECONDS) as PeriodName[],
): number | undefined {
  const lower = name.trim().toLowerCase();
  return (allowed as readonly string[]).includes(lower) ? PERIOD_SECONDS[lower as PeriodName] : undefined;
}
