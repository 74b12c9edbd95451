import type { App } from '@slack/bolt';
import { VIEW } from '../ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { extendGraceSubmitted } from './extend-grace.js';
import { importKeysSubmitted } from './import-keys.js';
import { rejectReasonSubmitted } from './reject-reason.js';
import { undoImportSubmitted } from './undo-import.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(VIEW.rejectReason, rejectReasonSubmitted(deps));
  app.view(VIEW.extendGrace, extendGraceSubmitted(deps));
  app.view(VIEW.importKeys, importKeysSubmitted(deps));
  app.view(VIEW.undoImport, undoImportSubmitted(deps));
}
