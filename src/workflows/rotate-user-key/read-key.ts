import { KeybotError } from '../../errors.js';
import type { Secret } from '../../secret.js';
import type { DashboardClient } from '../../tyk/dashboard.js';

/**
 * A Dashboard user's current API key. The bot's own user is read through the admin API, because
 * once its key is reset the key in the bot's Authorization header no longer works (docs/tyk-api.md
 * 2.3). A Dashboard with `forbid_admin_view_access_token` hides other users' keys; the admin API
 * still shows them.
 */
export async function readUserKey(dashboard: DashboardClient, userId: string, self: boolean): Promise<Secret> {
  const user = self ? await dashboard.adminGetUser(userId) : await dashboard.getUser(userId);
  const key = user.accessKey ?? (!self && dashboard.hasAdmin ? (await dashboard.adminGetUser(userId)).accessKey : undefined);
  if (!key) {
    throw new KeybotError(
      'FORBIDDEN',
      `The Tyk Dashboard does not show the API key of user ${userId} to the bot (security.forbid_admin_view_access_token), so it could not hand a new key over. Set TYK_DASHBOARD_ADMIN_SECRET, or let the user reset their own key in the Dashboard.`,
    );
  }
  return key;
}
