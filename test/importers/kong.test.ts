import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../src/importers/index.js';
import { importAll, jsonFile, REFERENCE_TIME, textFile } from './helpers.js';

const ok = (r: ImportRecord | undefined) => {
  if (r?.result !== 'ok') throw new Error(`expected ok, got ${r?.result}`);
  return r;
};

const services = `services:
- name: open-api
  plugins:
  - name: acl
    config: {deny: [blocked]}
- name: other-api
plugins:
- name: key-auth
`;

describe('Kong decK dumps', () => {
  it('keeps the exact text of a key YAML would read as a number or boolean', async () => {
    const yaml = `${services}consumers:\n- username: numeric\n  keyauth_credentials:\n  - key: 00012345\n  - key: 1e3000\n  - key: TRUE\n`;
    const records = await importAll('kong', [textFile('kong.yaml', yaml)]);
    expect(records.map((r) => (r.result === 'ok' ? r.key.reveal() : r.result))).toEqual(['00012345', '1e3000', 'TRUE']);
  });

  it('treats a global key-auth as protecting every service and applies a deny ACL', async () => {
    const yaml = `${services}consumers:\n- username: good\n  keyauth_credentials: [{key: good-key-1}]\n- username: bad\n  acls: [{group: blocked}]\n  keyauth_credentials: [{key: bad-key-1}]\n`;
    const [good, bad] = await importAll('kong', [textFile('kong.yaml', yaml)]);
    expect(Object.keys(ok(good).session.access_rights)).toEqual(['open-api', 'other-api']);
    expect(Object.keys(ok(bad).session.access_rights)).toEqual(['other-api']);
  });

  it('warns shared_limit_split when a per-consumer limit covers several keys', async () => {
    const yaml = `${services}consumers:\n- username: two-keys\n  plugins:\n  - name: rate-limiting\n    config: {minute: 60, day: 1000, month: 20000}\n  keyauth_credentials: [{key: first-key-1}, {key: second-key-2}]\n`;
    const records = await importAll('kong', [textFile('kong.yaml', yaml)]);
    for (const r of records) {
      const { session, warnings } = ok(r);
      expect([session.rate, session.per, session.quota_max, session.quota_renewal_rate]).toEqual([60, 60, 20000, 2592000]);
      expect(warnings).toEqual(expect.arrayContaining(['shared_limit_split', 'quota_window_dropped']));
    }
  });

  it('maps a top-level plugin scoped to the consumer alone, and ignores one scoped to consumer and service', async () => {
    const dump = {
      _format_version: '3.0',
      services: [{ name: 'svc', plugins: [{ name: 'key-auth' }] }],
      consumers: [{ username: 'scoped', keyauth_credentials: [{ key: 'scoped-key-1', ttl: 3600, tags: ['t1'] }], tags: ['t1', 't0'] }],
      plugins: [
        {
          name: 'rate-limiting-advanced',
          consumer: 'scoped',
          config: { limit: [5, 100], window_size: [1, 3600], identifier: 'credential' },
        },
        { name: 'rate-limiting', consumer: 'scoped', service: 'svc', config: { second: 1 } },
      ],
    };
    const { session, warnings } = ok((await importAll('kong', [jsonFile('kong.json', dump)]))[0]);
    expect([session.rate, session.per, session.quota_max]).toEqual([5, 1, -1]);
    expect(session.expires).toBe(REFERENCE_TIME + 3600);
    expect(session.tags).toEqual(['t1', 't0']);
    expect(warnings).toEqual(expect.arrayContaining(['rate_window_dropped', 'scoped_limit_ignored']));
    expect(warnings).not.toContain('shared_limit_split');
  });

  it('makes a malformed limit an invalid_field record and a negative ttl too', async () => {
    const yaml = `${services}consumers:\n- username: a\n  plugins: [{name: rate-limiting, config: {minute: lots}}]\n  keyauth_credentials: [{key: bad-limit-1}]\n- username: b\n  keyauth_credentials: [{key: bad-ttl-1, ttl: -5}]\n`;
    const records = await importAll('kong', [textFile('kong.yaml', yaml)]);
    expect(records.map((r) => (r.result === 'error' ? r.error : r.result))).toEqual(['invalid_field', 'invalid_field']);
  });
});
