import { describe, expect, it } from 'vitest';
import { cleanSession, Session, sessionsEquivalent } from '../../src/tyk/session.js';

/** What a 5.8 gateway emits: every field, Go nil maps/slices as null. */
const fullForm = {
  org_id: '5e9d9544a1dcd60001d0ed20',
  access_rights: {
    'orders-api': {
      api_id: 'orders-api',
      api_name: 'Orders',
      versions: ['Default'],
      allowed_urls: null,
      limit: {
        rate: 0,
        per: 0,
        quota_max: 0,
        quota_remaining: 0,
        quota_renewal_rate: 0,
        quota_renews: 0,
        throttle_interval: 0,
        throttle_retry_limit: 0,
        max_query_depth: 0,
      },
      allowance_scope: '',
    },
  },
  apply_policies: null,
  rate: 10,
  per: 60,
  allowance: 10,
  throttle_interval: 0,
  throttle_retry_limit: 0,
  quota_max: 1000,
  quota_remaining: 990,
  quota_renewal_rate: 3600,
  quota_renews: 1767229200,
  expires: 0,
  is_inactive: false,
  meta_data: null,
  tags: null,
  alias: 'billing-ci',
  date_created: '2026-01-01T00:00:00Z',
  last_updated: '1767225600',
  last_check: 0,
  hmac_enabled: false,
  basic_auth_data: { password: '', hash_type: '' },
};

/** The same session from a ≥ 5.12 gateway (`omitzero`). */
const omitzeroForm = {
  org_id: '5e9d9544a1dcd60001d0ed20',
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
  rate: 10,
  per: 60,
  allowance: 10,
  quota_max: 1000,
  quota_remaining: 990,
  quota_renewal_rate: 3600,
  quota_renews: 1767229200,
  alias: 'billing-ci',
  date_created: '2026-01-01T00:00:00Z',
  last_updated: '1767225600',
  basic_auth_data: {},
};

describe('Session schema', () => {
  it('reads the full and the omitzero serialisation as the same session', () => {
    const full = Session.parse(fullForm);
    const omitted = Session.parse(omitzeroForm);
    expect(sessionsEquivalent(full, omitted)).toEqual([]);
    expect(omitted).toMatchObject({ expires: 0, is_inactive: false, tags: [], meta_data: {}, apply_policies: [], throttle_interval: 0 });
    expect(full).toMatchObject({ tags: [], meta_data: {}, apply_policies: [] });
    expect(full.access_rights['orders-api']?.allowed_urls).toEqual([]);
  });

  it('keeps fields it does not know so a GET → PUT round trip loses nothing', () => {
    const s = Session.parse({ ...omitzeroForm, hmac_enabled: true, monitor: { trigger_limits: [80] } });
    expect(JSON.parse(JSON.stringify(s))).toMatchObject({ hmac_enabled: true, monitor: { trigger_limits: [80] } });
  });

  it('does not invent a date_created, which Go could not parse back', () => {
    expect(JSON.parse(JSON.stringify(Session.parse({})))).not.toHaveProperty('date_created');
  });
});

describe('cleanSession', () => {
  it('drops what Tyk manages and keeps what the key grants', () => {
    const clean = cleanSession(Session.parse({ ...fullForm, key_id: 'x', apply_policies: ['gold-policy'], tags: ['a'] }));
    for (const f of ['date_created', 'last_updated', 'quota_remaining', 'quota_renews', 'last_check', 'key_id'])
      expect(clean).not.toHaveProperty(f);
    expect(clean.access_rights['orders-api']?.limit).not.toHaveProperty('quota_remaining');
    expect(clean.access_rights['orders-api']?.limit).not.toHaveProperty('quota_renews');
    expect(clean).toMatchObject({
      apply_policies: ['gold-policy'],
      tags: ['a'],
      alias: 'billing-ci',
      quota_max: 1000,
      hmac_enabled: false,
    });
  });

  it('leaves the session it copied untouched', () => {
    const s = Session.parse(fullForm);
    cleanSession(s);
    expect(s.quota_remaining).toBe(990);
    expect(s.access_rights['orders-api']?.limit?.quota_remaining).toBe(0);
  });
});

describe('sessionsEquivalent', () => {
  const base = Session.parse({
    ...omitzeroForm,
    tags: ['a', 'b'],
    apply_policies: ['p1', 'p2'],
    meta_data: { owner: 'x', n: { a: 1, b: 2 } },
  });

  it('ignores order of tags, policies, meta data keys and URL methods', () => {
    const other = Session.parse({
      ...omitzeroForm,
      tags: ['b', 'a'],
      apply_policies: ['p2', 'p1'],
      meta_data: { n: { b: 2, a: 1 }, owner: 'x' },
    });
    expect(sessionsEquivalent(base, other)).toEqual([]);
  });

  it('names each field that differs', () => {
    const other = Session.parse({
      ...omitzeroForm,
      tags: ['a'],
      apply_policies: ['p1', 'p2'],
      meta_data: { owner: 'y', n: { a: 1, b: 2 } },
      alias: 'other',
      expires: 1900000000,
      is_inactive: true,
      rate: 11,
      access_rights: {
        'orders-api': { api_id: 'orders-api', versions: ['v2'], allowed_urls: [{ url: '/x', methods: ['GET'] }], limit: { rate: 5 } },
      },
    });
    expect(sessionsEquivalent(base, other).sort()).toEqual(
      [
        'access_rights.orders-api.allowed_urls',
        'access_rights.orders-api.limit',
        'access_rights.orders-api.versions',
        'alias',
        'expires',
        'is_inactive',
        'meta_data',
        'rate',
        'tags',
      ].sort(),
    );
  });

  it('reports a different set of APIs as access_rights', () => {
    const other = Session.parse({ ...omitzeroForm, access_rights: { 'invoices-api': { api_id: 'invoices-api', versions: ['Default'] } } });
    expect(sessionsEquivalent(Session.parse(omitzeroForm), other)).toEqual(['access_rights']);
  });

  it('treats every expires below 1 as never', () => {
    expect(sessionsEquivalent(Session.parse({ expires: -1 }), Session.parse({ expires: 0 }))).toEqual([]);
  });

  it('ignores counters and timestamps Tyk manages', () => {
    const other = Session.parse({
      ...omitzeroForm,
      quota_remaining: 1,
      quota_renews: 5,
      last_updated: '1',
      date_created: '2020-01-01T00:00:00Z',
    });
    expect(sessionsEquivalent(Session.parse(omitzeroForm), other)).toEqual([]);
  });
});
