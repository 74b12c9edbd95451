import type { KeyHistoryQuery } from '../command-args/key-history.js';
import type { RevokeKeyArgs } from '../command-args/revoke-key.js';
import type { RotateKeyArgs } from '../command-args/rotate-key.js';
import { acknowledgeReview } from './break-glass/acknowledge.js';
import { chainHeadPoster } from './chain-head.js';
import { credentialDrafts } from './credential/drafts.js';
import type { WorkflowDefinition } from './definition.js';
import type { WorkflowDeps } from './deps.js';
import { findHistory, visibleTo } from './history-query.js';
import { homeData } from './home-data.js';
import { importControls } from './import-keys/controls.js';
import { draftImport, onePerRequester } from './import-keys/draft.js';
import { hygieneService } from './inventory/hygiene.js';
import { requestEngine } from './requests.js';
import { revealService } from './reveal.js';
import { draftRevocation } from './revoke-key/draft.js';
import { rotationControls } from './rotate-key/controls.js';
import { draftRotation } from './rotate-key/draft.js';
import { jobRunner } from './run-job.js';

/** Everything the Slack listeners and the CLI may ask of the workflows, built over one set of deps. */
export function createWorkflows(deps: WorkflowDeps, definitions: readonly WorkflowDefinition[]) {
  const engine = requestEngine(deps);
  const hygiene = hygieneService(deps, engine);
  return {
    deps,
    engine,
    runner: jobRunner(deps, engine, definitions),
    reveal: revealService(deps),
    /** daily post of the history chain head (scheduler maintenance) */
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
      draft: onePerRequester((input: Parameters<typeof draftImport>[2]) => draftImport(deps, engine, input)),
      ...importControls(deps),
    },
    hygiene,
    home: (user: string) => homeData(deps, user, hygiene.dueFor),
    /** /key-history: what the asker may see of the requests found */
    history: (q: Exclude<KeyHistoryQuery, { kind: 'help' }>, asker: string) => visibleTo(deps, findHistory(deps, q, asker), asker),
  };
}

export type Workflows = ReturnType<typeof createWorkflows>;
