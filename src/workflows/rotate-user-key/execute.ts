import { recordRotation } from '../credential/finish.js';
import { handedTo } from '../credential/handed-to.js';
import { needTyk } from '../credential/need-tyk.js';
import { rotateOnce } from '../credential/rotate-once.js';
import type { CredentialState } from '../credential/types.js';
import type { StepContext } from '../definition.js';
import { beginRequest } from '../rotate-key/begin.js';
import { type Say, says } from '../say.js';
import { readUserKey } from './read-key.js';
import type { UserKeyParams } from './types.js';

const RESTART_NOTE =
  "The bot already works with the new key; update TYK_DASHBOARD_API_KEY in the bot's environment before its next restart.";

function note(p: UserKeyParams, requestId: string): string {
  const who = p.matched
    ? `Your Tyk Dashboard API key was reset (${requestId}); the old key no longer works. Update the scripts and tools that use it.`
    : `No Slack user has the email ${p.email || '(none)'} of Dashboard user ${p.userId}, so the new key came to you: pass it on safely.`;
  return p.self ? `${who} ${RESTART_NOTE}` : who;
}

function doneText(p: UserKeyParams, newFp: string): Say {
  return says(
    `Reset the Tyk Dashboard API key of ${p.email || p.userId} (user ${p.userId}): ${p.fingerprint} → ${newFp}. `,
    handedTo(p.recipients ?? [p.revealTo], 'key'),
    `${p.matched ? '' : ` No Slack user has the email ${p.email || '(none)'}, so it went to the requester.`} The old key no longer works.${p.self ? ` ${RESTART_NOTE}` : ''}`,
  );
}

/**
 * Step `execute`: reset the key once (`PUT /api/users/{id}/actions/key/reset`, whose answer carries
 * no key), read the new `access_key`, and hand it over. When the user is the
 * bot's own, the Dashboard client switches to the new key before anything else.
 */
export async function executeUserKeyReset(ctx: StepContext<UserKeyParams, CredentialState>): Promise<void> {
  const p = ctx.params;
  if (ctx.state.rotatedAt) return;
  beginRequest(ctx);
  const dashboard = needTyk(ctx.deps.tyk, 'dashboard', '/rotate-user-key');
  const { value, resumed } = await rotateOnce({
    what: 'Dashboard API key',
    oldFingerprint: p.fingerprint,
    read: () => readUserKey(dashboard, p.userId, p.self),
    rotate: () => dashboard.resetUserKey(p.userId),
    hints: {
      forbidden: p.self
        ? "The Dashboard's permissions (RBAC or OPA rules) do not let the bot's user reset its own key."
        : "The Dashboard forbids admins to reset other users' keys (security.forbid_admin_reset_access_token); the user can reset their own key in the Dashboard.",
      not_found: 'The Dashboard user no longer exists.',
    },
  });
  if (p.self) dashboard.setApiKey(value);
  recordRotation(ctx, {
    value,
    resumed,
    event: 'user-key-reset',
    data: { userId: p.userId, email: p.email, previous: p.fingerprint, ...(p.self ? { self: true } : {}) },
    handover: {
      label: `Tyk Dashboard API key of ${p.email || p.userId}`,
      what: `Tyk Dashboard API key of ${p.email || p.userId} ${value.fingerprint}`,
      to: (p.recipients ?? [p.revealTo]).map((user) => ({ user, note: note(p, ctx.request.id) })),
    },
    next: { done: doneText(p, value.fingerprint) },
  });
}
