import { randomBytes, randomUUID } from 'node:crypto';

export interface OAuthClient {
  client_id: string;
  secret: string;
  redirect_uri: string;
  description: string;
  policy_id: string;
  meta_data: unknown;
}

export interface IssuedToken {
  code: string;
  /** unix seconds */
  expires: number;
}

/** Tyk's generated secret: base64 of a random UUID *string* (docs/tyk-api.md §1.6). */
export const newClientSecret = (): string => Buffer.from(randomUUID(), 'utf8').toString('base64');

export const newClientId = (): string => randomUUID().replaceAll('-', '');

/** OAuth clients per API and the access tokens issued to them (Redis `oauth-*` keys). */
export class OAuthStore {
  readonly #clients = new Map<string, Map<string, OAuthClient>>();
  readonly #tokens = new Map<string, IssuedToken[]>();

  client(apiId: string, clientId: string): OAuthClient | undefined {
    return this.#clients.get(apiId)?.get(clientId);
  }

  clients(apiId: string): OAuthClient[] {
    return [...(this.#clients.get(apiId)?.values() ?? [])];
  }

  put(apiId: string, client: OAuthClient): void {
    const forApi = this.#clients.get(apiId) ?? new Map<string, OAuthClient>();
    forApi.set(client.client_id, client);
    this.#clients.set(apiId, forApi);
  }

  delete(apiId: string, clientId: string): boolean {
    this.revoke(apiId, clientId);
    return this.#clients.get(apiId)?.delete(clientId) ?? false;
  }

  /** APIs that know this client id (revoke_all works across all of them). */
  apisOf(clientId: string): string[] {
    return [...this.#clients.entries()].filter(([, m]) => m.has(clientId)).map(([apiId]) => apiId);
  }

  issue(apiId: string, clientId: string, expires: number): string {
    const code = randomBytes(28).toString('hex');
    const key = `${apiId}\u0000${clientId}`;
    this.#tokens.set(key, [...(this.#tokens.get(key) ?? []), { code, expires }]);
    return code;
  }

  tokens(apiId: string, clientId: string): IssuedToken[] {
    return this.#tokens.get(`${apiId}\u0000${clientId}`) ?? [];
  }

  revoke(apiId: string, clientId: string): void {
    this.#tokens.delete(`${apiId}\u0000${clientId}`);
  }

  clear(): void {
    this.#clients.clear();
    this.#tokens.clear();
  }
}

/** The client as the gateway encodes it: `api_id` never, `policy_id` only when set (docs/tyk-api.md §1.6). */
export function renderClient(c: OAuthClient): Record<string, unknown> {
  return {
    client_id: c.client_id,
    redirect_uri: c.redirect_uri,
    ...(c.policy_id ? { policy_id: c.policy_id } : {}),
    secret: c.secret,
    meta_data: c.meta_data,
    description: c.description,
  };
}
