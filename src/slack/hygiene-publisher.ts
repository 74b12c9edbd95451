import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { HygienePublisher } from '../workflows/inventory/hygiene.js';
import { hygieneDigest, ownerOverdueMessage } from './blocks/hygiene-messages.js';

/** The digest in NOTIFY_CHANNEL with the CSV in its thread, and the owners' DMs. */
export function slackHygienePublisher(client: WebClient, config: Config): HygienePublisher {
  return {
    async digest(report, csv, head) {
      const posted = await client.chat.postMessage({ channel: config.notifyChannel, ...hygieneDigest(report, head) });
      await client.filesUploadV2({
        channel_id: config.notifyChannel,
        thread_ts: posted.ts as string,
        filename: csv.filename,
        title: csv.filename,
        content: [...csv.content()].join(''),
      });
    },
    async ownerDm(user, report, theirs) {
      const opened = await client.conversations.open({ users: user });
      await client.chat.postMessage({ channel: opened.channel?.id as string, ...ownerOverdueMessage(theirs, report.at) });
    },
  };
}
