import type { App } from '@slack/bolt';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { approveAction } from './approve.js';
import { rejectAction } from './reject.js';
import { revealAction } from './reveal.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action(ACTION.approve, approveAction(deps));
  app.action(ACTION.reject, rejectAction(deps));
  app.action(ACTION.reveal, revealAction(deps));
}
