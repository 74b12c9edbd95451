import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { unixSeconds } from '../../clock.js';
import { parseApiMap, parseExportTime, parseImportChoice, parsePortalPlacement } from '../../command-args/import-keys.js';
import { isKeybotError } from '../../errors.js';
import { dryRunMessage } from '../blocks/import-messages.js';
import { IMPORT_FIELD } from '../blocks/import-modal.js';
import { channelLink, md, plainMessage } from '../blocks/kit.js';
import { dmUser } from '../dm.js';
import { type DownloadDeps, downloadSlackBytes, downloadSlackFile, type SlackFileRef } from '../download-file.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

type Values = ViewSubmitAction['view']['state']['values'];
const field = (v: Values, [block, action]: readonly [string, string]) => v[block]?.[action];

/** Errors the form can show next to its fields, before the modal closes. */
function formErrors(v: Values, now: number): Record<string, string> {
  const errors: Record<string, string> = {};
  const tryField = (block: string, fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      errors[block] = isKeybotError(e) ? e.userMessage : 'invalid';
    }
  };
  if (!field(v, IMPORT_FIELD.format)?.selected_option) errors[IMPORT_FIELD.format[0]] = 'Choose the export format.';
  if (((field(v, IMPORT_FIELD.files) as { files?: unknown[] } | undefined)?.files ?? []).length === 0)
    errors[IMPORT_FIELD.files[0]] = 'Attach the export file.';
  tryField(IMPORT_FIELD.exportTime[0], () => parseExportTime(field(v, IMPORT_FIELD.exportTime)?.value ?? '', now));
  tryField(IMPORT_FIELD.portal[0], () => parsePortalPlacement(field(v, IMPORT_FIELD.portal)?.value ?? ''));
  if (field(v, IMPORT_FIELD.target)?.selected_option?.value === 'portal' && !field(v, IMPORT_FIELD.portal)?.value) {
    errors[IMPORT_FIELD.portal[0]] = 'The Portal target needs app, plan and products: app=12 plan=3 products=4,5';
  }
  return errors;
}

/**
 * The import form was submitted: field errors go back into the form; otherwise the form closes
 * and the bot downloads, parses and previews in the background, then DMs the requester.
 */
export const importKeysSubmitted =
  (deps: ListenerDeps) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const v = view.state.values;
    const now = unixSeconds(deps.clock);
    const errors = formErrors(v, now);
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    await ack();
    const user = body.user.id;
    const tell = (text: string) => dmUser(client, user, text);
    await replyOnError(tell, deps, { lane: 'commands', user }, async () => {
      const files = (field(v, IMPORT_FIELD.files) as { files?: SlackFileRef[] }).files ?? [];
      const mapping = ((field(v, IMPORT_FIELD.mapping) as { files?: SlackFileRef[] } | undefined)?.files ?? [])[0];
      const checks = field(v, IMPORT_FIELD.options)?.selected_options?.map((o) => o.value) ?? [];
      // the first download that fails stops the others
      const stop = new AbortController();
      const download: DownloadDeps = {
        client,
        botToken: deps.config.slack.botToken,
        apiUrl: deps.config.slack.apiUrl,
        timeoutMs: deps.downloadTimeoutMs,
        signal: stop.signal,
      };
      const failing = <T>(p: Promise<T>) =>
        p.catch((e: unknown) => {
          stop.abort();
          throw e;
        });
      const choice = parseImportChoice(
        {
          format: field(v, IMPORT_FIELD.format)?.selected_option?.value,
          target: field(v, IMPORT_FIELD.target)?.selected_option?.value,
          onConflict: field(v, IMPORT_FIELD.onConflict)?.selected_option?.value ?? 'skip',
          exportTime: field(v, IMPORT_FIELD.exportTime)?.value ?? '',
          portal: field(v, IMPORT_FIELD.portal)?.value ?? '',
          dryRun: checks.includes('dry_run'),
          allOrNothing: checks.includes('all_or_nothing'),
          allowUnknown: checks.includes('allow_unknown'),
          apiMap: mapping ? parseApiMap((await downloadSlackBytes(mapping, download)).bytes.toString('utf8')) : {},
        },
        now,
      );
      await tell(`Reading ${files.length} file(s) and comparing them with Tyk…`);
      const downloaded = await Promise.all(files.map((f) => failing(downloadSlackFile(f, download))));
      const { request, preview } = await deps.workflows.imports.draft({ files: downloaded, choice, requester: user });
      if (!request) {
        const { message, attachment } = dryRunMessage(preview.summary, preview.warnings, 'import-dry-run-preview.txt');
        return void (await dmUser(client, user, message, attachment));
      }
      await dmUser(
        client,
        user,
        plainMessage(
          md`Requested ${request.id}: ${request.summary.title}. The preview is in the approval thread in ${channelLink(deps.config.approvalChannel)}.`,
        ),
      );
    });
  };
