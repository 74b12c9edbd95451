import { randomBytes } from 'node:crypto';
import type { DashboardUser } from './types.js';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export interface NewUser {
  id?: string;
  email: string;
  first_name?: string;
  last_name?: string;
  access_key?: string;
  org_id?: string;
}

/** Dashboard users; a user's `access_key` is their Dashboard API credential (docs/tyk-api.md §2.1). */
export class UserStore {
  readonly #users = new Map<string, DashboardUser & { created_at: string }>();
  /** Dashboard `security.forbid_admin_reset_access_token` (docs/tyk-api.md §2.3) */
  forbidAdminReset = false;

  constructor(
    private readonly defaultOrg: string,
    private readonly now: () => number,
  ) {}

  add(u: NewUser): DashboardUser {
    const user = {
      id: u.id ?? hex(12), // Mongo ObjectId-like
      email: u.email,
      first_name: u.first_name ?? '',
      last_name: u.last_name ?? '',
      access_key: u.access_key ?? hex(16),
      org_id: u.org_id ?? this.defaultOrg,
      created_at: new Date(this.now()).toISOString(),
    };
    this.#users.set(user.id, user);
    return user;
  }

  byId(id: string): (DashboardUser & { created_at: string }) | undefined {
    return this.#users.get(id);
  }

  /** The caller behind a raw `Authorization` value; only current keys match. */
  byAccessKey(key: string | undefined): DashboardUser | undefined {
    if (!key) return undefined;
    return [...this.#users.values()].find((u) => u.access_key === key);
  }

  all(): Array<DashboardUser & { created_at: string }> {
    return [...this.#users.values()];
  }

  /** New random key; the old one stops working at once (grace UNVERIFIED, docs/tyk-api.md §2.3). */
  resetKey(id: string): void {
    const user = this.#users.get(id);
    if (user) user.access_key = hex(16);
  }
}

/** The `User` object of DASH-SPEC / ADMIN-SPEC. */
export function renderUser(u: DashboardUser & { created_at: string }): Record<string, unknown> {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    email_address: u.email,
    org_id: u.org_id,
    active: true,
    access_key: u.access_key,
    api_model: {},
    created_at: u.created_at,
    last_login_date: u.created_at,
    password_updated: u.created_at,
    password_max_days: 0,
    group_id: '',
    user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' },
  };
}
