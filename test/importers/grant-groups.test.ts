import { describe, expect, it } from 'vitest';
import { mergeGrantGroups } from '../../src/importers/grant-groups.js';
import { UNLIMITED } from '../../src/importers/unlimited.js';

const api = (id: string) => ({ api_id: id, api_name: id });
const limit = (rate: number, quota: number) => ({ rate, per: 1, quota_max: quota, quota_renewal_rate: 86400 });

describe('grant groups', () => {
  it('puts the limits on the session when every granting group has the same limits', () => {
    const merged = mergeGrantGroups([
      { id: 'g1', apis: [api('a')], limit: limit(10, 100) },
      { id: 'g2', apis: [api('b')], limit: limit(10, 100) },
    ]);
    expect(merged.limit).toEqual(limit(10, 100));
    expect(Object.values(merged.access_rights).every((r) => r.limit === undefined && r.allowance_scope === undefined)).toBe(true);
  });

  it('moves differing limits to each API with the group id as allowance scope, leaving unlimited groups bare', () => {
    const merged = mergeGrantGroups([
      { id: 'gold', apis: [api('a'), api('b')], limit: limit(10, 100) },
      { id: 'free', apis: [api('c')], limit: { ...UNLIMITED } },
    ]);
    expect(merged.limit).toEqual(UNLIMITED);
    expect(merged.access_rights).toEqual({
      a: { ...api('a'), versions: ['Default'], limit: limit(10, 100), allowance_scope: 'gold' },
      b: { ...api('b'), versions: ['Default'], limit: limit(10, 100), allowance_scope: 'gold' },
      c: { ...api('c'), versions: ['Default'] },
    });
  });

  it('does not grant an API twice, warns, and ignores a group that granted nothing', () => {
    const merged = mergeGrantGroups([
      { id: 'g1', apis: [api('a')], limit: limit(10, 100) },
      { id: 'g2', apis: [api('a')], limit: limit(99, 999) },
    ]);
    expect(merged.warnings).toEqual(['api_in_multiple_plans']);
    expect(merged.limit).toEqual(limit(10, 100));
    expect(Object.keys(merged.access_rights)).toEqual(['a']);
  });

  it('grants nothing and stays unlimited without groups', () => {
    expect(mergeGrantGroups([])).toEqual({ access_rights: {}, limit: UNLIMITED, warnings: [] });
  });
});
