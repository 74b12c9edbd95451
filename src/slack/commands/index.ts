import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps.js';
import { keyHistoryCommand } from './key-history.js';
import { rotateKeyCommand } from './rotate-key.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command('/key-history', keyHistoryCommand(deps));
  app.command('/rotate-key', rotateKeyCommand(deps));
}
