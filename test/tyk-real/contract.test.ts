import { describe } from 'vitest';
import { defineKeyContract } from '../tyk-contract/key-contract.js';
import { isRealGatewayAvailable, startRealGateway } from './real-gateway.js';

// The pinned gateway is v5.8.1: before TT-15141, so the key's own is_inactive applies with and without
// policies (docs/tyk-api.md §1.5 table, row "up to 5.8.6").
const v581 = { withoutPolicies: true, withPolicies: true };

describe.skipIf(!isRealGatewayAvailable())('key contract, real gateway', () => {
  describe('hashed keys with murmur64', () => {
    defineKeyContract(() => startRealGateway({ hashKeys: true, hashKeyFunction: 'murmur64' }), { deactivation: v581 });
  });

  describe('unhashed keys in the legacy format', () => {
    defineKeyContract(() => startRealGateway({ hashKeys: false, hashKeyFunction: '' }), { deactivation: v581 });
  });

  describe('unhashed keys with sha256 tokens', () => {
    defineKeyContract(() => startRealGateway({ hashKeys: false, hashKeyFunction: 'sha256' }), { deactivation: v581 });
  });

  // Two modes the emulator suite does not run; the real gateway can.
  describe('hashed keys with sha256', () => {
    defineKeyContract(() => startRealGateway({ hashKeys: true, hashKeyFunction: 'sha256' }), { deactivation: v581 });
  });

  describe('hashed keys in the legacy format (murmur32)', () => {
    defineKeyContract(() => startRealGateway({ hashKeys: true, hashKeyFunction: '' }), { deactivation: v581 });
  });
});
