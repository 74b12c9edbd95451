import { unixSeconds } from '../../clock.js';
import { KeybotError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ImportFile } from '../../importers/index.js';
import type { RequestRecord } from '../../store/requests.js';
import { inactiveRuleOf } from '../../tyk/inactive-rule.js';
import type { WorkflowDeps } from '../deps.js';
import type { RequestEngine } from '../requests.js';
import { classify, type PlannedStatus } from './classify.js';
import { buildPreview, type Preview } from './preview.js';
import { stageImport } from './stage.js';
import { keyStoreFor, targetFor } from './target-for.js';
import type { ImportChoice, ImportParams } from './types.js';

/** One record of a dry run: what execution would do with it. */
export interface PlannedRecord {
  ref: string;
  fingerprint: string | null;
  status: PlannedStatus;
  error?: string;
}

export interface DraftedImport {
  request: RequestRecord | null;
  preview: Preview;
  /** dry runs only: every record with its planned status, in file order */
  planned?: PlannedRecord[];
}

/**
 * Reads the export into sealed items, decides what each would become and builds the preview
 * approvers see. A dry run stops there and keeps nothing. The CLI's request starts approved
 * (docs/design.md "Command line").
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
  const keys = choice.target === 'portal' ? tyk.keys : keyStoreFor(tyk, choice.target);
  try {
    const staged = await stageImport(store, id, input.files, choice, config.importMaxKeys);
    if (staged.total === 0) throw new KeybotError('BAD_INPUT', 'The file holds no keys.');
    const [apis, policyIds, version] = await Promise.all([keys.listApis(), keys.listPolicyIds(), tyk.gateway?.version() ?? null]);
    const known = new Map(apis.map((a) => [a.id, a.orgId]));
    const planned = choice.dryRun ? new Map<number, PlannedStatus>() : undefined;
    const classified = await classify(store, id, target, {
      concurrency: config.importConcurrency,
      orgId: keys.orgId,
      onPlanned: planned ? (idx, status) => planned.set(idx, status) : undefined,
      plan: {
        now: unixSeconds(d.clock),
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
    const preview = buildPreview(staged, classified, choice, {
      unknownApis: [...staged.apiIds].filter((a) => !known.has(a)),
      unknownPolicies: [...staged.policyIds].filter((p) => !policyIds.includes(p)),
      otherOrgApis: [...staged.apiIds].filter((a) => known.has(a) && known.get(a) && known.get(a) !== keys.orgId),
      orgId: keys.orgId,
      hashing: target.hashing(),
    });
    if (planned) {
      const records = plannedRecords(d, id, planned);
      store.importItems.drop(id);
      return { request: null, preview, planned: records };
    }
    const params: ImportParams = { ...choice, files: staged.files, total: staged.total };
    const c = preview.counts;
    const fields = [
      { label: 'Records', value: `${staged.total} in ${staged.files.map((f) => f.name).join(', ')}` },
      { label: 'Would create', value: String(c.new) },
      { label: 'Already there', value: `${c.identical} identical, ${c.conflict} conflicting` },
      { label: 'Not imported', value: `${c.skipped} skipped, ${c.invalid} invalid` },
      { label: 'Target', value: `${choice.target}, on conflict ${choice.onConflict}` },
    ];
    const draft = {
      id,
      kind: 'import-keys' as const,
      requester: input.requester,
      reason: `Import ${choice.format} export`,
      summary: {
        title: `Import ${c.new + c.identical + c.conflict} key(s) from ${choice.format}`,
        fields,
        warnings: preview.warnings,
        details: preview.text,
      },
      params,
      refs: [],
    };
    return { request: input.approved ? engine.draftApproved(draft) : engine.draft(draft), preview };
  } catch (e) {
    store.importItems.drop(id);
    throw e;
  }
}

function plannedRecords(d: WorkflowDeps, id: string, planned: Map<number, PlannedStatus>): PlannedRecord[] {
  const out: PlannedRecord[] = [];
  for (const r of d.store.importItems.all(id)) {
    const status = planned.get(r.idx) ?? (r.status as PlannedStatus);
    out.push({
      ref: r.ref,
      fingerprint: r.fingerprint,
      status,
      ...((status === 'skipped' || status === 'invalid') && r.reason ? { error: r.reason } : {}),
    });
  }
  return out;
}
