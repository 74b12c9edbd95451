import { describe, expect, it } from 'vitest';
import type { TykError } from '../../src/tyk/errors.js';
import { emulatorPerTest } from '../tyk-contract/clients.js';

const t = emulatorPerTest();

describe('Gateway OAuth clients', () => {
  it('rotates a client secret: new secret at once, issued tokens survive until revoke_all', async () => {
    const { client_id, secret } = t.emu.oauth.addClient('oauth-api', {
      redirect_uri: 'https://app.example.com/cb',
      description: 'billing',
    });
    t.emu.oauth.issueToken('oauth-api', client_id);
    t.emu.oauth.issueToken('oauth-api', client_id);
    const before = await t.c.gateway.getClient('oauth-api', client_id);
    expect(before).toMatchObject({ clientId: client_id, redirectUri: 'https://app.example.com/cb', description: 'billing' });
    expect(before.secret.reveal()).toBe(secret);

    const rotated = await t.c.gateway.rotateClient('oauth-api', client_id);
    expect(rotated.secret.reveal()).not.toBe(secret);
    expect((await t.c.gateway.getClient('oauth-api', client_id)).secret.reveal()).toBe(rotated.secret.reveal());
    expect(await t.c.gateway.listTokens('oauth-api', client_id)).toHaveLength(2);

    await t.c.gateway.revokeAll(client_id, rotated.secret);
    expect(await t.c.gateway.listTokens('oauth-api', client_id)).toEqual([]);
    expect(t.emu.calls.find((x) => x.path === '/tyk/oauth/revoke_all')?.status).toBe(200);
  });

  it('lists the clients of an API and reports an unknown one as not found', async () => {
    const a = t.emu.oauth.addClient('oauth-api', {});
    const b = t.emu.oauth.addClient('oauth-api', {});
    expect((await t.c.gateway.listClients('oauth-api')).map((x) => x.clientId).sort()).toEqual([a.client_id, b.client_id].sort());
    const err = await t.c.gateway.rotateClient('oauth-api', 'nope').then(
      () => undefined,
      (e: unknown) => e as TykError,
    );
    expect(err).toMatchObject({
      kind: 'not_found',
      path: '/tyk/oauth/clients/{apiId}/{clientId}/rotate',
      tykMessage: 'OAuth Client ID not found',
    });
  });

  it('reads tokens whether the gateway pages them or not', async () => {
    const { client_id } = t.emu.oauth.addClient('oauth-api', {});
    for (let i = 0; i < 3; i++) t.emu.oauth.issueToken('oauth-api', client_id);
    const tokens = await t.c.gateway.listTokens('oauth-api', client_id);
    expect(tokens.map((t) => t.code.reveal()).sort()).toEqual([...t.emu.oauth.tokens('oauth-api', client_id)].sort());
  });
});
