import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_TEXT, splitArgs } from '../../src/command-args/args.js';
import { parseGrace } from '../../src/command-args/grace.js';
import { parseKeyHistory } from '../../src/command-args/key-history.js';
import { parseRevokeKey } from '../../src/command-args/revoke-key.js';
import { parseRotateKey, type RotateKeyRules } from '../../src/command-args/rotate-key.js';
import { Secret } from '../../src/secret.js';

const H = 3_600_000;
const RULES: RotateKeyRules = { grace: { minMs: H, maxMs: 30 * 24 * H, defaultMs: 7 * 24 * H }, requireReason: false };

/** The refusal a person would read, or what happened instead. */
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    const k = e as { code?: string; userMessage?: string };
    return k.code === 'BAD_INPUT' ? (k.userMessage as string) : `not BAD_INPUT: ${String(e)}`;
  }
  return 'no error';
};

/** A parsed value with every Secret shown, so a table can say what was read. */
const shown = (v: unknown): unknown => {
  if (v instanceof Secret) return `secret:${v.reveal()}`;
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shown(x)]));
};

describe('splitArgs', () => {
  it.each([
    { text: 'k1 --grace 2d', positional: ['k1'], flags: { grace: '2d' } },
    { text: 'k1 --grace=2d --now', positional: ['k1'], flags: { grace: '2d', now: true } },
    { text: 'k1 —reason “key leaked”', positional: ['k1'], flags: { reason: 'key leaked' } },
    { text: "k1 --reason 'two words'", positional: ['k1'], flags: { reason: 'two words' } },
    { text: '  ', positional: [], flags: {} },
  ])('$text', ({ text, positional, flags }) => {
    const a = splitArgs(text, 'usage');
    expect(a.positional).toEqual(positional);
    expect(Object.fromEntries(a.flags)).toEqual(flags);
  });

  it.each([
    { what: 'a text longer than the limit', text: 'x'.repeat(MAX_COMMAND_TEXT + 1), says: `the limit is ${MAX_COMMAND_TEXT}` },
    { what: 'control characters', text: 'k1\u0007', says: 'control characters' },
  ])('refuses $what', ({ text, says }) => {
    expect(refusal(() => splitArgs(text, 'usage'))).toContain(says);
  });
});

describe('/rotate-key arguments', () => {
  it.each([
    { text: 'k1', want: { key: { kind: 'value', value: 'secret:k1' }, graceMs: 7 * 24 * H, now: false, reason: '', graceExplicit: false } },
    { text: 'hash:abc --grace 2d', want: { key: { kind: 'hash', hash: 'secret:abc' }, graceMs: 48 * H, graceExplicit: true } },
    { text: 'k1 --now --reason leaked', want: { graceMs: 0, now: true, reason: 'leaked' } },
    { text: 'help', want: { help: true } },
  ])('$text', ({ text, want }) => {
    expect(shown(parseRotateKey(text, RULES))).toMatchObject(want);
  });

  it.each([
    { text: '', says: 'Which key?' },
    { text: 'k1 k2', says: 'Give one key at a time' },
    { text: 'k1 --now', says: 'reason' },
    { text: 'k1 --now --grace 1d --reason x', says: '--now retires the old key at once, so it takes no --grace' },
    { text: 'k1 --grace 10m', says: '--grace 10m is shorter than MIN_GRACE; choose between 1h to 30d' },
    { text: 'k1 --grace 60d', says: 'longer than MAX_GRACE' },
    { text: 'k1 --grace soon', says: '--grace:' },
    { text: 'k1 --force', says: 'Unknown option --force' },
    { text: 'hash:', says: 'The key is empty' },
  ])('refuses "$text"', ({ text, says }) => {
    const said = refusal(() => parseRotateKey(text, RULES));
    expect(said).toContain(says);
  });

  it('asks for a reason when REQUIRE_REASON is set', () => {
    expect(refusal(() => parseRotateKey('k1', { ...RULES, requireReason: true }))).toContain('reason');
  });

  it('never repeats the key in a refusal', () => {
    expect(refusal(() => parseRotateKey('sk_live_0123456789 --grace 1m', RULES))).not.toContain('sk_live');
  });
});

describe('/revoke-key arguments', () => {
  it.each([
    { text: 'k1 --reason leaked', want: { help: false, key: { kind: 'value', value: 'secret:k1' }, reason: 'leaked' } },
    { text: 'help', want: { help: true } },
  ])('$text', ({ text, want }) => {
    expect(shown(parseRevokeKey(text))).toMatchObject(want);
  });

  it.each([{ text: 'k1' }, { text: '--reason leaked' }])('refuses "$text"', ({ text }) => {
    expect(refusal(() => parseRevokeKey(text))).not.toBe('no error');
  });
});

describe('/key-history arguments', () => {
  it.each([
    { text: '', want: { kind: 'mine' } },
    { text: '<@U123ABC|ana>', want: { kind: 'user', user: 'U123ABC' } },
    { text: 'req_abc-1', want: { kind: 'request', id: 'req_abc-1' } },
    { text: 'user:a@example.com', want: { kind: 'ref', ref: 'user:a@example.com', label: 'user:a@example.com' } },
    { text: 'hash:h1', want: { kind: 'key', value: 'secret:h1' } },
    { text: 'k1', want: { kind: 'key', value: 'secret:k1' } },
    { text: '?', want: { kind: 'help' } },
  ])('"$text"', ({ text, want }) => {
    expect(shown(parseKeyHistory(text))).toEqual(want);
  });

  it('refuses two arguments or a flag', () => {
    expect(refusal(() => parseKeyHistory('a b'))).toContain('Give one key, @user or request ID.');
    expect(refusal(() => parseKeyHistory('a --all'))).toContain('Give one key, @user or request ID.');
  });
});

describe('parseGrace', () => {
  it.each([
    { text: '1h', ms: H },
    { text: '30d', ms: 30 * 24 * H },
    { text: '36h', ms: 36 * H },
  ])('$text within the bounds', ({ text, ms }) => {
    expect(parseGrace(text, RULES.grace, 'usage')).toBe(ms);
  });
});
