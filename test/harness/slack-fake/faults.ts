import type { SlackFaults } from './types.js';

export type Fault = { kind: 'ratelimited'; retryAfterSeconds: number } | { kind: 'http'; status: number };

/** mulberry32: a tiny seeded generator, so a failing random-fault run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Faults planned by tests: queued ones are used up in order, random ones apply to every call. */
export class FaultPlan implements SlackFaults {
  #queued = new Map<string, Fault[]>();
  #random: { methods: Set<string>; rate429: number; rate500: number; next: () => number } | undefined;

  rateLimit(method: string, n: number, retryAfterSeconds = 1): void {
    this.#push(method, n, { kind: 'ratelimited', retryAfterSeconds });
  }

  fail(method: string, n: number, status = 500): void {
    this.#push(method, n, { kind: 'http', status });
  }

  randomFaults(p: { methods: string[]; rate429?: number; rate500?: number; seed?: number }): void {
    this.#random = { methods: new Set(p.methods), rate429: p.rate429 ?? 0, rate500: p.rate500 ?? 0, next: seeded(p.seed ?? 1) };
  }

  reset(): void {
    this.#queued.clear();
    this.#random = undefined;
  }

  /** The fault for this call of `method`, if one is due. */
  take(method: string): Fault | undefined {
    const queued = this.#queued.get(method);
    if (queued && queued.length > 0) return queued.shift();
    const r = this.#random;
    if (!r?.methods.has(method)) return undefined;
    const roll = r.next();
    if (roll < r.rate429) return { kind: 'ratelimited', retryAfterSeconds: 1 };
    if (roll < r.rate429 + r.rate500) return { kind: 'http', status: 500 };
    return undefined;
  }

  #push(method: string, n: number, fault: Fault): void {
    const list = this.#queued.get(method) ?? [];
    for (let i = 0; i < n; i += 1) list.push(fault);
    this.#queued.set(method, list);
  }
}
