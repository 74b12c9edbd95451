export interface PortalUserRec {
  id: number;
  email: string;
  first: string;
  last: string;
  createdAt: number;
}

export interface PortalCatalogItem {
  id: number;
  name: string;
  /** gateway APIs a key of this plan/product may call (a portal plan is a Tyk policy) */
  apiIds: string[];
}

export interface PortalAppRec {
  id: number;
  name: string;
  description: string;
  userId: number;
  createdAt: number;
}

export interface PortalAccessRequestRec {
  id: number;
  appId: number;
  planId: number;
  productIds: number[];
  createdAt: number;
}

export interface PortalCredentialRec {
  id: number;
  accessRequestId: number;
  /** gateway token; its key lives in the gateway store */
  token: string;
  hash: string;
}

export interface CustomCredentialRec {
  id: number;
  appId: number;
  alias: string;
  type: string;
  planId: number;
  authenticationMethod: string;
  productIds: number[];
  authTokenType: string;
  keyId: string;
  /** the gateway token when the portal created a key (Tyk-managed), else undefined */
  token: string | undefined;
  createdAt: number;
  updatedAt: number;
}

/** Enterprise Developer Portal records; ids are integers per kind (docs/tyk-api.md §3). */
export class PortalStore {
  readonly users = new Map<number, PortalUserRec>();
  readonly plans = new Map<number, PortalCatalogItem>();
  readonly products = new Map<number, PortalCatalogItem>();
  readonly apps = new Map<number, PortalAppRec>();
  readonly accessRequests = new Map<number, PortalAccessRequestRec>();
  readonly credentials = new Map<number, PortalCredentialRec>();
  readonly customCredentials = new Map<number, CustomCredentialRec>();
  #lastId = 0;

  nextId(): number {
    this.#lastId += 1;
    return this.#lastId;
  }

  accessRequestOf(appId: number, accessRequestId: number): PortalAccessRequestRec | undefined {
    const ar = this.accessRequests.get(accessRequestId);
    return ar?.appId === appId ? ar : undefined;
  }

  credentialsOf(accessRequestId: number): PortalCredentialRec[] {
    return [...this.credentials.values()].filter((c) => c.accessRequestId === accessRequestId);
  }

  accessRequestsOf(appId: number): PortalAccessRequestRec[] {
    return [...this.accessRequests.values()].filter((r) => r.appId === appId);
  }

  customCredentialsOf(appId: number): CustomCredentialRec[] {
    return [...this.customCredentials.values()].filter((c) => c.appId === appId);
  }
}
