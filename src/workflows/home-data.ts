import type { RequestRecord } from '../store/requests.js';
import type { WorkflowDeps } from './deps.js';

export interface HomeData {
  isApprover: boolean;
  pending: RequestRecord[];
  mine: RequestRecord[];
  retiring: RequestRecord[];
}

/** What a person's App Home shows: requests waiting for them, their own, and rotations before retirement. */
export async function homeData(d: Pick<WorkflowDeps, 'store' | 'directory'>, user: string): Promise<HomeData> {
  const { requests } = d.store;
  const isApprover = await d.directory.isApprover(user);
  return {
    isApprover,
    pending: isApprover ? requests.byStatus('pending') : [],
    mine: requests.byRequester(user),
    retiring: requests.byStatus('running').filter((r) => r.kind === 'rotate-key'),
  };
}
