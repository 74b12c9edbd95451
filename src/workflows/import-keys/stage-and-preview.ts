import { KeybotError } from '../../errors.js';
import type { ImportFile } from '../../importers/index.js';
import type { Store } from '../../store/index.js';
import { inactiveRuleOf } from '../../tyk/inactive-rule.js';
import type { TykServices } from '../../tyk/services.js';
import { type Classified, classify, PLANNED_STATUSES } from './classify.js';
import { portalNames } from './portal-target.js';
import { buildPreview, type Preview } from './preview.js';
import { type Staged, stageImport } from './stage.js';
import { keyStoreFor, targetFor } from './target-for.js';
import type { ImportChoice } from './types.js';

/** Approvers see every key an import overwrites; a batch overwriting more is refused (split the file). */
export const MAX_OVERWRITES_LISTED = 10_000;

export interface StagedPreview {
  staged: Staged;
  classified: Classified;
  preview: Preview;
  /**
   * Dry runs only: the status execution would give each record, by its index, as 1 + its place in
   * PLANNED_STATUSES (0: none). One byte a record, so a 1,000,000-key dry run passes 1 MB to the bot.
   */
  planned?: Uint8Array;
}

/**
 * Parse → stage → compare with Tyk → preview: the CPU-heavy part of a draft. It runs in the import
 * worker thread (preview-in-worker.ts) with the worker's own database connection and Tyk clients,
 * so the bot's event loop only passes messages while a large export is read.
 */
export async function stageAndPreview(
  store: Store,
  tyk: TykServices,
  input: { requestId: string; files: ImportFile[]; choice: ImportChoice; maxKeys: number; concurrency: number; now: number },
): Promise<StagedPreview> {
  const { requestId: id, choice } = input;
  const target = targetFor(tyk, choice);
  const keys = choice.target === 'portal' ? tyk.keys : keyStoreFor(tyk, choice.target);
  const staged = await stageImport(store, id, input.files, choice, input.maxKeys);
  if (staged.total === 0) throw new KeybotError('BAD_INPUT', 'The file holds no keys.');
  const [apis, policyIds, version] = await Promise.all([keys.listApis(), keys.listPolicyIds(), tyk.gateway?.version() ?? null]);
  const known = new Map(apis.map((a) => [a.id, a.orgId]));
  const planned = choice.dryRun ? new Uint8Array(staged.total) : undefined;
  const classified = await classify(store, id, target, {
    concurrency: input.concurrency,
    orgId: keys.orgId,
    onPlanned: planned
      ? (idx, status) => {
          planned[idx] = PLANNED_STATUSES.indexOf(status) + 1;
        }
      : undefined,
    plan: {
      now: input.now,
      keys:
        choice.target === 'portal'
          ? null
          : {
              apis: new Set(known.keys()),
              policies: new Set(policyIds),
              allowUnknown: choice.allowUnknown,
              inactiveRule: inactiveRuleOf(version),
            },
    },
  });
  if (choice.onConflict === 'overwrite' && classified.conflicts.length > MAX_OVERWRITES_LISTED)
    throw new KeybotError(
      'BAD_INPUT',
      `This import would overwrite ${classified.conflicts.length} existing keys; approvers are shown every key an import overwrites, up to ${MAX_OVERWRITES_LISTED}. Split the file, or choose skip.`,
    );
  // Portal credentials take their access from the plan: the file's APIs and policies are not applied, so not checked
  const keysPath = choice.target !== 'portal';
  const preview = buildPreview(staged, classified, choice, {
    unknownApis: keysPath ? [...staged.apiIds].filter((a) => !known.has(a)) : [],
    unknownPolicies: keysPath ? [...staged.policyIds].filter((p) => !policyIds.includes(p)) : [],
    otherOrgApis: keysPath ? [...staged.apiIds].filter((a) => known.has(a) && known.get(a) && known.get(a) !== keys.orgId) : [],
    orgId: keys.orgId,
    hashing: target.hashing(),
    ...(choice.target === 'portal' && choice.portal && tyk.portal ? { portal: await portalNames(tyk.portal, choice.portal) } : {}),
  });
  return { staged, classified, preview, planned };
}
