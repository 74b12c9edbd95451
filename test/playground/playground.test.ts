import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HELP, main, runPlayground } from '../../scripts/playground.js';
import { fingerprint } from '../../src/secret.js';
import { FIXTURES } from '../harness/import-steps.js';

/** A stream that keeps what was written, and may act on it as it comes. */
function capture(onText: (text: string) => void = () => undefined) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => {
    text += c.toString('utf8');
    onText(text);
  });
  return { out, text: () => text };
}

const oracle = JSON.parse(readFileSync(`${FIXTURES}/kong-deck.expected.json`, 'utf8')) as {
  records: Array<{ ref: string; result: string; key?: string }>;
};
const count = (result: string) => oracle.records.filter((r) => r.result === result).length;
const ACME = oracle.records.find((r) => r.ref.startsWith('consumer acme-corp'))?.key as string;
const databaseOf = (text: string) => /database {3}(\S+)/.exec(text)?.[1] as string;

describe('npm run playground', () => {
  it('walks through an import, a rotation and a key history, printing what Slack and Tyk saw and no secret', async () => {
    const { out, text } = capture();
    const run = await runPlayground(out);
    const t = text();
    // 1. the sample export previewed and applied, with the counts its oracle gives
    expect(t).toContain(`new ${count('ok')} · identical 0 · conflict 0 · skipped 0 · invalid ${count('error')}`);
    expect(t).toContain('consumer vandelay credential 1: invalid_key');
    expect(t).toContain(`Import finished: ${oracle.records.length} record(s) from kong-deck.yaml into gateway.`);
    expect(t).toContain(`created ${count('ok')}, overwritten 0`);
    expect(t.match(/POST {3}\/tyk\/keys\/fp:[0-9a-f]{8} {2}→ 200/g)).toHaveLength(count('ok'));
    // 2. the rotation approved, both keys working in the grace period, the old one retired
    const old = fingerprint(ACME);
    expect(t).toMatch(/Rotate key acme-corp \(fp:[0-9a-f]{8}\) requested by @rita[\s\S]*\[Approve\] \[Reject\]/);
    expect(t).toMatch(/updated; now it says:\n.*\n\s+Approved by @anna/);
    expect(t).toMatch(/new message in DM to @rita:\n.*A new API key acme-corp[\s\S]*?\[Reveal\]/);
    expect(t).toContain('modal "Your new secret" opened');
    expect(t).toMatch(new RegExp(`old key \\(${old}\\) → 200, new key \\(fp:[0-9a-f]{8}\\) → 200`));
    expect(t).toContain(`Retirement held: the old key acme-corp ${old} is still in use`);
    expect(t).toContain(`The old key acme-corp ${old} was expired by @anna; its replacement works.`);
    expect(t).toContain(`PUT    /tyk/keys/${old}?suppress_reset=1  → 200`);
    expect(t).toMatch(new RegExp(`old key \\(${old}\\) → 401, new key \\(fp:[0-9a-f]{8}\\) → 200`));
    expect(t).toMatch(/The old key is retired in Tyk; request req_[\w-]+ ended with status succeeded\./);
    // 3. the key's history, by fingerprint
    expect(t).toContain(`History for key ${old}`);
    expect(t).toMatch(/retired by @anna \(fingerprint: fp:[0-9a-f]{8}, action: expire\)/);
    // every key in a Tyk path was named by its fingerprint; no value, key ID or secret is printed
    expect(t).not.toContain('‹key›');
    expect(t).not.toMatch(/eyJ[A-Za-z0-9+/=]{20,}/);
    const known = oracle.records.flatMap((r) => (r.key && r.key.length >= 8 ? [r.key] : []));
    for (const s of [...run.secrets, ...known, 'xoxb-test-bot-token', 'test-signing-secret', 'test-gateway-secret']) {
      expect(t.includes(s), `a secret of ${s.length} characters`).toBe(false);
    }
    expect(run.secrets.length).toBeGreaterThan(known.length); // the new key and the credentials were scanned too
    expect(t).toBe(`${run.transcript}\n`);
    expect(existsSync(dirname(databaseOf(t)))).toBe(false);
  }, 60_000);

  it('Ctrl-C stops the bot, the fake and the emulator at once and removes the temporary files', async () => {
    const abort = new AbortController();
    const { out, text } = capture((t) => t.includes('clicks Approve') && abort.abort());
    const started = Date.now();
    await expect(runPlayground(out, abort.signal)).rejects.toThrow('stopped');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(text()).not.toContain('== 2.');
    expect(existsSync(dirname(databaseOf(text())))).toBe(false);
  }, 60_000);

  it('--help says what it does; an unknown argument is bad input', async () => {
    const help = capture();
    expect(await main(['--help'], help.out)).toBe(0);
    expect(help.text()).toBe(HELP);
    expect(HELP).toMatch(/Tyk emulator and Slack fake[\s\S]*\/import-keys[\s\S]*\/rotate-key[\s\S]*\/key-history/);
    const bad = capture();
    expect(await main(['--fast'], bad.out)).toBe(2);
    expect(bad.text()).toContain('unknown argument --fast');
  });
});
