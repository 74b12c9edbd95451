import { parseDuration } from './duration.js';

/** Time comes from a Clock so tests can move it; production uses the system clock. */
export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand: `clock.advance('24h')`. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(by: string | number): void {
    this.#now += typeof by === 'number' ? by : parseDuration(by);
  }

  set(ms: number): void {
    this.#now = ms;
  }
}

export const unixSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);
