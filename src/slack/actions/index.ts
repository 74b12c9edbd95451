import type { App } from '@slack/bolt';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { acknowledgeAction } from './acknowledge.js';
import { approveAction } from './approve.js';
import { requestRotationAction } from './hygiene.js';
import { cancelImportAction, undoImportAction } from './import.js';
import { rejectAction } from './reject.js';
import { revealAction } from './reveal.js';
import { cancelRotationAction, extendGraceAction, restoreAction, retireNowAction } from './rotation.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action(ACTION.approve, approveAction(deps));
  app.action(ACTION.reject, rejectAction(deps));
  app.action(ACTION.reveal, revealAction(deps));
  app.action(ACTION.extendGrace, extendGraceAction(deps));
  app.action(ACTION.retireNow, retireNowAction(deps));
  app.action(ACTION.cancelRotation, cancelRotationAction(deps));
  app.action(ACTION.restore, restoreAction(deps));
  app.action(ACTION.cancelImport, cancelImportAction(deps));
  app.action(ACTION.undoImport, undoImportAction(deps));
  app.action(ACTION.requestRotation, requestRotationAction(deps));
  app.action(ACTION.acknowledge, acknowledgeAction(deps));
}
