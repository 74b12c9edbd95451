import type { Db } from './open-database.js';

export interface Vote {
  requestId: string;
  approver: string;
  decision: 'approve' | 'reject';
  reason: string | null;
  at: number;
}

interface Row {
  request_id: string;
  approver: string;
  decision: 'approve' | 'reject';
  reason: string | null;
  at: number;
}

/** The `approvals` table: approvers' votes. */
export interface ApprovalStore {
  /** one vote per approver and request; false when this approver already voted */
  vote(v: Vote): boolean;
  /** the request's votes, oldest first */
  forRequest(requestId: string): Vote[];
}

export function approvalStore(db: Db): ApprovalStore {
  const insert = db.prepare(
    'INSERT INTO approvals (request_id, approver, decision, reason, at) VALUES (@requestId, @approver, @decision, @reason, @at) ON CONFLICT DO NOTHING',
  );
  const list = db.prepare<[string], Row>('SELECT * FROM approvals WHERE request_id = ? ORDER BY at, approver');
  return {
    /** One vote per approver and request; false when this approver already voted. */
    vote: (v: Vote): boolean => insert.run(v).changes > 0,
    forRequest: (requestId: string): Vote[] =>
      list.all(requestId).map((r) => ({ requestId: r.request_id, approver: r.approver, decision: r.decision, reason: r.reason, at: r.at })),
  };
}
