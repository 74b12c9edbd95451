import { KeybotError } from '../../errors.js';
import type { TykServices } from '../../tyk/services.js';
import { keyTarget } from './key-target.js';
import { portalTarget } from './portal-target.js';
import type { ImportTarget } from './target.js';
import type { ImportChoice } from './types.js';

/** The target the requester chose, if this deployment has it. */
export function targetFor(tyk: TykServices, choice: Pick<ImportChoice, 'target' | 'portal'>): ImportTarget {
  switch (choice.target) {
    case 'portal':
      if (!tyk.portal)
        throw new KeybotError('NOT_CONFIGURED', 'Importing into the Developer Portal needs TYK_PORTAL_URL and TYK_PORTAL_TOKEN.');
      if (!choice.portal)
        throw new KeybotError('BAD_INPUT', 'A Portal import needs the app ID, the plan ID and the product IDs the credentials belong to.');
      return portalTarget(tyk.portal, choice.portal);
    case 'dashboard':
      if (tyk.keys.kind !== 'dashboard')
        throw new KeybotError('NOT_CONFIGURED', 'Importing into the Dashboard needs TYK_DASHBOARD_URL and TYK_DASHBOARD_API_KEY.');
      return keyTarget(tyk.keys);
    case 'gateway':
      // With a Dashboard configured the bot writes keys through it (docs/design.md "Tyk calls"); both end in the same gateway store.
      return keyTarget(tyk.keys);
  }
}
