import { KeybotError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ImportFile } from '../../importers/index.js';
import type { RequestRecord } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import type { RequestEngine } from '../requests.js';
import { PLANNED_STATUSES, type PlannedStatus } from './classify.js';
import type { Preview } from './preview.js';
import { previewInWorker } from './preview-in-worker.js';
import { targetFor } from './target-for.js';
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
  /**
   * Dry runs asked with `plannedRecords`: every record with its planned status, in file order, read
   * from the store as it is iterated (iterate it once: it then removes the dry run's items).
   */
  planned?: Iterable<PlannedRecord>;
}

/**
 * Reads the export into sealed items, decides what each would become and builds the preview
 * approvers see. A dry run stops there and keeps nothing. The CLI's request starts approved
 * (docs/design.md "Command line").
 */
/** An import as a surface starts it: the export files and the choices of the form or the CLI. */
export interface ImportDraftInput {
  files: ImportFile[];
  choice: ImportChoice;
  requester: string;
  /** the CLI's request starts approved by its operator */
  approved?: boolean;
  /** a dry run hands back each record's planned status (the CLI's --json) */
  plannedRecords?: boolean;
}

export async function draftImport(d: WorkflowDeps, engine: RequestEngine, input: ImportDraftInput): Promise<DraftedImport> {
  const { store, tyk } = d;
  const { choice } = input;
  const id = newId('req');
  store.importItems.removeOrphans();
  // NOT_CONFIGURED before any file is read; the worker builds its own target
  targetFor(tyk, choice);
  try {
    const { staged, preview, planned } = await previewInWorker(d, { requestId: id, files: input.files, choice });
    if (planned) {
      if (!input.plannedRecords) {
        await store.importItems.dropGradually(id);
        return { request: null, preview };
      }
      return { request: null, preview, planned: plannedRecords(d, id, planned) };
    }
    const params: ImportParams = { ...choice, files: staged.files, digests: staged.digests, total: staged.total };
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
        importPreview: preview.summary,
      },
      params,
      refs: [],
      recorded: { files: staged.digests },
    };
    return { request: input.approved ? engine.draftApproved(draft) : engine.draft(draft), preview };
  } catch (e) {
    await store.importItems.dropGradually(id);
    throw e;
  }
}

/** Read row by row: a 1,000,000-key dry run is never a million objects in memory. */
function* plannedRecords(d: WorkflowDeps, id: string, planned: Uint8Array): Generator<PlannedRecord> {
  try {
    for (const r of d.store.importItems.all(id)) {
      const status = PLANNED_STATUSES[(planned[r.idx] ?? 0) - 1] ?? (r.status as PlannedStatus);
      yield {
        ref: r.ref,
        fingerprint: r.fingerprint,
        status,
        ...((status === 'skipped' || status === 'invalid') && r.reason ? { error: r.reason } : {}),
      };
    }
  } finally {
    d.store.importItems.drop(id);
  }
}

/**
 * One draft at a time per requester: a preview holds a worker thread and up to its heap, so a user
 * starting the same dry run again and again gets a reply instead of a pile of workers.
 */
export function onePerRequester<I extends { requester: string; choice: ImportChoice }, T>(draft: (input: I) => Promise<T>) {
  const reading = new Set<string>();
  return async (input: I): Promise<T> => {
    if (reading.has(input.requester))
      throw new KeybotError(
        'CONFLICT',
        input.choice.dryRun
          ? 'A dry run of yours is already running: wait for its result, then try again.'
          : 'An import of yours is still being read: wait for its preview, then try again.',
      );
    reading.add(input.requester);
    try {
      return await draft(input);
    } finally {
      reading.delete(input.requester);
    }
  };
}
