import type { App } from '@slack/bolt';
import { registerActions } from './actions/index.js';
import { registerEvents } from './events/index.js';
import type { ListenerDeps } from './listener-deps.js';
import { registerCommands } from './slash-commands/index.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);
}
