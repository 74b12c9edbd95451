import type { ImportSession } from '../../importers/index.js';
import type { Secret } from '../../secret.js';
import type { KeyRef } from '../../tyk/key-ref.js';
import type { KeyStore } from '../../tyk/key-store.js';
import { ExistenceIndex } from './existence-index.js';
import { importDiff, toTykSession } from './import-session.js';
import type { ImportTarget, Presence } from './target.js';

/**
 * The raw-value reference with the org of one of the key's APIs: the consumer's own view (1.2).
 * The store's org goes too: for an API the gateway does not know (allowed unknown), it falls back to it.
 */
const rawRef = (keys: KeyStore, key: Secret, wanted: ImportSession): KeyRef => {
  const apiId = Object.keys(wanted.access_rights)[0];
  return apiId && keys.kind === 'gateway'
    ? { raw: key, apiId, orgId: keys.orgId }
    : apiId
      ? { raw: key, apiId }
      : { raw: key, orgId: keys.orgId };
};

/** Dashboard or Gateway keys with the value consumers already send. */
export function keyTarget(keys: KeyStore): ImportTarget {
  let index = new ExistenceIndex(null, keys.orgId);
  return {
    kind: 'keys',
    async prepare() {
      index = new ExistenceIndex(await keys.list(), keys.orgId);
    },
    async presence(key, wanted): Promise<Presence> {
      // A POST over an existing key silently overwrites it (1.3.1): existence must be known first.
      if (index.has(key) === false) return { exists: false };
      const existing = await keys.get({ raw: key, orgId: keys.orgId });
      return existing ? { exists: true, diff: importDiff(wanted, existing) } : { exists: false };
    },
    async create(key, wanted, extra, overwrite) {
      // suppress_reset on overwrite: the consumer's quota counters are not reset by the import.
      // one of many: logged at debug; the report logs the batch's counts at info
      const created = await keys.createCustom(key, toTykSession(wanted, extra, keys.orgId), { suppressReset: overwrite, bulk: true });
      index.learn(key, created);
      return { handle: created.token, keyHash: created.keyHash ?? null };
    },
    async missing(created) {
      // the batch's creates are done: the listing taken before them need not live beside this one
      index = new ExistenceIndex(null, keys.orgId);
      const listed = await keys.list();
      if (!listed) return null;
      const gone = new Set<number>();
      for (const c of created) if (!ExistenceIndex.holds(listed, { token: c.handle, keyHash: c.keyHash })) gone.add(c.idx);
      return gone;
    },
    async verify(key, wanted) {
      const back = await keys.get(rawRef(keys, key, wanted));
      if (!back) return 'not usable by its value: its org is not the org of its APIs (TYK_ORG_ID)';
      const diff = importDiff(wanted, back);
      return diff.length > 0 ? `Tyk stored other settings (${diff.join(', ')})` : null;
    },
    remove: (handle) => keys.delete({ token: handle }),
    hashing: () => index.hashing(),
  };
}
