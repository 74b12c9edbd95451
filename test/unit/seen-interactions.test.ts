import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { tempDir } from '../harness/env.js';

describe('seen Slack deliveries', () => {
  it('refuses an identity seen before, records nothing of a refused claim, and forgets after an hour', () => {
    const path = join(tempDir(), 'keybot.db');
    const store = createStore(path, randomBytes(32));
    const t0 = 1_800_000_000_000;
    expect(store.seenInteractions.claim(['sig:a', 'trigger:1'], t0)).toBe(true);
    expect(store.seenInteractions.claim(['sig:b', 'trigger:1'], t0 + 1)).toBe(false);
    expect(store.seenInteractions.claim(['sig:b'], t0 + 2)).toBe(true); // sig:b was not recorded by the refused claim
    store.close();
    const reopened = createStore(path, randomBytes(32));
    expect(reopened.seenInteractions.claim(['trigger:1'], t0 + 3)).toBe(false);
    expect(reopened.seenInteractions.claim(['trigger:1'], t0 + 61 * 60_000)).toBe(true);
    reopened.close();
  });
});
