import pino from 'pino';
import { describeError } from '../describe-error.js';
import { createLog } from '../log.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';

/** The one place a CLI failure becomes an exit code and describeError's sentence (never a stack or a key). */
export async function guarded(io: CliIo, fn: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await fn();
  } catch (e) {
    // An unexpected failure's stack goes to stderr as a log line, under the incident ID the sentence names.
    const d = describeError(e, createLog({ level: 'warn', destination: pino.destination(2) }));
    io.err(d.message);
    return d.code === 'BAD_INPUT' || d.code === 'NOT_CONFIGURED' ? EXIT.badInput : EXIT.failed;
  }
}
