import type { RotateUserKeyInput } from '../../command-args/rotate-user-key.js';
import type { RequestRecord } from '../../store/requests.js';
import type { DashboardUser } from '../../tyk/dashboard-users.js';
import { refuseIfInProgress } from '../credential/in-progress.js';
import { needTyk } from '../credential/need-tyk.js';
import { chooseRecipients, isCliActor, ownerByEmail } from '../credential/recipients.js';
import { tykCall, tykFind } from '../credential/tyk-call.js';
import type { WorkflowDeps } from '../deps.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { readUserKey } from './read-key.js';
import type { UserKeyParams } from './types.js';

const selfRefusal = (u: DashboardUser) =>
  `${u.email || u.id} is the Dashboard user the bot itself works as (TYK_DASHBOARD_API_KEY). A reset answers without the new key and the old one stops working at once, so the bot would lock itself out. Set TYK_DASHBOARD_ADMIN_SECRET, a second Dashboard credential the bot reads its new key back with; or reset the key in the Dashboard and update TYK_DASHBOARD_API_KEY yourself. Nothing was requested.`;

function describeUser(u: DashboardUser, keyFp: string, p: UserKeyParams) {
  const name = `${u.firstName} ${u.lastName}`.trim();
  return {
    title: `Reset the Tyk Dashboard API key of ${u.email || u.id}`,
    fields: [
      { label: 'Dashboard user', value: `${name || '(no name)'} ${u.email ? `<${u.email}>` : ''}`.trim() },
      { label: 'User ID', value: u.id },
      { label: 'Current key', value: keyFp },
    ],
    warnings: [
      "The user's current Dashboard API key stops working at once, and their Dashboard session is reset: scripts and integrations using the key fail until they have the new one.",
      ...(p.self
        ? [
            "This is the key the bot itself uses. The bot reads its new key through the admin API and keeps working, but TYK_DASHBOARD_API_KEY must be updated in the bot's environment before its next restart.",
          ]
        : []),
    ],
  };
}

/**
 * `/rotate-user-key` after the ack: finds the Dashboard user (by ID, or by email through the user
 * list) and refuses, before any request exists, a deployment without a Dashboard, an unknown user,
 * the bot's own user without a second credential to read its new key, and an open rotation.
 */
export async function draftUserKeyRotation(
  d: WorkflowDeps,
  engine: RequestEngine,
  args: RotateUserKeyInput,
  requester: string,
  approved = false,
): Promise<RequestRecord | Refusal> {
  const dashboard = needTyk(d.tyk, 'dashboard', '/rotate-user-key');
  const given = args.user;
  // A malformed ID may be refused as a bad request rather than not found (DASH-SPEC has both).
  const user =
    given.kind === 'email'
      ? await tykCall(() => dashboard.findUserByEmail(given.email))
      : await tykFind(() => dashboard.getUser(given.id), ['not_found', 'bad_request']);
  if (!user) {
    return refuse(
      'not-found',
      `No Tyk Dashboard user has the ${given.kind === 'email' ? `email ${given.email}` : `ID ${given.id}`} (the bot sees the users of its own org). Nothing was requested.`,
    );
  }
  const self = (await tykCall(() => dashboard.me())).id === user.id;
  if (self && !dashboard.hasAdmin) return refuse('not-allowed', selfRefusal(user));
  const busy = refuseIfInProgress(d.store, 'rotate-user-key', `user:${user.id}`, `the Dashboard key of ${user.email || user.id}`);
  if (busy) return busy;
  const key = await tykCall(() => readUserKey(dashboard, user.id, self));
  // The Dashboard user owns their key: the Slack user with their email gets it.
  const owner = user.email ? await ownerByEmail(d.directory, user.email) : { user: null };
  const goesTo = chooseRecipients(requester, owner, isCliActor(requester), 'key');
  const slackUser = owner.user;
  const params: UserKeyParams = {
    userId: user.id,
    email: user.email,
    self,
    fingerprint: key.fingerprint,
    revealTo: slackUser ?? requester,
    matched: slackUser !== null,
    recipients: goesTo.to,
  };
  const emails = user.email ? [...new Set([user.email, user.email.toLowerCase()])].map((e) => `user:${e}`) : [];
  const input = {
    kind: 'rotate-user-key' as const,
    requester,
    reason: args.reason,
    summary: { ...describeUser(user, key.fingerprint, params), goesTo },
    params,
    refs: [`user:${user.id}`, ...emails, key.fingerprint],
  };
  return approved ? engine.draftApproved(input) : engine.draft(input);
}
