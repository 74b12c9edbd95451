import { Writable } from 'node:stream';
import { createLog, type Log } from '../../src/log.js';

export interface LogCapture {
  log: Log;
  lines: string[];
  text(): string;
}

/** A real pino logger writing into memory, so tests can read what operators would see. */
export function captureLog(level = 'debug'): LogCapture {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLog({ level, destination }), lines, text: () => lines.join('\n') };
}
