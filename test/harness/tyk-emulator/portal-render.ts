import type { EmuContext } from './context.js';
import type { CustomCredentialRec, PortalAccessRequestRec, PortalAppRec, PortalCredentialRec } from './portal-store.js';

/** Portal timestamps look like `2023-06-25 13:37` (docs/tyk-api.md §3). */
export const portalTime = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function renderApp(a: PortalAppRec): Record<string, unknown> {
  return {
    ID: a.id,
    Name: a.name,
    Description: a.description,
    RedirectURLs: '',
    UserID: a.userId,
    Visibility: 'organisation',
    CreatedAt: portalTime(a.createdAt),
  };
}

/** `Credential-index-elem`; the OAuth/DCR fields are empty for key auth (pgo testdata). */
export function renderCredential(c: PortalCredentialRec): Record<string, unknown> {
  return {
    ID: c.id,
    AccessRequest: `AccessRequest#${c.accessRequestId}`,
    Credential: c.token,
    CredentialHash: c.hash,
    DCRRegistrationAccessToken: '',
    DCRRegistrationClientURI: '',
    DCRResponse: '',
    Expires: '1970-01-01 00:00',
    GrantType: '',
    JWKSURI: '',
    OAuthClientID: '',
    OAuthClientSecret: '',
    RedirectURI: '',
    ResponseType: '',
    Scope: '',
    TokenEndpoints: '',
  };
}

/** `AccessRequest-index-elem`; inside an app (`Client-show`) Products is a list instead of a string. */
export function renderAccessRequest(ctx: EmuContext, r: PortalAccessRequestRec, productsAsList: boolean): Record<string, unknown> {
  const app = ctx.portal.apps.get(r.appId);
  const products = r.productIds.map((id) => ctx.portal.products.get(id)?.name ?? '');
  return {
    AuthType: 'authToken',
    Catalogue: 'Public Catalogue',
    Client: app?.name ?? '',
    CreatedAt: portalTime(r.createdAt),
    Credentials: ctx.portal.credentialsOf(r.id).map(renderCredential),
    DCREnabled: false,
    DeletedAt: '', // what a real portal sends (pgo testdata), though the spec pattern wants a date
    ID: r.id,
    Plan: ctx.portal.plans.get(r.planId)?.name ?? '',
    Products: productsAsList ? products : products.join(','),
    ProvisionImmediately: false,
    Status: 'approved',
    UpdatedAt: portalTime(r.createdAt),
    User: `User#${app?.userId ?? 0}`,
  };
}

/** `CustomCredential-show`: note PlanID is a string here (docs/tyk-api.md §3). */
export function renderCustomCredential(c: CustomCredentialRec): Record<string, unknown> {
  return {
    ID: c.id,
    Alias: c.alias,
    Type: c.type,
    PlanID: String(c.planId),
    AuthenticationMethod: c.authenticationMethod,
    ProductIDs: c.productIds,
    AuthTokenType: c.authTokenType,
    KeyID: c.keyId,
    ProviderID: 0,
    ClientTypeID: 0,
    CreatedAt: portalTime(c.createdAt),
    UpdatedAt: portalTime(c.updatedAt),
  };
}
