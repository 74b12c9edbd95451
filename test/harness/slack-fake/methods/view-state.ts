import { randomBytes } from 'node:crypto';
import { fail, type Reply } from '../reply.js';
import type { SlackStore } from '../store.js';
import type { ViewEntry } from '../types.js';
import type { MethodContext } from './context.js';

/** Slack's trigger_ids expire 3 seconds after the interaction that issued them, and work once. */
export const TRIGGER_LIFETIME_MS = 3000;

export function useTrigger(triggerId: string | undefined, store: SlackStore): { user: string } | Reply {
  const t = triggerId ? store.triggers.get(triggerId) : undefined;
  if (!t) return fail('invalid_arguments', { response_metadata: { messages: ['invalid `trigger_id`'] } });
  if (t.used) return fail('exchanged_trigger_id');
  if (store.clock.now() - t.issuedAt > TRIGGER_LIFETIME_MS) return fail('expired_trigger_id');
  t.used = true;
  return { user: t.user };
}

/** The view as Slack stores and returns it: the app's fields plus id, state, hash and the stack links. */
export function fullView(
  view: Record<string, unknown>,
  ctx: MethodContext,
  links: { id: string; root: string; previous: string | null },
): Record<string, unknown> {
  return {
    id: links.id,
    team_id: ctx.id.teamId,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    state: { values: {} },
    hash: `${Math.floor(ctx.store.clock.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    root_view_id: links.root,
    previous_view_id: links.previous,
    app_id: ctx.id.appId,
    app_installed_team_id: ctx.id.teamId,
    bot_id: ctx.id.botId,
  };
}

/** The open modals of one stack, bottom first. */
export function openStack(store: SlackStore, rootId: string): ViewEntry[] {
  return [...store.liveViews.values()].filter((e) => e.view.type === 'modal' && e.view.root_view_id === rootId);
}

/** The user's topmost open modal, which views.push stacks onto. */
export function topModal(store: SlackStore, user: string): ViewEntry | undefined {
  return [...store.liveViews.values()].filter((e) => e.user === user && e.view.type === 'modal').at(-1);
}

/** Closing a view closes the ones pushed above it too; `clear` closes the whole stack. */
export function closeView(store: SlackStore, viewId: string, wholeStack: boolean): void {
  const entry = store.liveViews.get(viewId);
  if (!entry) return;
  const stack = openStack(store, entry.view.root_view_id);
  const from = wholeStack ? 0 : stack.findIndex((e) => e.id === viewId);
  for (const e of stack.slice(Math.max(from, 0))) store.liveViews.delete(e.id);
}
