import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Directory } from '../workflows/notices.js';

const GROUP_CACHE_MS = 5 * 60_000;

/**
 * APPROVERS names users (U…) and user groups (S…). Group members come from
 * usergroups.users.list, cached for a few minutes so a burst of clicks costs one call per group.
 */
export function slackDirectory(client: WebClient, approvers: string[], clock: Clock): Directory {
  const users = new Set(approvers.filter((a) => !a.startsWith('S')));
  const groups = approvers.filter((a) => a.startsWith('S'));
  const cache = new Map<string, { members: Set<string>; at: number }>();

  const members = async (group: string): Promise<Set<string>> => {
    const hit = cache.get(group);
    if (hit && clock.now() - hit.at < GROUP_CACHE_MS) return hit.members;
    const res = await client.usergroups.users.list({ usergroup: group });
    const fresh = { members: new Set(res.users ?? []), at: clock.now() };
    cache.set(group, fresh);
    return fresh.members;
  };

  return {
    async isApprover(userId: string, among?: readonly string[]): Promise<boolean> {
      const named = among ? new Set(among.filter((a) => !a.startsWith('S'))) : users;
      if (named.has(userId)) return true;
      for (const g of among ? among.filter((a) => a.startsWith('S')) : groups) if ((await members(g)).has(userId)) return true;
      return false;
    },
    async usersOf(ids: readonly string[]): Promise<string[]> {
      const out = new Set<string>();
      for (const id of ids) {
        if (!id.startsWith('S')) out.add(id);
        else for (const m of await members(id)) out.add(m);
      }
      return [...out];
    },
    async userIdByEmail(email: string): Promise<string | null> {
      try {
        const res = await client.users.lookupByEmail({ email });
        return res.user?.id ?? null;
      } catch (e) {
        if ((e as { data?: { error?: string } }).data?.error === 'users_not_found') return null;
        throw e;
      }
    },
  };
}
