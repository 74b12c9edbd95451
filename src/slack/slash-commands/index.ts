import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps.js';
import { importKeysCommand } from './import-keys.js';
import { keyHistoryCommand } from './key-history.js';
import { keyHygieneCommand } from './key-hygiene.js';
import { revokeKeyCommand } from './revoke-key.js';
import { rotateCredentialCommand } from './rotate-credential.js';
import { rotateKeyCommand } from './rotate-key.js';
import { rotateSecretCommand } from './rotate-secret.js';
import { rotateUserKeyCommand } from './rotate-user-key.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command('/key-history', keyHistoryCommand(deps));
  app.command('/key-hygiene', keyHygieneCommand(deps));
  app.command('/rotate-key', rotateKeyCommand(deps));
  app.command('/import-keys', importKeysCommand(deps));
  app.command('/rotate-secret', rotateSecretCommand(deps));
  app.command('/rotate-user-key', rotateUserKeyCommand(deps));
  app.command('/rotate-credential', rotateCredentialCommand(deps));
  app.command('/revoke-key', revokeKeyCommand(deps));
}
