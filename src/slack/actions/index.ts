import type { App } from '@slack/bolt';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { route } from '../route.js';
import { acknowledgeAction } from './acknowledge.js';
import { approveAction } from './approve.js';
import type { ButtonArgs } from './click.js';
import { requestRotationAction } from './hygiene.js';
import { cancelImportAction, undoImportAction } from './import.js';
import { rejectAction } from './reject.js';
import { revealAction } from './reveal.js';
import { cancelRotationAction, extendGraceAction, restoreAction, retireNowAction } from './rotation.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  const buttons = route<ButtonArgs>(
    [
      [ACTION.approve, approveAction(deps)],
      [ACTION.reject, rejectAction(deps)],
      [ACTION.reveal, revealAction(deps)],
      [ACTION.extendGrace, extendGraceAction(deps)],
      [ACTION.retireNow, retireNowAction(deps)],
      [ACTION.cancelRotation, cancelRotationAction(deps)],
      [ACTION.restore, restoreAction(deps)],
      [ACTION.cancelImport, cancelImportAction(deps)],
      [ACTION.undoImport, undoImportAction(deps)],
      [ACTION.requestRotation, requestRotationAction(deps)],
      [ACTION.acknowledge, acknowledgeAction(deps)],
    ],
    (args) => args.action.action_id,
  );
  app.action(buttons.pattern, buttons.listener);
}
