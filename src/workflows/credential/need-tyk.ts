import { KeybotError } from '../../errors.js';
import type { TykServices } from '../../tyk/services.js';

type Part = 'gateway' | 'dashboard' | 'portal';

const WHY: Record<Part, string> = {
  gateway:
    'the Tyk Gateway API: OAuth client secrets are rotated on the Gateway only, the Dashboard has no route for it. Set TYK_GATEWAY_URL and TYK_GATEWAY_SECRET.',
  dashboard: 'the Tyk Dashboard API, where Dashboard users and their keys live. Set TYK_DASHBOARD_URL and TYK_DASHBOARD_API_KEY.',
  portal: 'the Tyk Developer Portal API. Set TYK_PORTAL_URL and TYK_PORTAL_TOKEN.',
};

/** The Tyk client a command needs, or a plain answer that this deployment has not configured it. */
export function needTyk<P extends Part>(tyk: TykServices, part: P, command: string): NonNullable<TykServices[P]> {
  const client = tyk[part];
  if (!client) throw new KeybotError('NOT_CONFIGURED', `${command} needs ${WHY[part]} Nothing was changed.`);
  return client as NonNullable<TykServices[P]>;
}
