import type { KeyHistoryQuery } from '../command-args/key-history.js';
import type { RevokeKeyArgs } from '../command-args/revoke-key.js';
import type { RotateKeyArgs } from '../command-args/rotate-key.js';
import type { RequestRecord } from '../store/requests.js';
import { acknowledgeReview } from './break-glass/acknowledge.js';
import { chainHeadPoster } from './chain-head.js';
import { type CredentialDrafts, credentialDrafts } from './credential/drafts.js';
import type { AnyWorkflowDefinition } from './definition.js';
import type { WorkflowDeps } from './deps.js';
import { findHistory, type RequestHistory, visibleTo } from './history-query.js';
import { type HomeData, homeData } from './home-data.js';
import { type ImportControls, importControls } from './import-keys/controls.js';
import { type DraftedImport, draftImport, type ImportDraftInput, onePerRequester } from './import-keys/draft.js';
import { type ImportResults, importResults } from './import-keys/results.js';
import { type HygieneService, hygieneService } from './inventory/hygiene.js';
import { type Records, records } from './records.js';
import type { Refusal } from './refusal.js';
import { type RequestEngine, requestEngine } from './requests.js';
import { type RevealService, revealService } from './reveal.js';
import { draftRevocation } from './revoke-key/draft.js';
import { type RotationControls, rotationControls } from './rotate-key/controls.js';
import { draftRotation } from './rotate-key/draft.js';
import { type JobRunner, jobRunner } from './run-job.js';

type Drafted = Promise<RequestRecord | Refusal>;

/**
 * Everything the Slack listeners and the CLI may ask of the workflows. Surfaces go through this
 * and nothing else: they never reach the store, the Tyk clients or the deps behind it.
 */
export interface Workflows {
  /** the request lifecycle shared by every kind: draft, approve, reject, expire, fail */
  engine: RequestEngine;
  /** what the scheduler calls to run a due job, and when a job gave up */
  runner: JobRunner;
  /** Reveal: a recipient's one look at a new secret; erases what REVEAL_TTL let lapse */
  reveal: RevealService;
  /** posts the history chain head to NOTIFY_CHANNEL when a day has passed (scheduler maintenance) */
  postChainHead(o?: { force?: boolean }): Promise<boolean>;
  /** `/rotate-key`: draft, and the buttons of a rotation in grace (Extend grace, Retire now, Cancel, Restore) */
  rotation: RotationControls & {
    draft(args: Extract<RotateKeyArgs, { help: false }>, requester: string, approved?: boolean): Drafted;
  };
  /** `/revoke-key` */
  revocation: { draft(args: Extract<RevokeKeyArgs, { help: false }>, requester: string, approved?: boolean): Drafted };
  /** the Acknowledge button of a break-glass review */
  breakGlass: { acknowledge(id: string, user: string): Drafted };
  /** `/rotate-secret`, `/rotate-user-key`, `/rotate-credential` */
  secrets: CredentialDrafts;
  /** `/import-keys`: draft (one at a time per requester), Cancel, Undo import, and what a batch came to */
  imports: ImportControls & ImportResults & { draft(input: ImportDraftInput): Promise<DraftedImport> };
  /** the key inventory, the digest and its Request rotation button */
  hygiene: HygieneService;
  /** what App Home shows this person */
  home(user: string): Promise<HomeData>;
  /** `/key-history`: what the asker may see of the requests found */
  history(q: Exclude<KeyHistoryQuery, { kind: 'help' }>, asker: string): Promise<RequestHistory[]>;
  /** what the CLI reads of the database: history, the hash chain, a request's steps left, the bot's presence */
  records: Records;
}

/** The workflows over one set of deps. */
export function createWorkflows(deps: WorkflowDeps, definitions: readonly AnyWorkflowDefinition[]): Workflows {
  const engine = requestEngine(deps);
  const hygiene = hygieneService(deps, engine);
  return {
    engine,
    runner: jobRunner(deps, engine, definitions),
    reveal: revealService(deps),
    postChainHead: chainHeadPoster(deps),
    rotation: {
      draft: (args: Extract<RotateKeyArgs, { help: false }>, requester: string, approved = false) =>
        draftRotation(deps, engine, args, requester, approved),
      ...rotationControls(deps, engine),
    },
    revocation: {
      draft: (args: Extract<RevokeKeyArgs, { help: false }>, requester: string, approved = false) =>
        draftRevocation(deps, engine, args, requester, approved),
    },
    breakGlass: { acknowledge: (id: string, user: string) => acknowledgeReview(deps, engine, id, user) },
    secrets: credentialDrafts(deps, engine),
    imports: {
      draft: onePerRequester((input: ImportDraftInput) => draftImport(deps, engine, input)),
      ...importControls(deps),
      ...importResults(deps),
    },
    hygiene,
    home: (user: string) => homeData(deps, user, hygiene.dueFor),
    history: (q: Exclude<KeyHistoryQuery, { kind: 'help' }>, asker: string) => visibleTo(deps, findHistory(deps, q, asker), asker),
    records: records(deps),
  };
}

/**
 * The workflows' read side over a store opened read-only, with no Tyk and no Slack: what
 * `tyk-keybot history` and `audit verify` ask (the same `records` as in `createWorkflows`).
 */
export function readOnlyWorkflows(deps: Pick<WorkflowDeps, 'store'>): Pick<Workflows, 'records'> {
  return { records: records(deps) };
}
