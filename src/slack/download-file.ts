import { KeybotError } from '../errors.js';
import { fileFromBuffer, type ImportFile, MAX_IMPORT_FILE_BYTES } from '../importers/index.js';
import type { Secret } from '../secret.js';

export interface SlackFileRef {
  id: string;
  name?: string;
  size?: number;
  url_private_download?: string;
}

/**
 * Downloads a file a user attached in a modal, with the bot token (Slack serves private files
 * only to it, redirecting anyone else to a sign-in page). Kept in memory, never written to disk:
 * an export holds key values in clear.
 */
export async function downloadSlackBytes(f: SlackFileRef, botToken: Secret): Promise<{ name: string; bytes: Buffer }> {
  const name = f.name ?? f.id;
  if ((f.size ?? 0) > MAX_IMPORT_FILE_BYTES)
    throw new KeybotError(
      'BAD_INPUT',
      `${name} is larger than ${MAX_IMPORT_FILE_BYTES / 1_000_000} MB; split the export or use the CLI (tyk-keybot import).`,
    );
  if (!f.url_private_download) throw new KeybotError('BAD_INPUT', `Slack gave no download link for ${name}; attach it again.`);
  const res = await fetch(f.url_private_download, { headers: { authorization: `Bearer ${botToken.reveal()}` }, redirect: 'manual' });
  if (res.status !== 200)
    throw new KeybotError(
      'SLACK',
      `Slack refused the download of ${name} (HTTP ${res.status}); check that the bot has the files:read scope.`,
      true,
    );
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > MAX_IMPORT_FILE_BYTES)
    throw new KeybotError('BAD_INPUT', `${name} is larger than ${MAX_IMPORT_FILE_BYTES / 1_000_000} MB.`);
  return { name, bytes: buf };
}

export async function downloadSlackFile(f: SlackFileRef, botToken: Secret): Promise<ImportFile> {
  const { name, bytes } = await downloadSlackBytes(f, botToken);
  return fileFromBuffer(name, bytes);
}
