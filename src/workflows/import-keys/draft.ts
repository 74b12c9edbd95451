import { KeybotError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ImportFile } from '../../importers/index.js';
import type { RequestRecord } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import type { RequestEngine } from '../requests.js';
import { classify } from './classify.js';
import { buildPreview, type Preview } from './preview.js';
import { stageImport } from './stage.js';
import { targetFor } from './target-for.js';
import type { ImportChoice, ImportParams } from './types.js';

export interface DraftedImport {
  request: RequestRecord | null;
  preview: Preview;
}

/**
 * Reads the export into sealed items, compares them with Tyk and builds the preview approvers see.
 * A dry run stops there and keeps nothing. The CLI's request starts approved (docs/design.md "Command line").
 */
export async function draftImport(
  d: WorkflowDeps,
  engine: RequestEngine,
  input: { files: ImportFile[]; choice: ImportChoice; requester: string; approved?: boolean },
): Promise<DraftedImport> {
  const { store, tyk, config } = d;
  const { choice } = input;
  const id = newId('req');
  store.importItems.removeOrphans();
  const target = targetFor(tyk, choice);
  try {
    const staged = await stageImport(store, id, input.files, choice, config.importMaxKeys);
    if (staged.total === 0) throw new KeybotError('BAD_INPUT', 'The file holds no keys.');
    const [apis, policyIds, classified] = await Promise.all([
      tyk.keys.listApis(),
      tyk.keys.listPolicyIds(),
      classify(store, id, target, config.importConcurrency),
    ]);
    const known = new Map(apis.map((a) => [a.id, a.orgId]));
    const preview = buildPreview(staged, classified, choice, {
      unknownApis: [...staged.apiIds].filter((a) => !known.has(a)),
      unknownPolicies: [...staged.policyIds].filter((p) => !policyIds.includes(p)),
      otherOrgApis: [...staged.apiIds].filter((a) => known.has(a) && known.get(a) && known.get(a) !== tyk.keys.orgId),
      orgId: tyk.keys.orgId,
      hashing: target.hashing(),
    });
    if (choice.dryRun) {
      store.importItems.drop(id);
      return { request: null, preview };
    }
    const params: ImportParams = { ...choice, files: staged.files, total: staged.total };
    const fields = [
      { label: 'Records', value: `${staged.total} in ${staged.files.map((f) => f.name).join(', ')}` },
      { label: 'Would create', value: String(classified.new) },
      { label: 'Already there', value: `${classified.identical} identical, ${classified.conflict} conflicting` },
      { label: 'Not imported', value: `${staged.skipped} skipped, ${staged.invalid} invalid` },
      { label: 'Target', value: `${choice.target}, on conflict ${choice.onConflict}` },
    ];
    const draft = {
      id,
      kind: 'import-keys' as const,
      requester: input.requester,
      reason: `Import ${choice.format} export`,
      summary: { title: `Import ${staged.ready} key(s) from ${choice.format}`, fields, warnings: preview.warnings, details: preview.text },
      params,
      refs: [],
    };
    return { request: input.approved ? engine.draftApproved(draft) : engine.draft(draft), preview };
  } catch (e) {
    store.importItems.drop(id);
    throw e;
  }
}
