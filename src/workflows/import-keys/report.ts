import { z } from 'zod';
import { withPayload } from '../definition.js';
import { toCounts } from './counts.js';
import { resultsCsv } from './results-csv.js';
import type { ImportContext, ImportCounts } from './types.js';

const countLines = (c: ImportCounts): string[] => [
  `created ${c.created}, overwritten ${c.overwritten}, identical ${c.identical}, conflict ${c.conflict}`,
  `skipped ${c.skipped}, invalid ${c.invalid}, failed ${c.failed}${c.undone ? `, undone ${c.undone}` : ''}${c.new ? `, not run ${c.new}` : ''}`,
];

/** A `report` job's payload: `undo` for the report after an Undo (key `report:undo`). */
export const reportPayload = z.object({ undo: z.boolean().default(false) });

/** Step `report` (keys `report` and `report:undo`): the last message of a batch with its results CSV. */
export const reportImport = withPayload(reportPayload, async (ctx: ImportContext, { undo }) => {
  const { store, notifier } = ctx.deps;
  const r = store.requests.get(ctx.request.id) ?? ctx.request;
  const state = ctx.currentState() ?? ctx.state;
  const outcome = undo ? 'undone' : (state.outcome ?? 'failed');
  const counts = toCounts(store.importItems.counts(r.id));
  // the batch's per-key creates are logged at debug (TykRequest.bulk): this is its info line, with counts only
  ctx.log.info(
    { outcome, created: counts.created, overwritten: counts.overwritten, failed: counts.failed, undone: counts.undone },
    'import tyk writes',
  );
  // the headline (outcome, record count, files, target) is the surface's to write: it holds file names
  const lines = countLines(counts);
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
});
