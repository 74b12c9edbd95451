import { Secret } from '../../secret.js';
import type { Store } from '../../store/index.js';
import { inventoryIdent } from '../../store/inventory.js';

/**
 * What only the bot knows about a key it made or brought in: when (a rotation resets a key's age;
 * an import keeps the source platform's creation date), and how to reach it where Tyk cannot list keys.
 */
export function recordOrigin(
  store: Store,
  o: { token: Secret; keyHash: string; fingerprint: string; requestId: string; rotatedAt?: number; sourceCreatedAt?: number | null },
): void {
  store.inventory.recordOrigin({
    ident: inventoryIdent(o.keyHash),
    fingerprint: o.fingerprint,
    rotatedAt: o.rotatedAt,
    sourceCreatedAt: o.sourceCreatedAt,
    requestId: o.requestId,
    ref: new Secret(JSON.stringify({ ref: { token: o.token.reveal() }, keyHash: o.keyHash })),
  });
}
