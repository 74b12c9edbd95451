import { z } from 'zod';
import { KeybotError } from '../errors.js';
import { Secret } from '../secret.js';
import { isTykError } from './errors.js';
import type { TykHttp } from './http.js';

export interface DashboardUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  orgId: string;
  /** the user's Dashboard API key; absent when `forbid_admin_view_access_token` hides it */
  accessKey?: Secret;
}

export interface DashboardUsers {
  getUser(id: string): Promise<DashboardUser>;
  listUsers(): Promise<DashboardUser[]>;
  /** case-insensitive exact match; null when no user has that email */
  findUserByEmail(email: string): Promise<DashboardUser | null>;
  /** the user the bot's API key belongs to (its org is the bot's org) */
  me(): Promise<DashboardUser>;
  /** new Dashboard API key for the user; the reply has no key: read `accessKey` afterwards (2.3) */
  resetUserKey(id: string): Promise<void>;
  /** whether adminGetUser can be used (an admin secret is configured) */
  readonly hasAdmin: boolean;
  /** the user via the admin API (`admin-auth`): reads a key even after the bot reset its own */
  adminGetUser(id: string): Promise<DashboardUser>;
}

const User = z.looseObject({
  id: z.string(),
  email_address: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  org_id: z.string().nullish(),
  access_key: z.string().nullish(),
});
const Users = z.looseObject({ users: z.array(User).nullish(), pages: z.number().nullish() });
const Status = z.looseObject({ Status: z.string().optional(), Message: z.string().optional() });

const toUser = (u: z.output<typeof User>): DashboardUser => ({
  id: u.id,
  email: u.email_address ?? '',
  firstName: u.first_name ?? '',
  lastName: u.last_name ?? '',
  orgId: u.org_id ?? '',
  accessKey: u.access_key ? new Secret(u.access_key) : undefined,
});

/** Dashboard user routes; `currentKey` is the API key in use, for finding the bot's own user. */
export function dashboardUsers(http: TykHttp, admin: TykHttp | undefined, currentKey: () => Secret): DashboardUsers {
  const getUser = async (id: string) =>
    toUser(await http.call({ method: 'GET', path: '/api/users/{id}', params: { id }, schema: User, retry: 'idempotent' }));

  async function listUsers(): Promise<DashboardUser[]> {
    const users: DashboardUser[] = [];
    for (let p = 1, pages = 1; p <= pages; p++) {
      const r = await http.call({ method: 'GET', path: '/api/users', query: { p: String(p) }, schema: Users, retry: 'idempotent' });
      users.push(...(r.users ?? []).map(toUser));
      pages = r.pages ?? 1;
    }
    return users;
  }

  return {
    getUser,
    listUsers,
    findUserByEmail: async (email) => {
      const wanted = email.trim().toLowerCase();
      return (await listUsers()).find((u) => u.email.toLowerCase() === wanted) ?? null;
    },
    me: async () => {
      try {
        return toUser(await http.call({ method: 'GET', path: '/api/users/me', schema: User, retry: 'idempotent' }));
      } catch (e) {
        // The spec documents /api/users/me for a UI session cookie; with an API key a Dashboard may
        // refuse it. Then the bot's user is the one whose access_key is the key in use.
        if (!isTykError(e) || !['unauthorized', 'forbidden', 'not_found'].includes(e.kind)) throw e;
        const key = currentKey().reveal();
        const mine = (await listUsers()).find((u) => u.accessKey?.reveal() === key);
        if (!mine)
          throw new KeybotError(
            'NOT_CONFIGURED',
            'The Tyk Dashboard did not say which user TYK_DASHBOARD_API_KEY belongs to; set TYK_ORG_ID.',
          );
        return mine;
      }
    },
    resetUserKey: async (id) => {
      await http.call({ method: 'PUT', path: '/api/users/{id}/actions/key/reset', params: { id }, schema: Status, retry: 'unsafe' });
    },
    hasAdmin: admin !== undefined,
    adminGetUser: async (id) => {
      if (!admin)
        throw new KeybotError('NOT_CONFIGURED', 'Reading a Dashboard user through the admin API needs TYK_DASHBOARD_ADMIN_SECRET.');
      return toUser(await admin.call({ method: 'GET', path: '/admin/users/{id}', params: { id }, schema: User, retry: 'idempotent' }));
    },
  };
}
