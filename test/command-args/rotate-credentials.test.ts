import { describe, expect, it } from 'vitest';
import { parseRotateCredential } from '../../src/command-args/rotate-credential.js';
import { parseRotateSecret } from '../../src/command-args/rotate-secret.js';
import { parseRotateUserKey } from '../../src/command-args/rotate-user-key.js';

const badInput = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string; userMessage: string }).code === 'BAD_INPUT'
      ? (e as { userMessage: string }).userMessage
      : `not BAD_INPUT: ${String(e)}`;
  }
  return 'no error';
};

describe('credential command parsing', () => {
  it('takes --revoke-tokens anywhere, also as the em dash Slack clients type, without swallowing an ID', () => {
    const want = { help: false, apiId: 'oauth-api', clientId: 'c1', revokeTokens: true, reason: 'leak' };
    expect(parseRotateSecret('--revoke-tokens oauth-api c1 --reason leak', false)).toEqual(want);
    expect(parseRotateSecret('oauth-api —revoke-tokens c1 --reason “leak”', false)).toEqual(want);
    expect(parseRotateSecret('oauth-api c1', false)).toMatchObject({ revokeTokens: false, reason: '' });
    expect(badInput(() => parseRotateSecret('oauth-api c1 --revoke-tokens=no', false))).toContain('--revoke-tokens takes no value');
  });

  it('refuses a missing ID, an unknown flag, and a missing reason when REQUIRE_REASON is set', () => {
    expect(badInput(() => parseRotateSecret('oauth-api', false))).toContain('Give the API ID and the OAuth client ID');
    expect(badInput(() => parseRotateSecret('oauth-api c1 --grace 1d', false))).toContain('Unknown option --grace');
    expect(badInput(() => parseRotateUserKey('a@example.com', true))).toContain('A reason is required');
    expect(badInput(() => parseRotateSecret('oauth-api c<1>', false))).toContain('CLIENT_ID must be one word');
  });

  it('reads a user as an email (also in the <mailto:…> form Slack escapes it to) or as an ID', () => {
    expect(parseRotateUserKey('<mailto:Olga@Example.com|Olga@Example.com>', false)).toMatchObject({
      user: { kind: 'email', email: 'Olga@Example.com' },
    });
    expect(parseRotateUserKey('5e9d9544a1dcd60001d0ed21', false)).toMatchObject({ user: { kind: 'id', id: '5e9d9544a1dcd60001d0ed21' } });
    expect(badInput(() => parseRotateUserKey('olga@', false))).toContain('is not an email address');
    expect(parseRotateUserKey('help', false)).toEqual({ help: true });
  });

  it('takes the three Portal IDs as numbers', () => {
    expect(parseRotateCredential('12 34 56', false)).toEqual({ help: false, appId: 12, accessRequestId: 34, credentialId: 56, reason: '' });
    expect(badInput(() => parseRotateCredential('12 34', false))).toContain('Give the app ID, the access request ID and the credential ID');
    expect(badInput(() => parseRotateCredential('12 0 56', false))).toContain('ACCESS_REQUEST_ID must be a number');
  });
});
