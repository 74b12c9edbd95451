import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps.js';

export function registerEvents(_app: App, _deps: ListenerDeps): void {}
