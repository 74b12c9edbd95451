import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from './harness.js';
import { projectFile } from './project-root.js';
import type { HostFileOptions } from './slack-fake/index.js';
import { USERS } from './users.js';

export const FIXTURES = projectFile('test', 'fixtures', 'import');
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

export interface ImportForm {
  format: string;
  /** `host`: how the fake serves it; `claimedUrl`: the download URL the view payload names instead of Slack's */
  files: Array<{ name: string; content: Buffer; host?: HostFileOptions; claimedUrl?: string }>;
  target?: 'dashboard' | 'gateway' | 'portal';
  onConflict?: 'skip' | 'overwrite';
  exportTime?: string;
  dryRun?: boolean;
  allOrNothing?: boolean;
  mapping?: { name: string; content: Buffer };
  portal?: string;
}

const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value, text: { type: 'plain_text', text: value } } });

/** /import-keys → fill the form the way a person would → submit. Returns the submission reply (the bench drives a bot process with it too). */
export async function submitImport(h: Pick<Harness, 'slack' | 'driver' | 'until'>, form: ImportForm, user: string = USERS.requester) {
  const before = h.slack.views(user).length;
  await h.driver.command('/import-keys', '', { user });
  const modal = await h.until(() => h.slack.views(user)[before], 'the import form');
  const hosted = form.files.map((f) => {
    const file = h.slack.hostFile(f.name, f.content, f.host);
    return f.claimedUrl ? { ...file, url_private: f.claimedUrl, url_private_download: f.claimedUrl } : file;
  });
  const options = [...(form.dryRun ? ['dry_run'] : []), ...(form.allOrNothing ? ['all_or_nothing'] : [])];
  return h.driver.submitView(
    modal.view,
    {
      format: {
        format_select: { type: 'static_select', selected_option: { value: form.format, text: { type: 'plain_text', text: form.format } } },
      },
      files: { files_input: { type: 'file_input', files: hosted } },
      target: { target_choice: radio(form.target ?? 'gateway') },
      on_conflict: { on_conflict_choice: radio(form.onConflict ?? 'skip') },
      ...(form.exportTime ? { export_time: { export_time_input: { type: 'plain_text_input', value: form.exportTime } } } : {}),
      ...(options.length
        ? {
            options: {
              options_checks: {
                type: 'checkboxes',
                selected_options: options.map((value) => ({ value, text: { type: 'plain_text', text: value } })),
              },
            },
          }
        : {}),
      ...(form.mapping
        ? { mapping: { mapping_file: { type: 'file_input', files: [h.slack.hostFile(form.mapping.name, form.mapping.content)] } } }
        : {}),
      ...(form.portal ? { portal: { portal_input: { type: 'plain_text_input', value: form.portal } } } : {}),
    },
    { user },
  );
}

/** Submits the form and returns the import request once it is drafted. */
export async function requestImport(h: Harness, form: ImportForm) {
  const count = () => h.bot.store.requests.byRequester(USERS.requester).filter((r) => r.kind === 'import-keys').length;
  const before = count();
  const res = await submitImport(h, form);
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${res.body}`);
  return h.until(
    () => count() > before && h.bot.store.requests.byRequester(USERS.requester).find((r) => r.kind === 'import-keys'),
    'the import request',
  );
}

/** The import's last message in its thread ("Import finished|failed|cancelled …"). */
export const reportOf = (h: Harness, requestId: string) =>
  h.slack
    .messages({ channel: h.config.approvalChannel })
    .find((m) => m.thread_ts && /^Import (finished|failed|cancelled|undone)/.test(m.text) && JSON.stringify(m.blocks).includes(requestId));
