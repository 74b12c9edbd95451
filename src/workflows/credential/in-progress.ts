import type { Store } from '../../store/index.js';
import { type RequestKind, type RequestRecord, TERMINAL } from '../../store/requests.js';
import { type Refusal, refuse } from '../refusal.js';

/** A second rotation of the same client, user or credential while one is open would race it: refused. */
export function refuseIfInProgress(store: Store, kind: RequestKind, ref: string, name: string): Refusal | null {
  const open = store.requests.findByRef(ref).find((r: RequestRecord) => r.kind === kind && !TERMINAL.includes(r.status));
  return open
    ? refuse(
        'already-decided',
        `A rotation of ${name} is already in progress: ${open.id} (${open.status}). /key-history ${open.id} shows where it is. Nothing was requested.`,
      )
    : null;
}
