import { KeybotError } from '../errors.js';
import { isHelp } from './args.js';

export const usage = [
  'Usage: `/key-hygiene`',
  'Shows the key hygiene report: how many keys are `overdue` or `due soon` for rotation, have `no expiry`, `no owner` or are `idle`, and the most urgent keys, each with a *Request rotation* button.',
  'Rules: `ROTATION_MAX_AGE`, `ROTATION_WARN_BEFORE` and the rules of `KEYBOT_POLICY_FILE`.',
].join('\n');

export type KeyHygieneArgs = { help: true } | { help: false };

/** `/key-hygiene` takes no arguments (the report is the same for everyone; only the buttons act). */
export function parseKeyHygiene(text: string): KeyHygieneArgs {
  if (isHelp(text)) return { help: true };
  if (text.trim() !== '') throw new KeybotError('BAD_INPUT', `/key-hygiene takes no arguments.\n${usage}`);
  return { help: false };
}
