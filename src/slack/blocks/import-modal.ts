import type { View } from '@slack/types';
import { FORMATS } from '../../command-args/import-keys.js';
import { VIEW } from '../ids.js';

/** block_id / action_id pairs of the import form (the submission handler reads them back). */
export const IMPORT_FIELD = {
  format: ['format', 'format_select'],
  files: ['files', 'files_input'],
  target: ['target', 'target_choice'],
  onConflict: ['on_conflict', 'on_conflict_choice'],
  exportTime: ['export_time', 'export_time_input'],
  options: ['options', 'options_checks'],
  mapping: ['mapping', 'mapping_file'],
  portal: ['portal', 'portal_input'],
} as const;

const opt = (value: string, text: string) => ({ text: { type: 'plain_text' as const, text }, value });
const FORMAT_TEXT: Record<string, string> = {
  tyk: 'Tyk (sessions)',
  csv: 'CSV (generic)',
  kong: 'Kong (decK dump)',
  aws: 'AWS API Gateway',
  apigee: 'Apigee (apps)',
  azure: 'Azure APIM',
};

// long: one modal's declaration, field by field; splitting it would scatter the form
/** The `/import-keys` form (docs/design.md "Contract details": format, files, target, on-conflict, Export time, Dry run). */
export function importModal(defaultTarget: 'dashboard' | 'gateway'): View {
  const [F, T, C, E, O, M, P, X] = [
    IMPORT_FIELD.format,
    IMPORT_FIELD.target,
    IMPORT_FIELD.onConflict,
    IMPORT_FIELD.exportTime,
    IMPORT_FIELD.options,
    IMPORT_FIELD.mapping,
    IMPORT_FIELD.portal,
    IMPORT_FIELD.files,
  ];
  return {
    type: 'modal',
    callback_id: VIEW.importKeys,
    title: { type: 'plain_text', text: 'Import keys' },
    submit: { type: 'plain_text', text: 'Preview' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: F[0],
        label: { type: 'plain_text', text: 'Export format' },
        element: { type: 'static_select', action_id: F[1], options: FORMATS.map((f) => opt(f, FORMAT_TEXT[f] ?? f)) },
      },
      {
        type: 'input',
        block_id: X[0],
        label: { type: 'plain_text', text: 'Export file and its auxiliary files' },
        hint: {
          type: 'plain_text',
          text: 'e.g. AWS: api keys, usage plans and plan keys; Apigee: apps and products. Each is recognised by its content.',
        },
        element: { type: 'file_input', action_id: X[1], max_files: 10 },
      },
      {
        type: 'input',
        block_id: T[0],
        label: { type: 'plain_text', text: 'Target' },
        element: {
          type: 'radio_buttons',
          action_id: T[1],
          initial_option: opt(defaultTarget, defaultTarget === 'dashboard' ? 'Dashboard keys' : 'Gateway keys'),
          options: [opt('dashboard', 'Dashboard keys'), opt('gateway', 'Gateway keys'), opt('portal', 'Portal custom credentials')],
        },
      },
      {
        type: 'input',
        block_id: C[0],
        label: { type: 'plain_text', text: 'When a key already exists with other settings' },
        element: {
          type: 'radio_buttons',
          action_id: C[1],
          initial_option: opt('skip', 'skip (keep it)'),
          options: [opt('skip', 'skip (keep it)'), opt('overwrite', 'overwrite')],
        },
      },
      {
        type: 'input',
        block_id: E[0],
        optional: true,
        label: { type: 'plain_text', text: 'Export time' },
        hint: { type: 'plain_text', text: 'When the export was taken: ISO 8601 or unix seconds; default now. Kong TTLs count from it.' },
        element: { type: 'plain_text_input', action_id: E[1], max_length: 40 },
      },
      {
        type: 'input',
        block_id: O[0],
        optional: true,
        label: { type: 'plain_text', text: 'Options' },
        element: {
          type: 'checkboxes',
          action_id: O[1],
          options: [
            opt('dry_run', 'Dry run'),
            opt('all_or_nothing', 'All or nothing'),
            opt('allow_unknown', 'Allow unknown APIs and policies'),
          ],
        },
      },
      {
        type: 'input',
        block_id: M[0],
        optional: true,
        label: { type: 'plain_text', text: 'Mapping file (source API → Tyk API)' },
        element: { type: 'file_input', action_id: M[1], max_files: 1, filetypes: ['json'] },
      },
      {
        type: 'input',
        block_id: P[0],
        optional: true,
        label: { type: 'plain_text', text: 'Portal placement (Portal target only)' },
        hint: { type: 'plain_text', text: 'app=12 plan=3 products=4,5' },
        element: { type: 'plain_text_input', action_id: P[1], max_length: 200 },
      },
    ],
  };
}
