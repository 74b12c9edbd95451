import { type Log, createLog } from '../../src/log.js';

/** A debug-level logger writing to memory, so a test can check that no line holds a secret. */
export function captureLog(): { log: Log; text(): string } {
  const lines: string[] = [];
  const log = createLog({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { log, text: () => lines.join('') };
}
