import type { KeyHistoryQuery } from '../command-args/key-history.js';
import type { HistoryEntry } from '../store/history.js';
import type { RequestRecord } from '../store/requests.js';
import type { WorkflowDeps } from './deps.js';

export interface RequestHistory {
  request: RequestRecord;
  entries: HistoryEntry[];
  /** the asker may not see this request's steps: not an approver, its requester or a recipient */
  hidden?: boolean;
}

const MAX_REQUESTS = 10;

/**
 * Requests matching a /key-history query, newest first, each with its history. A key query
 * follows rotations both ways (old → new → newer), because every rotation request is indexed by
 * the fingerprints of both keys.
 */
export function findHistory(
  d: Pick<WorkflowDeps, 'store'>,
  q: Exclude<KeyHistoryQuery, { kind: 'help' }>,
  asker: string,
): RequestHistory[] {
  const { requests, history } = d.store;
  let found: RequestRecord[];
  switch (q.kind) {
    case 'mine':
      found = requests.byRequester(asker, MAX_REQUESTS);
      break;
    case 'user':
      found = requests.byRequester(q.user, MAX_REQUESTS);
      break;
    case 'request':
      found = [requests.get(q.id)].filter((r): r is RequestRecord => r !== null);
      break;
    case 'ref':
      found = followRefs(d, [q.ref]);
      break;
    case 'key': {
      const v = q.value.reveal();
      found = followRefs(d, [q.value.fingerprint, `client:${v}`, `user:${v}`, `credential:${v}`]);
      break;
    }
  }
  return found.slice(0, MAX_REQUESTS).map((request) => ({ request, entries: history.forRequest(request.id) }));
}

function followRefs(d: Pick<WorkflowDeps, 'store'>, start: string[]): RequestRecord[] {
  const seenRefs = new Set<string>();
  const byId = new Map<string, RequestRecord>();
  const queue = [...start];
  while (queue.length > 0 && byId.size < MAX_REQUESTS * 2) {
    const ref = queue.shift() as string;
    if (seenRefs.has(ref)) continue;
    seenRefs.add(ref);
    for (const r of d.store.requests.findByRef(ref)) {
      if (byId.has(r.id)) continue;
      byId.set(r.id, r);
      // Only fingerprints chain: old key → rotation → new key → its own rotation. An import is an
      // end: it names every key of its batch, which are not this key's history.
      if (r.kind !== 'import-keys') queue.push(...d.store.requests.refs(r.id).filter((x) => x.startsWith('fp:')));
    }
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * What a Slack user may read of the found requests: every step for approvers, the requester and the
 * recipients of its secret; for anyone else only that the request exists (ID, title, status).
 */
export async function visibleTo(d: Pick<WorkflowDeps, 'directory'>, found: RequestHistory[], asker: string): Promise<RequestHistory[]> {
  if (await d.directory.isApprover(asker)) return found;
  return found.map((f) =>
    f.request.requester === asker || f.request.summary.goesTo?.to.includes(asker) ? f : { request: f.request, entries: [], hidden: true },
  );
}
