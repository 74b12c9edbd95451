import { z } from 'zod';
import { Secret } from '../secret.js';

/*
 * Enterprise Developer Portal reply shapes (docs/tyk-api.md §3): PascalCase fields, integer ids,
 * bare-array lists, string timestamps. Everything optional beyond the id: the spec lags the
 * product (1.14.0 vs release notes to 1.18.0), so the client only insists on what it uses.
 */

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

export const Credential = z.looseObject({ ID: z.number(), Credential: text, CredentialHash: text, Expires: text, AccessRequest: text });
export const AccessRequest = z.looseObject({
  ID: z.number(),
  Status: text,
  Plan: text,
  Products: text,
  User: text,
  AuthType: text,
  Credentials: z.array(Credential.partial({ ID: true })).nullish(),
});
export const App = z.looseObject({
  ID: z.number(),
  Name: text,
  Description: text,
  UserID: z.number().nullish(),
  AccessRequests: z.array(z.looseObject({ ID: z.number() })).nullish(),
});
export const CustomCredential = z.looseObject({
  ID: z.number(),
  Alias: text,
  Type: text,
  // typed string in CustomCredential-show although the create body takes an integer (docs/tyk-api.md §3)
  PlanID: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null ? '' : String(v))),
  ProductIDs: z
    .array(z.number())
    .nullish()
    .transform((v) => v ?? []),
  AuthenticationMethod: text,
  AuthTokenType: text,
  KeyID: text,
});
export const User = z.looseObject({ ID: z.number(), Email: text, First: text, Last: text });
export const Plan = z.looseObject({ ID: z.number(), Name: text, DisplayName: text, ReferenceID: text });
export const Product = z.looseObject({ ID: z.number(), Name: text, DisplayName: text, ReferenceID: text });
export const Status = z.looseObject({ status: z.string().optional(), message: z.string().optional() });

export interface PortalApp {
  id: number;
  name: string;
  description: string;
  userId?: number;
  accessRequestIds: number[];
}

export interface PortalAccessRequest {
  id: number;
  status: string;
  /** plan name (the portal lists names here, not ids) */
  plan: string;
  products: string;
  authType: string;
}

export interface PortalCredential {
  id: number;
  /** the gateway token (base64 JSON form when hashing functions are set, docs/tyk-api.md §1.2) */
  credential: Secret;
  credentialHash: string;
  expires: string;
}

export interface PortalCustomCredential {
  id: number;
  alias: string;
  type: string;
  planId: string;
  productIds: number[];
  authenticationMethod: string;
  authTokenType: string;
  keyId?: Secret;
}

export interface PortalUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
}

export interface PortalNamed {
  id: number;
  name: string;
  /** the id of the matching Dashboard object (a plan is a Tyk policy) */
  referenceId: string;
}

export const toApp = (a: z.output<typeof App>): PortalApp => ({
  id: a.ID,
  name: a.Name,
  description: a.Description,
  userId: a.UserID ?? undefined,
  accessRequestIds: (a.AccessRequests ?? []).map((r) => r.ID),
});
export const toAccessRequest = (r: z.output<typeof AccessRequest>): PortalAccessRequest => ({
  id: r.ID,
  status: r.Status,
  plan: r.Plan,
  products: r.Products,
  authType: r.AuthType,
});
export const toCredential = (c: z.output<typeof Credential>): PortalCredential => ({
  id: c.ID,
  credential: new Secret(c.Credential),
  credentialHash: c.CredentialHash,
  expires: c.Expires,
});
export const toCustomCredential = (c: z.output<typeof CustomCredential>): PortalCustomCredential => ({
  id: c.ID,
  alias: c.Alias,
  type: c.Type,
  planId: c.PlanID,
  productIds: c.ProductIDs,
  authenticationMethod: c.AuthenticationMethod,
  authTokenType: c.AuthTokenType,
  keyId: c.KeyID ? new Secret(c.KeyID) : undefined,
});
export const toUser = (u: z.output<typeof User>): PortalUser => ({ id: u.ID, email: u.Email, firstName: u.First, lastName: u.Last });
export const toNamed = (x: z.output<typeof Plan>): PortalNamed => ({ id: x.ID, name: x.DisplayName || x.Name, referenceId: x.ReferenceID });
