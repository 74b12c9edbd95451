import { checkView } from '../block-kit/surfaces.js';
import { fail, ok, type Reply } from '../reply.js';
import type { ViewVia } from '../types.js';
import { type Args, type Method, type MethodContext, str } from './context.js';
import { fullView, openStack, topModal, useTrigger } from './view-state.js';

/** Slack keeps at most three modals in one stack. */
const MAX_STACK = 3;

function save(
  ctx: MethodContext,
  user: string,
  via: ViewVia,
  view: Record<string, unknown>,
  links: { id: string; root: string; previous: string | null },
): Reply {
  const full = fullView(view, ctx, links);
  ctx.store.recordView({ id: links.id, user, view: full, via });
  return ok({ view: full });
}

const open: Method = (args, ctx) => {
  const problem = checkView(args.view, 'modal');
  if (problem) return problem;
  const trigger = useTrigger(str(args, 'trigger_id'), ctx.store);
  if ('status' in trigger) return trigger;
  const id = ctx.store.newId('V');
  return save(ctx, trigger.user, 'views.open', args.view as Args, { id, root: id, previous: null });
};

const push: Method = (args, ctx) => {
  const problem = checkView(args.view, 'modal');
  if (problem) return problem;
  const trigger = useTrigger(str(args, 'trigger_id'), ctx.store);
  if ('status' in trigger) return trigger;
  const top = topModal(ctx.store, trigger.user);
  if (!top) return fail('not_found');
  if (openStack(ctx.store, top.view.root_view_id).length >= MAX_STACK) return fail('push_limit_reached');
  const id = ctx.store.newId('V');
  return save(ctx, trigger.user, 'views.push', args.view as Args, { id, root: top.view.root_view_id, previous: top.id });
};

/** By view_id or external_id; a stale hash is refused so two updates cannot silently overwrite each other. */
const update: Method = (args, ctx) => {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) return fail('invalid_arguments');
  const current = [...ctx.store.liveViews.values()].find((e) => (viewId ? e.id === viewId : e.view.external_id === externalId));
  if (current?.view.type !== 'modal') return fail('not_found');
  const hash = str(args, 'hash');
  if (hash && hash !== current.view.hash) return fail('hash_conflict');
  const problem = checkView(args.view, 'modal');
  if (problem) return problem;
  return save(ctx, current.user, 'views.update', args.view as Args, {
    id: current.id,
    root: current.view.root_view_id,
    previous: current.view.previous_view_id,
  });
};

/** The App Home tab: one view per user, replaced on every publish. */
const publish: Method = (args, ctx) => {
  const user = str(args, 'user_id');
  if (!user) return fail('invalid_arguments');
  const problem = checkView(args.view, 'home');
  if (problem) return problem;
  const current = [...ctx.store.liveViews.values()].find((e) => e.user === user && e.view.type === 'home');
  const hash = str(args, 'hash');
  if (hash && current && hash !== current.view.hash) return fail('hash_conflict');
  const id = current?.id ?? ctx.store.newId('V');
  return save(ctx, user, 'views.publish', args.view as Args, { id, root: id, previous: null });
};

export const viewMethods: Record<string, Method> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
