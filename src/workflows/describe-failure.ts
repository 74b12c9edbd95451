import { isKeybotError } from '../errors.js';
import { newId } from '../ids.js';
import type { Log } from '../log.js';

/** A sentence for people; unknown errors get an incident ID whose stack is in the log. */
export function describeFailure(error: unknown, log: Log): { message: string; incident?: string } {
  if (isKeybotError(error)) return { message: error.userMessage };
  const incident = newId('inc');
  log.error({ err: error, incident }, 'unexpected failure');
  return { message: `Something unexpected went wrong (incident ${incident}); the details are in the bot's log.`, incident };
}
