import { describe, expect, it } from 'vitest';
import { readOracle, runOracle } from './oracle.js';

const ORACLES = [
  'kong-deck.expected.json',
  'aws-api-keys.expected.json',
  'aws-import.expected.json',
  'apigee-apps.expected.json',
  'azure-subscriptions.expected.json',
  'tyk-sessions.expected.json',
  'generic.expected.json',
];

describe('shared import fixtures', () => {
  for (const name of ORACLES) {
    const oracle = readOracle(name);
    it(`parses ${oracle.input} to exactly the records of ${name}`, async () => {
      const { files, records } = await runOracle(oracle);
      expect(files.map((f) => f.name).sort()).toEqual([oracle.input, ...Object.values(oracle.aux_inputs)].sort());
      expect(records).toHaveLength(oracle.records.length);
      oracle.records.forEach((want, i) => {
        const got = records[i];
        const at = `record ${i} (${want.ref})`;
        expect(got?.index, at).toBe(i);
        expect(got?.ref, at).toBe(want.ref);
        expect(got?.result, at).toBe(want.result);
        expect(got && 'key' in got ? got.key?.reveal() : undefined, at).toBe(want.key);
        if (got?.result === 'ok') {
          expect(got.session, at).toStrictEqual(want.session);
          expect(got.warnings, at).toEqual(expect.arrayContaining(want.warnings ?? []));
        }
        if (got?.result === 'skipped') expect(got.reason, at).toBe(want.reason);
        if (got?.result === 'error') expect(got.error, at).toBe(want.error);
      });
      const keys = oracle.records.flatMap((r) => (r.key ? [r.key] : []));
      for (const r of records) {
        if (r.result === 'error' && r.detail) for (const key of keys) expect(r.detail).not.toContain(key);
      }
      const count = (result: string) => records.filter((r) => r.result === result).length;
      expect({ ok: count('ok'), skipped: count('skipped'), error: count('error') }).toEqual(oracle.summary);
    });
  }
});
