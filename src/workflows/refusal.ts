import type { Say } from './say.js';

/** Expected "no" answers to a click or command: returned, not thrown; the surface shows `message` to the actor only. */
export interface Refusal {
  refused: true;
  why: 'not-found' | 'not-approver' | 'self-approval' | 'already-decided' | 'already-voted' | 'not-allowed' | 'not-pending';
  /** may name people (a Say); Slack renders them as mentions, the CLI as IDs */
  message: Say;
}

export const refuse = (why: Refusal['why'], message: Say): Refusal => ({ refused: true, why, message });
export const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && (x as Refusal).refused === true;
