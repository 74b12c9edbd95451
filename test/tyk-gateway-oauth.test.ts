import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TykError } from '../src/tyk/errors.js';
import { type TykEmulator, startTykEmulator } from './harness/tyk-emulator/index.js';
import { type Clients, clientsFor } from './tyk-contract/clients.js';

let emu: TykEmulator;
let c: Clients;
beforeEach(async () => {
  emu = await startTykEmulator();
  c = clientsFor(emu);
});
afterEach(async () => {
  await emu.close();
});

describe('Gateway OAuth clients', () => {
  it('rotates a client secret: new secret at once, issued tokens survive until revoke_all', async () => {
    const { client_id, secret } = emu.oauth.addClient('oauth-api', { redirect_uri: 'https://app.example.com/cb', description: 'billing' });
    emu.oauth.issueToken('oauth-api', client_id);
    emu.oauth.issueToken('oauth-api', client_id);
    const before = await c.gateway.getClient('oauth-api', client_id);
    expect(before).toMatchObject({ clientId: client_id, redirectUri: 'https://app.example.com/cb', description: 'billing' });
    expect(before.secret.reveal()).toBe(secret);

    const rotated = await c.gateway.rotateClient('oauth-api', client_id);
    expect(rotated.secret.reveal()).not.toBe(secret);
    expect((await c.gateway.getClient('oauth-api', client_id)).secret.reveal()).toBe(rotated.secret.reveal());
    expect(await c.gateway.listTokens('oauth-api', client_id)).toHaveLength(2);

    await c.gateway.revokeAll(client_id, rotated.secret);
    expect(await c.gateway.listTokens('oauth-api', client_id)).toEqual([]);
    expect(emu.calls.find((x) => x.path === '/tyk/oauth/revoke_all')?.status).toBe(200);
  });

  it('lists the clients of an API and reports an unknown one as not found', async () => {
    const a = emu.oauth.addClient('oauth-api', {});
    const b = emu.oauth.addClient('oauth-api', {});
    expect((await c.gateway.listClients('oauth-api')).map((x) => x.clientId).sort()).toEqual([a.client_id, b.client_id].sort());
    const err = await c.gateway.rotateClient('oauth-api', 'nope').then(() => undefined, (e: unknown) => e as TykError);
    expect(err).toMatchObject({ kind: 'not_found', path: '/tyk/oauth/clients/{apiId}/{clientId}/rotate', tykMessage: 'OAuth Client ID not found' });
  });

  it('reads tokens whether the gateway pages them or not', async () => {
    const { client_id } = emu.oauth.addClient('oauth-api', {});
    for (let i = 0; i < 3; i++) emu.oauth.issueToken('oauth-api', client_id);
    const tokens = await c.gateway.listTokens('oauth-api', client_id);
    expect(tokens.map((t) => t.code.reveal()).sort()).toEqual([...emu.oauth.tokens('oauth-api', client_id)].sort());
  });
});
