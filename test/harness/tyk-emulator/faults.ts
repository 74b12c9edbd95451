import type { Faults } from './types.js';

export type FaultDecision =
  | { kind: 'error'; status: number }
  | { kind: 'error-after'; status: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'hang' }
  | undefined;

interface Rule {
  decision: NonNullable<FaultDecision>;
  remaining: number;
  match: RegExp | undefined;
}

interface RandomPlan {
  error500: number;
  rateLimit429: number;
  hang: number;
  retryAfterSeconds: number;
  next: () => number;
}

/** mulberry32: a tiny seeded PRNG, so a failing random-fault run can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scripted and random faults for management calls; each call asks `decide` once. */
export class FaultPlan implements Faults {
  latencyMs = 0;
  #rules: Rule[] = [];
  #random: RandomPlan | undefined;

  failNext(n: number, opts: { status?: number; match?: RegExp } = {}): void {
    this.#add({ kind: 'error', status: opts.status ?? 500 }, n, opts.match);
  }

  failAfterNext(n: number, opts: { status?: number; match?: RegExp } = {}): void {
    this.#add({ kind: 'error-after', status: opts.status ?? 502 }, n, opts.match);
  }

  rateLimitNext(n: number, retryAfterSeconds: number, match?: RegExp): void {
    this.#add({ kind: 'rate-limit', retryAfterSeconds }, n, match);
  }

  hangNext(n: number, match?: RegExp): void {
    this.#add({ kind: 'hang' }, n, match);
  }

  randomFaults(p: { error500?: number; rateLimit429?: number; hang?: number; retryAfterSeconds?: number; seed?: number }): void {
    this.#random = {
      error500: p.error500 ?? 0,
      rateLimit429: p.rateLimit429 ?? 0,
      hang: p.hang ?? 0,
      retryAfterSeconds: p.retryAfterSeconds ?? 1,
      next: mulberry32(p.seed ?? 1),
    };
  }

  reset(): void {
    this.latencyMs = 0;
    this.#rules = [];
    this.#random = undefined;
  }

  /** `call` is "METHOD /path"; scripted rules win over random ones, oldest rule first. */
  decide(call: string): FaultDecision {
    const rule = this.#rules.find((r) => r.remaining > 0 && (r.match === undefined || r.match.test(call)));
    if (rule) {
      rule.remaining -= 1;
      this.#rules = this.#rules.filter((r) => r.remaining > 0);
      return rule.decision;
    }
    const random = this.#random;
    if (!random) return undefined;
    const roll = random.next();
    if (roll < random.error500) return { kind: 'error', status: 500 };
    if (roll < random.error500 + random.rateLimit429) return { kind: 'rate-limit', retryAfterSeconds: random.retryAfterSeconds };
    if (roll < random.error500 + random.rateLimit429 + random.hang) return { kind: 'hang' };
    return undefined;
  }

  #add(decision: NonNullable<FaultDecision>, n: number, match: RegExp | undefined): void {
    if (n > 0) this.#rules.push({ decision, remaining: n, match });
  }
}
