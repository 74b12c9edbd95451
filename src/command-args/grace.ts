import { formatDuration, parseDuration } from '../duration.js';
import { KeybotError } from '../errors.js';

export interface GraceBounds {
  minMs: number;
  maxMs: number;
}

/** A grace period outside MIN_GRACE..MAX_GRACE is refused with the allowed range, never clamped silently. */
export function parseGrace(text: string, bounds: GraceBounds, usage: string): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (e) {
    throw new KeybotError('BAD_INPUT', `--grace: ${(e as Error).message}.\n${usage}`);
  }
  const range = `${formatDuration(bounds.minMs)} to ${formatDuration(bounds.maxMs)}`;
  if (ms < bounds.minMs) throw new KeybotError('BAD_INPUT', `--grace ${text} is shorter than MIN_GRACE; choose between ${range}.`);
  if (ms > bounds.maxMs) throw new KeybotError('BAD_INPUT', `--grace ${text} is longer than MAX_GRACE; choose between ${range}.`);
  return ms;
}
