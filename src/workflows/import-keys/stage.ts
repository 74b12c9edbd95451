import { defaultImportOptions, type FileRole, type ImportFile, type ImportRecord, openImport } from '../../importers/index.js';
import type { StagedItem } from '../../store/import-items.js';
import type { Store } from '../../store/index.js';
import { digestOf, type FileDigest } from './file-digest.js';
import type { ImportChoice } from './types.js';

const BATCH = 1_000;

export interface Staged {
  files: FileRole[];
  /** name, size and SHA-256 of every file given, for the history */
  digests: FileDigest[];
  total: number;
  ready: number;
  invalid: number;
  skipped: number;
  /** the first problems with their place, for the preview */
  problems: string[];
  withoutExpiry: number;
  apiIds: Set<string>;
  policyIds: Set<string>;
}

const problemOf = (r: ImportRecord): string | null =>
  r.result === 'error'
    ? `${r.ref}${r.line ? ` (line ${r.line})` : ''}: ${r.error}${r.detail ? ` (${r.detail})` : ''}`
    : r.result === 'skipped'
      ? `${r.ref}${r.line ? ` (line ${r.line})` : ''}: skipped, ${r.reason}`
      : null;

function toItem(r: ImportRecord): StagedItem {
  const base = { idx: r.index, ref: r.ref, line: r.line, fingerprint: r.key?.fingerprint };
  switch (r.result) {
    case 'ok':
      return {
        ...base,
        status: 'ready',
        alias: r.session.alias,
        warnings: r.warnings,
        secret: { key: r.key, session: r.session, extra: r.extra, createdAt: r.createdAt },
      };
    case 'skipped':
      return { ...base, status: 'skipped', reason: r.reason };
    case 'error':
      return { ...base, status: 'invalid', reason: r.detail ? `${r.error}: ${r.detail}` : r.error };
  }
}

/**
 * Parses the export (streamed for CSV) into sealed import items, a thousand per transaction, so a
 * 100,000-key file is never held whole in memory. Returns what the preview shows.
 */
export async function stageImport(
  store: Store,
  requestId: string,
  files: ImportFile[],
  choice: ImportChoice,
  maxKeys: number,
): Promise<Staged> {
  const options = { ...defaultImportOptions(choice.exportTime), apiMap: choice.apiMap, maxKeys };
  const parsed = await openImport(choice.format, files, options);
  const s: Staged = {
    files: parsed.files,
    digests: [],
    total: 0,
    ready: 0,
    invalid: 0,
    skipped: 0,
    problems: [],
    withoutExpiry: 0,
    apiIds: new Set(),
    policyIds: new Set(),
  };
  let batch: StagedItem[] = [];
  for await (const r of parsed.records) {
    s.total += 1;
    const problem = problemOf(r);
    if (problem && s.problems.length < 20) s.problems.push(problem);
    if (r.result === 'ok') {
      s.ready += 1;
      if (r.session.expires === 0) s.withoutExpiry += 1;
      Object.keys(r.session.access_rights).forEach((a) => s.apiIds.add(a));
      r.session.apply_policies.forEach((p) => s.policyIds.add(p));
    } else if (r.result === 'error') s.invalid += 1;
    else s.skipped += 1;
    batch.push(toItem(r));
    if (batch.length >= BATCH) {
      store.importItems.stage(requestId, batch);
      batch = [];
    }
  }
  store.importItems.stage(requestId, batch);
  // after the parse, which has already refused a file that cannot be read, with its own message
  s.digests = await Promise.all(files.map(digestOf));
  return s;
}
