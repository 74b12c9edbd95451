import { KeybotError } from '../../errors.js';
import { createKeyStore, type KeyStore } from '../../tyk/key-store.js';
import type { TykServices } from '../../tyk/services.js';
import { keyTarget } from './key-target.js';
import { portalTarget } from './portal-target.js';
import type { ImportTarget } from './target.js';
import type { ImportChoice, ImportTargetKind } from './types.js';

/**
 * The key API the requester chose, as given: `gateway` writes through the Gateway API even when a
 * Dashboard is configured (docs/design.md "Command line"); a target this deployment lacks is bad input.
 */
export function keyStoreFor(tyk: TykServices, kind: Exclude<ImportTargetKind, 'portal'>): KeyStore {
  if (kind === 'dashboard') {
    if (tyk.keys.kind !== 'dashboard')
      throw new KeybotError(
        'BAD_INPUT',
        'The target dashboard is not configured: importing into it needs TYK_DASHBOARD_URL and TYK_DASHBOARD_API_KEY.',
      );
    return tyk.keys;
  }
  if (tyk.keys.kind === 'gateway') return tyk.keys;
  if (!tyk.gateway)
    throw new KeybotError(
      'BAD_INPUT',
      'The target gateway is not configured: importing into it needs TYK_GATEWAY_URL and TYK_GATEWAY_SECRET.',
    );
  return createKeyStore({ gateway: tyk.gateway, orgId: tyk.keys.orgId });
}

/** The target the requester chose, if this deployment has it. */
export function targetFor(tyk: TykServices, choice: Pick<ImportChoice, 'target' | 'portal'>): ImportTarget {
  if (choice.target !== 'portal') return keyTarget(keyStoreFor(tyk, choice.target));
  if (!tyk.portal)
    throw new KeybotError('BAD_INPUT', 'The target portal is not configured: importing into it needs TYK_PORTAL_URL and TYK_PORTAL_TOKEN.');
  if (!choice.portal)
    throw new KeybotError('BAD_INPUT', 'A Portal import needs the app ID, the plan ID and the product IDs the credentials belong to.');
  return portalTarget(tyk.portal, choice.portal);
}
