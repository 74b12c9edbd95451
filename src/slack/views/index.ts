import type { App } from '@slack/bolt';
import { VIEW } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { extendGraceSubmitted } from './extend-grace.js';
import { rejectReasonSubmitted } from './reject-reason.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(VIEW.rejectReason, rejectReasonSubmitted(deps));
  app.view(VIEW.extendGrace, extendGraceSubmitted(deps));
}
