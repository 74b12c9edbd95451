import type { App } from '@slack/bolt';
import { VIEW } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { rejectReasonSubmitted } from './reject-reason.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(VIEW.rejectReason, rejectReasonSubmitted(deps));
}
