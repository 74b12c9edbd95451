/** The people of the test workspace. */
export const USERS = {
  requester: 'U0REQUESTER',
  approver1: 'U0APPROVER1',
  approver2: 'U0APPROVER2',
  groupApprover: 'U0GROUPAPPR',
  outsider: 'U0OUTSIDER1',
  owner: 'U0KEYOWNER1',
} as const;

export const APPROVER_GROUP = 'S0APPROVERS';
export const APPROVAL_CHANNEL = 'C0APPROVALS';
export const NOTIFY_CHANNEL = 'C0NOTIFYCHN';

export const SLACK_USERS = [
  { id: USERS.requester, name: 'rita', email: 'rita@example.com' },
  { id: USERS.approver1, name: 'anna', email: 'anna@example.com' },
  { id: USERS.approver2, name: 'arne', email: 'arne@example.com' },
  { id: USERS.groupApprover, name: 'gina', email: 'gina@example.com' },
  { id: USERS.outsider, name: 'otto', email: 'otto@example.com' },
  { id: USERS.owner, name: 'olga', email: 'owner@example.com' },
];
