import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HELP, main, runPlayground } from '../../scripts/playground.js';

describe('npm run playground', () => {
  it('walks through an import, a rotation and a key history, and prints no secret', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const run = await runPlayground(out);
    const text = chunks.join('');
    process.stdout.write(text);
    expect(text).toBe(`${run.transcript}\n`);
  }, 60_000);

  it('--help says what it does', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    expect(await main(['--help'], out)).toBe(0);
    expect(text).toBe(HELP);
  });
});
