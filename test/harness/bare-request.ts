import type { Store } from '../../src/store/index.js';

/** A request row with nothing in it, for store tests that need one to hang rows on. */
export function insertBareRequest(store: Store, id: string, o: { kind?: 'rotate-key' | 'test'; now?: number } = {}): void {
  const now = o.now ?? 1;
  store.requests.insert({
    id,
    kind: o.kind ?? 'rotate-key',
    requester: 'U1',
    reason: '',
    summary: { title: 't', fields: [] },
    params: {},
    now,
    expiresAt: now + 1000,
    refs: [],
  });
}
