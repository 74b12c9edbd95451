/**
 * docs/import-mapping.md §0.1: Tyk works best with an integer `rate`, so a fractional one is scaled with `per` by
 * the smallest 10^k (k = 0..3) that makes it whole: 0.5/1 → 5/10, 1.5/1 → 15/10. Beyond k = 3 the
 * rate is rounded at 10^3. Unlimited (-1) passes through.
 */
export function normaliseRate(rate: number, per: number): { rate: number; per: number } {
  if (rate === -1) return { rate, per };
  for (let k = 0; k <= 3; k++) {
    const m = 10 ** k;
    const scaled = rate * m;
    // 1.15 * 100 is 114.99999999999999 in floating point: compare with a tolerance
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) {
      return { rate: Math.round(scaled), per: tidy(per * m) };
    }
  }
  return { rate: Math.round(rate * 1000), per: tidy(per * 1000) };
}

/** Removes floating-point dust from a scaled `per` (0.1 * 10 → 1). */
const tidy = (n: number): number => (Number.isInteger(n) ? n : Number(n.toPrecision(12)));
