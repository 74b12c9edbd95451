import { auditCommand } from './audit.js';
import type { CliCommand } from './command.js';
import { credentialCommand } from './credential-command.js';
import { doctorCommand } from './doctor.js';
import { historyCommand } from './history.js';
import { hygieneCommand, inventoryCommand } from './hygiene.js';
import { importCommand } from './import.js';
import { revokeCommand } from './revoke-key.js';
import { rotateCredentialCli } from './rotate-credential.js';
import { rotateCommand } from './rotate-key.js';
import { rotateSecretCli } from './rotate-secret.js';
import { rotateUserKeyCli } from './rotate-user-key.js';

/**
 * Every `tyk-keybot` command, in the order `tyk-keybot --help` lists them. A new command is one
 * entry here: its name, summary, flags, example and run (see command.ts); dispatch, --help and
 * flag errors come from the entry.
 */
export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  rotateCommand,
  revokeCommand,
  credentialCommand(rotateSecretCli),
  credentialCommand(rotateUserKeyCli),
  credentialCommand(rotateCredentialCli),
  historyCommand,
  auditCommand,
  hygieneCommand,
  inventoryCommand,
  doctorCommand,
];
