import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { type RequestStatus, TERMINAL, TRANSITIONS } from '../../src/store/requests.js';
import { insertBareRequest } from '../harness/bare-request.js';
import { tempDir } from '../harness/env.js';

const STATUSES = Object.keys(TRANSITIONS) as RequestStatus[];
const PATH_TO: Record<RequestStatus, RequestStatus[]> = {
  pending: [],
  approved: ['approved'],
  running: ['approved', 'running'],
  succeeded: ['approved', 'running', 'succeeded'],
  failed: ['approved', 'failed'],
  partial: ['approved', 'partial'],
  rejected: ['rejected'],
  expired: ['expired'],
  cancelled: ['cancelled'],
};

/** A store holding one request brought to `status` through allowed moves. */
function requestIn(status: RequestStatus) {
  const store = createStore(join(tempDir(), 'keybot.db'), randomBytes(32));
  insertBareRequest(store, 'req_1');
  let at: RequestStatus = 'pending';
  for (const next of PATH_TO[status]) {
    expect(store.requests.transition('req_1', [at], next, 2)).toBe(true);
    at = next;
  }
  return store;
}

describe('request status moves', () => {
  it('terminal statuses have no way out, and every other status has one', () => {
    for (const s of STATUSES) expect(TRANSITIONS[s].length === 0).toBe(TERMINAL.includes(s));
  });

  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, allowed: TRANSITIONS[from].includes(to) })));
  it.each(pairs)('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    const store = requestIn(from);
    if (allowed) {
      expect(store.requests.transition('req_1', [from], to, 3)).toBe(true);
      expect(store.requests.get('req_1')?.status).toBe(to);
    } else {
      expect(() => store.requests.transition('req_1', [from], to, 3)).toThrow(`a request cannot move from ${from} to ${to}`);
      expect(store.requests.get('req_1')?.status).toBe(from);
    }
    store.close();
  });

  it('an allowed move from a status the request has left changes nothing (another click got there first)', () => {
    const store = requestIn('rejected');
    expect(store.requests.transition('req_1', ['pending'], 'approved', 3)).toBe(false);
    expect(store.requests.get('req_1')?.status).toBe('rejected');
    store.close();
  });
});
