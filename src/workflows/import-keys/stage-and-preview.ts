import { KeybotError } from '../../errors.js';
import type { ImportFile } from '../../importers/index.js';
import type { Store } from '../../store/index.js';
import type { TykServices } from '../../tyk/services.js';
import { type Classified, classify } from './classify.js';
import { buildPreview, type Preview } from './preview.js';
import { type Staged, stageImport } from './stage.js';
import { targetFor } from './target-for.js';
import type { ImportChoice } from './types.js';

export interface StagedPreview {
  staged: Staged;
  classified: Classified;
  preview: Preview;
}

/**
 * Parse → stage → compare with Tyk → preview: the CPU-heavy part of a draft. It runs in the import
 * worker thread (preview-in-worker.ts) with the worker's own database connection and Tyk clients,
 * so the bot's event loop only passes messages while a large export is read.
 */
export async function stageAndPreview(
  store: Store,
  tyk: TykServices,
  input: { requestId: string; files: ImportFile[]; choice: ImportChoice; maxKeys: number; concurrency: number },
): Promise<StagedPreview> {
  const { requestId: id, choice } = input;
  const target = targetFor(tyk, choice);
  const staged = await stageImport(store, id, input.files, choice, input.maxKeys);
  if (staged.total === 0) throw new KeybotError('BAD_INPUT', 'The file holds no keys.');
  const [apis, policyIds, classified] = await Promise.all([
    tyk.keys.listApis(),
    tyk.keys.listPolicyIds(),
    classify(store, id, target, input.concurrency),
  ]);
  const known = new Map(apis.map((a) => [a.id, a.orgId]));
  const preview = buildPreview(staged, classified, choice, {
    unknownApis: [...staged.apiIds].filter((a) => !known.has(a)),
    unknownPolicies: [...staged.policyIds].filter((p) => !policyIds.includes(p)),
    otherOrgApis: [...staged.apiIds].filter((a) => known.has(a) && known.get(a) && known.get(a) !== tyk.keys.orgId),
    orgId: tyk.keys.orgId,
    hashing: target.hashing(),
  });
  return { staged, classified, preview };
}
