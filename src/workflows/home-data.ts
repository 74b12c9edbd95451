import type { RequestRecord } from '../store/requests.js';
import type { WorkflowDeps } from './deps.js';
import type { HygieneEntry } from './inventory/report.js';

export interface HomeData {
  isApprover: boolean;
  pending: RequestRecord[];
  mine: RequestRecord[];
  retiring: RequestRecord[];
  /** the person's own keys that are overdue or due soon for rotation */
  keysDue: HygieneEntry[];
  at: number;
}

/** What a person's App Home shows: requests waiting for them, their own, and rotations before retirement. */
export async function homeData(
  d: Pick<WorkflowDeps, 'store' | 'directory' | 'clock'>,
  user: string,
  keysDue: (user: string) => Promise<HygieneEntry[]> = async () => [],
): Promise<HomeData> {
  const { requests } = d.store;
  const isApprover = await d.directory.isApprover(user);
  return {
    isApprover,
    pending: isApprover ? requests.byStatus('pending') : [],
    mine: requests.byRequester(user),
    retiring: requests.byStatus('running').filter((r) => r.kind === 'rotate-key'),
    keysDue: await keysDue(user),
    at: d.clock.now(),
  };
}
