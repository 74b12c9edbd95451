import type { ChatPostMessageArguments, ChatUpdateArguments, WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { isKeybotError, type KeybotError } from '../errors.js';
import type { Log } from '../log.js';
import type { RequestRecord } from '../store/requests.js';
import type { Notice, Notifier } from '../workflows/notices.js';
import { approvalMessage, decidedMessage } from './blocks/approval-message.js';
import { deadMessage, lapsedMessage, reviewMessage } from './blocks/emergency-messages.js';
import { eventMessage } from './blocks/event-messages.js';
import {
  type Attachment,
  importPreviewMessage,
  importProgressMessage,
  importReportMessage,
  previewFilename,
} from './blocks/import-messages.js';
import { isSlackUser, md, mention, plainMessage, quote, type SlackMessage, say, sentence } from './blocks/kit.js';
import { revealMessage } from './blocks/reveal-message.js';
import { reminderMessage, retiredMessage } from './blocks/rotation-messages.js';
import { asUndeliverable, type Destination, tokenDead } from './undeliverable.js';

interface NotifierDeps {
  client: WebClient;
  config: Config;
  log: Log;
  onApprovalPosted(requestId: string, channel: string, ts: string): void;
  /** an import's progress message, kept in the request so a restarted bot edits the same one */
  onProgressPosted(requestId: string, ts: string): void;
  /** an import's preview (and its file) reached the approval thread; a retried notice posts it until then */
  onPreviewPosted(requestId: string): void;
}

/** A workflow's sentence as a message: escaped, mentions of well-formed Slack IDs only. */
const plain = (text: string): SlackMessage => plainMessage(sentence(text));

const chainHeadMessage = (seq: number, mac: string, at: number): SlackMessage =>
  plainMessage(
    md`History chain head at ${new Date(at).toISOString()}: row ${seq}, MAC \`${mac}\`. \`tyk-keybot audit verify\` prints the head of the database it reads: if this row's MAC differs there, the history was rewritten.`,
  );

/**
 * Renders workflow notices into Slack messages. Every call here runs inside a job, so transient
 * Slack errors are retried; one that cannot heal (not in the channel, a missing scope, a dead
 * token) fails the job at once, and the requester and the approval channel are told.
 */
// long: a factory: the Slack calls and one deliverer per notice type share the client and the progress messages
export function slackNotifier(d: NotifierDeps): Notifier {
  const { client, config } = d;

  /** The progress message of each running batch, edited in place. */
  const progressTs = new Map<string, string>();
  const progressTsOf = (r: RequestRecord): string | undefined => {
    const saved = r.state['progressTs']; // written by keybot.ts onProgressPosted, any kind's state
    return progressTs.get(r.id) ?? (typeof saved === 'string' ? saved : undefined);
  };

  /** Every Slack call goes through here: an error that cannot heal becomes final, naming where it was going. */
  const guard = async <T>(to: Destination, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      throw asUndeliverable(e, to, config);
    }
  };
  const post = (a: ChatPostMessageArguments) => guard({ channel: a.channel }, () => client.chat.postMessage(a));
  const update = (a: ChatUpdateArguments) => guard({ channel: a.channel }, () => client.chat.update(a));

  const dm = (user: string, m: SlackMessage) =>
    guard({ user }, async () => {
      if (!isSlackUser(user)) return; // keybot's own requests (auto_rotate) and CLI operators have no DM
      const opened = await client.conversations.open({ users: user });
      await client.chat.postMessage({ channel: opened.channel?.id as string, ...m });
    });

  /** A reply in the approval message's thread, or in the approval channel when there is none (CLI requests). */
  const thread = (r: RequestRecord, m: SlackMessage) =>
    post({
      channel: r.approval?.channel ?? config.approvalChannel,
      ...(r.approval ? { thread_ts: r.approval.ts } : {}),
      ...m,
    });

  /** A file in a channel or thread: a batch's results, a preview too long for a message. */
  const upload = (channel: string, threadTs: string | undefined, a: Attachment) => {
    const file = { channel_id: channel, filename: a.filename, title: a.filename, content: a.content };
    return guard({ channel }, () => client.filesUploadV2(threadTs ? { ...file, thread_ts: threadTs } : file));
  };

  /** An import's preview in the approval thread, with the file of what did not fit in it. */
  const postPreview = async (r: RequestRecord, channel: string, ts: string) => {
    if (r.summary.importPreview) {
      if (r.state['previewPosted']) return;
      const { message, attachment } = importPreviewMessage(r.summary.importPreview, previewFilename(r.id));
      await post({ channel, thread_ts: ts, ...message });
      if (attachment) await upload(channel, ts, attachment);
      d.onPreviewPosted(r.id);
    } else if (r.summary.details) await post({ channel, thread_ts: ts, ...plain(r.summary.details) }); // drafted before importPreview
  };

  const updateApproval = async (r: RequestRecord, m: SlackMessage) => {
    if (r.approval) await update({ channel: r.approval.channel, ts: r.approval.ts, ...m });
  };

  /** One deliverer per notice type; the type checker holds the map complete. */
  const deliverers: { [T in Notice['type']]: (n: Extract<Notice, { type: T }>) => Promise<unknown> } = {
    'chain-head': (n) => post({ channel: config.notifyChannel, ...chainHeadMessage(n.seq, n.mac, n.at) }),
    'approval-requested': async ({ request: r }) => {
      if (r.approval) {
        await updateApproval(r, approvalMessage(r));
        // the preview always reaches the thread: a retry after the approval was posted posts it now
        if (r.summary.importPreview) await postPreview(r, r.approval.channel, r.approval.ts);
        return;
      }
      const posted = await post({ channel: config.approvalChannel, ...approvalMessage(r) });
      d.onApprovalPosted(r.id, posted.channel as string, posted.ts as string);
      await postPreview(r, posted.channel as string, posted.ts as string);
    },
    'vote-recorded': (n) => updateApproval(n.request, approvalMessage(n.request, { approvers: n.approvers, needed: n.needed })),
    decided: async (n) => {
      const r = n.request;
      await updateApproval(r, decidedMessage(r, { decision: n.decision, by: n.by, at: n.at, reason: n.reason }));
      if (n.decision === 'approved') return thread(r, plain(`Approved; ${r.id} is running now.`));
      return dm(
        r.requester,
        plainMessage(
          md`Your request ${r.id} (${r.summary.title}) was rejected by ${mention(n.by[0] ?? '')}.\n${quote(n.reason ?? '')}\nNothing was changed in Tyk.`,
        ),
      );
    },
    expired: async ({ request: r }) => {
      await updateApproval(r, decidedMessage(r, { decision: 'expired', by: [], at: r.updatedAt }));
      return dm(
        r.requester,
        plainMessage(
          md`Your request ${r.id} (${r.summary.title}) expired: nobody approved it within ${Math.round(config.requestTtlMs / 3_600_000)}h. Nothing was changed; ask again if it is still needed.`,
        ),
      );
    },
    cancelled: (n) => updateApproval(n.request, decidedMessage(n.request, { decision: 'cancelled', by: [n.by], at: n.request.updatedAt })),
    progress: (n) => thread(n.request, plain(n.text)),
    succeeded: (n) => thread(n.request, plainMessage(md`:white_check_mark: ${say(n.text)}`)),
    'still-waiting': (n) => thread(n.request, eventMessage(n)),
    'break-glass-acknowledged': (n) => thread(n.request, eventMessage(n)),
    'grace-extended': (n) => thread(n.request, eventMessage(n)),
    'retirement-cancelled': (n) => thread(n.request, eventMessage(n)),
    'key-restored': (n) => thread(n.request, eventMessage(n)),
    'restore-failed': (n) => thread(n.request, eventMessage(n)),
    'retirement-reapplied': (n) => thread(n.request, eventMessage(n)),
    'step-failed': (n) => thread(n.request, eventMessage(n)),
    failed: async ({ request: r, message }) => {
      await thread(r, plainMessage(md`:x: ${r.id} failed: ${sentence(message)}`));
      return dm(r.requester, plainMessage(md`Your request ${r.id} (${r.summary.title}) failed: ${sentence(message)}`));
    },
    reminder: async (n) => {
      const m = reminderMessage(n.request, n.retireAt, n.usage, n.held, n.heldFor);
      await post({ channel: config.notifyChannel, ...m });
      if (n.request.approval) await thread(n.request, m);
    },
    retired: async (n) => {
      const m = retiredMessage(n.request, n.action, n.fellBack, n.by);
      await post({ channel: config.notifyChannel, ...m });
      if (n.request.approval && n.request.approval.channel !== config.notifyChannel) await thread(n.request, m);
    },
    'key-dead': async (n) => {
      const m = deadMessage(n.request, n.alias, n.fingerprint, n.retiredAt);
      await thread(n.request, m);
      return dm(n.request.requester, m);
    },
    'break-glass-review': (n) => post({ channel: config.approvalChannel, ...reviewMessage(n.request, n.approver, n.dueAt, n.reminder) }),
    'break-glass-lapsed': (n) => post({ channel: config.approvalChannel, ...lapsedMessage(n.request, n.approver) }),
    'import-progress': async (n) => {
      const r = n.request;
      const m = importProgressMessage(r, n.done, n.total, n.counts, n.etaMs);
      const ts = progressTsOf(r);
      if (ts) return update({ channel: r.approval?.channel ?? config.notifyChannel, ts, ...m });
      const posted = await thread(r, m);
      progressTs.set(r.id, posted.ts as string);
      d.onProgressPosted(r.id, posted.ts as string);
    },
    'import-report': async (n) => {
      const r = n.request;
      const channel = r.approval?.channel ?? config.notifyChannel;
      const threadTs = r.approval?.ts;
      const ts = progressTsOf(r);
      if (ts) await update({ channel, ts, ...plainMessage(md`Progress: ${n.outcome}; the summary follows.`) }); // the Cancel button goes
      progressTs.delete(r.id);
      await post({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...importReportMessage(r, n.outcome, n.lines, n.undoable) });
      await upload(channel, threadTs, { filename: n.filename, content: [...n.csv()].join('') });
    },
    'reveal-ready': (n) =>
      dm(n.recipient, revealMessage({ what: n.what, requestId: n.request.id, revealId: n.revealId, expiresAt: n.expiresAt, note: n.note })),
  };
  const deliver = (n: Notice): Promise<unknown> => (deliverers[n.type] as (n: Notice) => Promise<unknown>)(n);

  /** Tells the requester and the approval channel that a message could not go out; the log when Slack is what fails there too. */
  const tellUndelivered = async (r: RequestRecord, e: KeybotError) => {
    d.log.error({ requestId: r.id, slackError: e.details.slackError, channel: e.details.channel }, e.userMessage);
    if (tokenDead(e)) return; // no call with this token works: the log line above is all there is
    const text = plainMessage(
      md`:warning: A message about ${r.id} (${r.summary.title}) did not reach Slack, and will not be retried: ${sentence(e.userMessage)}`,
    );
    const approvalChannel = r.approval?.channel ?? config.approvalChannel;
    const tell = (who: string, call: () => Promise<unknown>) =>
      call().catch((err: unknown) => d.log.error({ requestId: r.id, err }, `could not tell ${who} either`));
    if (e.details.user !== r.requester) await tell('the requester', () => dm(r.requester, text));
    if (e.details.channel !== approvalChannel) await tell('the approval channel', () => thread(r, text));
  };

  return {
    async send(n: Notice): Promise<void> {
      try {
        await deliver(n);
      } catch (e) {
        if (isKeybotError(e) && e.code === 'SLACK' && 'request' in n) await tellUndelivered(n.request, e);
        throw e;
      }
    },
  };
}
