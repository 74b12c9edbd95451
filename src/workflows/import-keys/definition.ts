import { describeError } from '../../describe-error.js';
import type { WorkflowDefinition } from '../definition.js';
import { forgetStep } from '../forget.js';
import { executeImport, finishImport } from './execute.js';
import { reportImport } from './report.js';
import { type ImportParams, type ImportState, importSchemas } from './types.js';
import { undoImport } from './undo.js';

/** `/import-keys`: execute (checkpointed per key) → report; later, on request, undo → report. */
export const importKeysWorkflow: WorkflowDefinition<ImportParams, ImportState> = {
  kind: 'import-keys',
  schemas: importSchemas,
  steps: { execute: executeImport, report: reportImport, undo: undoImport, forget: forgetStep },
  async onGaveUp(ctx, error) {
    const { message } = describeError(error, ctx.log);
    if (ctx.job.step === 'execute') return finishImport(ctx, 'failed', message);
    ctx.engine.notify(ctx.request.id, `${ctx.job.key}-failed`, { type: 'step-failed', step: ctx.job.key, message });
  },
};
