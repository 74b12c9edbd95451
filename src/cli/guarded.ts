import { ConfigError } from '../config.js';
import { isKeybotError } from '../errors.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';

/** The one place a CLI failure becomes an exit code and a sentence (never a stack or a key). */
export async function guarded(io: CliIo, fn: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return EXIT.badInput;
    }
    if (isKeybotError(e)) {
      io.err(e.userMessage);
      return e.code === 'BAD_INPUT' || e.code === 'NOT_CONFIGURED' ? EXIT.badInput : EXIT.failed;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\nRun tyk-keybot help for the usage.`);
      return EXIT.badInput;
    }
    io.err(`failed: ${(e as Error).message}`);
    return EXIT.failed;
  }
}
