/**
 * Who owns a key value when it appears more than once (docs/import-mapping.md §0.2 step 3). Both work on
 * sha256 digests so no raw key is kept in a set.
 */
export interface KeyClaims {
  claim(digest: string, index: number): 'claimed' | 'duplicate' | 'superseded';
}

/** The first record with a value claims it, even if it is later skipped or fails. */
export function firstWins(): KeyClaims {
  const seen = new Set<string>();
  return {
    claim(digest) {
      if (seen.has(digest)) return 'duplicate';
      seen.add(digest);
      return 'claimed';
    },
  };
}

/** AWS import-api-keys is an upsert keyed by value (docs/import-mapping.md §2.4): the last row wins, earlier ones are superseded. */
export function lastWins(lastIndexByDigest: ReadonlyMap<string, number>): KeyClaims {
  return {
    claim(digest, index) {
      return (lastIndexByDigest.get(digest) ?? index) > index ? 'superseded' : 'claimed';
    },
  };
}
