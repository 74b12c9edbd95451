import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps.js';
import { route } from '../route.js';
import { importKeysCommand } from './import-keys.js';
import { keyHistoryCommand } from './key-history.js';
import { keyHygieneCommand } from './key-hygiene.js';
import { revokeKeyCommand } from './revoke-key.js';
import { rotateCredentialCommand } from './rotate-credential.js';
import { rotateKeyCommand } from './rotate-key.js';
import { rotateSecretCommand } from './rotate-secret.js';
import { rotateUserKeyCommand } from './rotate-user-key.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  const commands = route<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(
    [
      ['/key-history', keyHistoryCommand(deps)],
      ['/key-hygiene', keyHygieneCommand(deps)],
      ['/rotate-key', rotateKeyCommand(deps)],
      ['/import-keys', importKeysCommand(deps)],
      ['/rotate-secret', rotateSecretCommand(deps)],
      ['/rotate-user-key', rotateUserKeyCommand(deps)],
      ['/rotate-credential', rotateCredentialCommand(deps)],
      ['/revoke-key', revokeKeyCommand(deps)],
    ],
    (args) => args.command.command,
  );
  app.command(commands.pattern, commands.listener);
}
