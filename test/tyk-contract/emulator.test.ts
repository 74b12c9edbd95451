import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { createGatewayClient } from '../../src/tyk/gateway.js';
import { createKeyStore } from '../../src/tyk/key-store.js';
import { captureLog } from '../harness/capture-log.js';
import { emulatorTarget } from '../harness/contract-target.js';
import type { GatewayVersion } from '../harness/tyk-emulator/index.js';
import { defineDeactivationContract, defineKeyContract } from './key-contract.js';

// The emulator's default version is 5.14: the key's own is_inactive applies, a policy's decides (docs/tyk-api.md §1.5).
const current = { withoutPolicies: true, withPolicies: false };

describe('key contract, emulator, hashed keys with murmur64', () => {
  defineKeyContract(() => emulatorTarget({ hashKeys: true, hashKeyFunction: 'murmur64' }), { deactivation: current });
});

describe('key contract, emulator, unhashed keys in the legacy format', () => {
  defineKeyContract(() => emulatorTarget({ hashKeys: false, hashKeyFunction: '' }), { deactivation: current });
});

describe('key contract, emulator, unhashed keys with sha256 tokens', () => {
  defineKeyContract(() => emulatorTarget({ hashKeys: false, hashKeyFunction: 'sha256' }), { deactivation: current });
});

// docs/tyk-api.md §1.5: which is_inactive takes, by gateway version
const versions: Array<[GatewayVersion, { withoutPolicies: boolean; withPolicies: boolean }]> = [
  ['5.8.6', { withoutPolicies: true, withPolicies: true }],
  ['5.8.8', { withoutPolicies: false, withPolicies: false }],
  ['5.12', { withoutPolicies: true, withPolicies: false }],
];
for (const [version, expected] of versions) {
  describe(`is_inactive on gateway ${version}`, () => {
    defineDeactivationContract(() => emulatorTarget({ version }), expected);
  });
}

describe('hashed key listing switched off', () => {
  it('reads as null, so the caller knows to fall back', async () => {
    const t = await emulatorTarget({ hashKeys: true, enableHashedKeysListing: false });
    try {
      const gateway = createGatewayClient({
        url: t.gatewayUrl,
        secret: new Secret(t.gatewaySecret),
        timeoutMs: 2_000,
        retries: 0,
        log: captureLog().log,
      });
      expect(await gateway.listKeys()).toBeNull();
      expect(await createKeyStore({ gateway, orgId: t.orgId }).list()).toBeNull();
    } finally {
      await t.close();
    }
  });
});
