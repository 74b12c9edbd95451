import { fingerprint } from '../../src/secret.js';
import { keyHash, parseToken, tykToken } from '../../src/tyk/token.js';
import type { CallRecord, TykEmulator } from '../../test/harness/tyk-emulator/index.js';

/**
 * Names for the key values that may appear in a Tyk path: the value itself, Tyk's key ID and its
 * key_hash all map to the value's fingerprint, so the transcript shows which key was touched
 * without showing anything a client could use.
 */
export class KeyNames {
  private readonly names = new Map<string, string>();
  constructor(private readonly tyk: TykEmulator) {}

  add(raw: string): void {
    const fp = fingerprint(raw);
    const token = tykToken(this.tyk.options.orgId, raw, this.tyk.options.hashKeyFunction);
    for (const form of [raw, token, keyHash(token), ...valueForms(raw)]) this.names.set(form, fp);
  }

  /** A path with every key segment replaced by a fingerprint, or by `‹key›` for one this transcript never held. */
  path(path: string): string {
    return path.replace(/(\/keys\/)([^/?]+)/, (_m, prefix: string, segment: string) => {
      const id = decodeURIComponent(segment);
      return `${prefix}${this.names.get(id) ?? '‹key›'}`;
    });
  }
}

/** One line per call the emulator answered: method, path with fingerprints, the query's names and values, status. */
export function describeTykCalls(names: KeyNames, calls: readonly CallRecord[]): string[] {
  return calls.map((c) => {
    const query = Object.entries(c.query)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return `${c.method.padEnd(6)} ${names.path(c.path)}${query ? `?${query}` : ''}  → ${c.status}`;
  });
}

/**
 * A key Tyk generated is handed over as its key ID (base64 JSON holding org and id); the bot
 * created it under the bare id, which is as good as the key itself.
 */
export const valueForms = (raw: string): string[] => {
  const id = parseToken(raw)?.id;
  return id ? [id] : [];
};
