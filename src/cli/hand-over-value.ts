import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeybotError } from '../errors.js';
import type { RequestRecord } from '../store/requests.js';
import { isRefusal } from '../workflows/refusal.js';
import { sayText } from '../workflows/say.js';
import { type CliIo, processIo } from './output.js';
import type { CliRuntime } from './runtime.js';

/** processIo.isTty describes stderr; a secret may only go to stdout when stdout itself is a terminal. */
const stdoutIsTerminal = (io: CliIo): boolean => (io === processIo ? Boolean(process.stdout.isTTY) : io.isTty);

/**
 * Before anything happens: can the new value be handed over? To a file that does not exist yet
 * (created 0600, never overwritten), or to stdout when it is a terminal; never into a pipe or a
 * CI log. Returns the refusal text, or null.
 */
export function checkValueOutput(io: CliIo, file: string | undefined): string | null {
  if (file === undefined) {
    return stdoutIsTerminal(io)
      ? null
      : 'stdout is not a terminal, so the new value would end up in a pipe, file or CI log. Pass --secret-file PATH (created with mode 0600). Nothing was done.';
  }
  if (existsSync(file))
    return `--secret-file ${file} exists already; give a new path (the bot creates it with mode 0600 and never overwrites). Nothing was done.`;
  if (!existsSync(dirname(file))) return `--secret-file: the folder ${dirname(file)} does not exist. Nothing was done.`;
  return null;
}

/**
 * Takes the CLI operator's Reveal row (the workflow wrote it for `cli:<user>`) and shows it once:
 * into the file, or on the terminal. Shown means erased from the vault and recorded as revealed.
 */
export function handOver(rt: CliRuntime, r: RequestRecord, actor: string, io: CliIo, file: string | undefined): { file?: string } {
  const revealId = rt.workflows.reveal.waitingFor(r.id, actor);
  if (!revealId) return {};
  const grant = rt.workflows.reveal.claim(revealId, actor);
  if (isRefusal(grant)) throw new KeybotError('INTERNAL', sayText(grant.message));
  try {
    if (file) writeFileSync(file, grant.secret.reveal(), { mode: 0o600, flag: 'wx' });
    else {
      io.err(`New ${grant.label} (${grant.secret.fingerprint}); it is shown this once:`);
      io.out(grant.secret.reveal());
    }
  } catch (e) {
    grant.failed();
    throw new KeybotError(
      'INTERNAL',
      `${r.id} succeeded, but the new value could not be written to ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); the CLI cannot show it again. Rotate again once the path works.`,
    );
  }
  grant.shown();
  return file ? { file } : {};
}
