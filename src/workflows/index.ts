import type { KeyHistoryQuery } from '../../commands/key-history.js';
import type { RevokeKeyArgs } from '../../commands/revoke-key.js';
import type { RotateKeyArgs } from '../../commands/rotate-key.js';
import { acknowledgeReview } from './break-glass/acknowledge.js';
import { credentialDrafts } from './credential/drafts.js';
import type { WorkflowDefinition } from './definition.js';
import type { WorkflowDeps } from './deps.js';
import { findHistory } from './history-query.js';
import { homeData } from './home-data.js';
import { importControls } from './import-keys/controls.js';
import { draftImport } from './import-keys/draft.js';
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
      draft: (input: Parameters<typeof draftImport>[2]) => draftImport(deps, engine, input),
      ...importControls(deps),
    },
    hygiene,
    home: (user: string) => homeData(deps, user, hygiene.dueFor),
    history: (q: Exclude<KeyHistoryQuery, { kind: 'help' }>, asker: string) => findHistory(deps, q, asker),
  };
}

export type Workflows = ReturnType<typeof createWorkflows>;
