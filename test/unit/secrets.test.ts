import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fingerprint, Secret } from '../../src/secret.js';
import { captureLog } from '../harness/capture-log.js';

const VALUE = 'sk-live-0123456789abcdef';

describe('secrets never print', () => {
  it('fingerprints a value the way `printf %s "$KEY" | sha256sum | cut -c1-8` does', () => {
    expect(fingerprint('hello-world')).toBe('fp:afa27b44'); // sha256("hello-world") = afa27b44…
  });

  it('a Secret prints, serialises and inspects as its fingerprint only', () => {
    const s = new Secret(VALUE);
    for (const shown of [String(s), `${s}`, JSON.stringify({ s }), inspect(s), inspect({ nested: { s } })]) {
      expect(shown).not.toContain(VALUE);
      expect(shown).toContain(fingerprint(VALUE));
    }
    expect(s.reveal()).toBe(VALUE);
  });

  it('the logger redacts every field that may hold a key, token or secret, at any depth', () => {
    const logs = captureLog();
    logs.log.info(
      {
        key: VALUE,
        token: VALUE,
        secret: VALUE,
        request: { authorization: VALUE, body: { access_key: VALUE, client_secret: VALUE } },
        Credential: VALUE,
      },
      'testing',
    );
    logs.log.info({ s: new Secret(VALUE) }, 'a Secret object');
    expect(logs.text()).not.toContain(VALUE);
    expect(logs.text()).toContain('[redacted]');
  });
});
