import type { StepContext } from '../definition.js';
import { toCounts } from './counts.js';
import { resultsCsv } from './results-csv.js';
import type { ImportCounts, ImportParams, ImportState } from './types.js';

const HEADLINE = { finished: 'Import finished', failed: 'Import failed', cancelled: 'Import cancelled', undone: 'Import undone' } as const;

const countLines = (c: ImportCounts): string[] => [
  `created ${c.created}, overwritten ${c.overwritten}, identical ${c.identical}, conflict ${c.conflict}`,
  `skipped ${c.skipped}, invalid ${c.invalid}, failed ${c.failed}${c.undone ? `, undone ${c.undone}` : ''}${c.new ? `, not run ${c.new}` : ''}`,
];

/** Step `report` (and `report:undo`): the last message of a batch with its results CSV. */
export async function reportImport(ctx: StepContext): Promise<void> {
  const { store, notifier } = ctx.deps;
  const r = store.requests.get(ctx.request.id) ?? ctx.request;
  const state = r.state as ImportState;
  const outcome = ctx.job.step === 'report:undo' ? 'undone' : (state.outcome ?? 'failed');
  const counts = toCounts(store.importItems.counts(r.id));
  const p = r.params as ImportParams;
  const lines = [
    `${HEADLINE[outcome]}: ${p.total} record(s) from ${p.files.map((f) => f.name).join(', ')} into ${p.target}.`,
    ...countLines(counts),
  ];
  if (r.error) lines.push(r.error);
  await notifier.send({
    type: 'import-report',
    request: r,
    outcome,
    lines,
    csv: () => resultsCsv(store.importItems.all(r.id), { keyHash: false }), // built only where it is sent (not by the CLI)
    filename: `import-${r.id}${outcome === 'undone' ? '-undo' : ''}-results.csv`,
    undoable: outcome !== 'undone' && counts.created > 0,
  });
}
