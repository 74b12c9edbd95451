import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { VIEW } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { route } from '../route.js';
import { extendGraceSubmitted } from './extend-grace.js';
import { importKeysSubmitted } from './import-keys.js';
import { rejectReasonSubmitted } from './reject-reason.js';
import { undoImportSubmitted } from './undo-import.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  const forms = route<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs>(
    [
      [VIEW.rejectReason, rejectReasonSubmitted(deps)],
      [VIEW.extendGrace, extendGraceSubmitted(deps)],
      [VIEW.importKeys, importKeysSubmitted(deps)],
      [VIEW.undoImport, undoImportSubmitted(deps)],
    ],
    (args) => args.view.callback_id,
  );
  app.view(forms.pattern, forms.listener);
}
