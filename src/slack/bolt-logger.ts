import { type Logger, LogLevel } from '@slack/logger';
import type { Log } from '../log.js';

/**
 * Routes Bolt's own logging into pino. Bolt's debug output can include request bodies (slash
 * command text may hold a key a user pasted), so debug is dropped rather than forwarded.
 */
export function boltLogger(log: Log): Logger {
  const child = log.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : '[data]')).join(' ');
  return {
    debug: () => undefined,
    info: (...args: unknown[]) => child.info(text(args)),
    warn: (...args: unknown[]) => child.warn(text(args)),
    error: (...args: unknown[]) => child.error(text(args)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
