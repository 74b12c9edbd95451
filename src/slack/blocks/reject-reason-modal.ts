import type { View } from '@slack/types';
import { VIEW } from '../ids.js';
import { clip, escapeText, section } from './kit.js';

export const REJECT_BLOCK = 'reason';
export const REJECT_INPUT = 'reason_input';

/** Asks the approver why; the requester is told this reason. */
export function rejectReasonModal(requestId: string, title: string): View {
  return {
    type: 'modal',
    callback_id: VIEW.rejectReason,
    private_metadata: requestId,
    title: { type: 'plain_text', text: 'Reject request' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Back' },
    blocks: [
      section(clip(`*${escapeText(title)}* (${requestId})`, 3000)),
      {
        type: 'input',
        block_id: REJECT_BLOCK,
        label: { type: 'plain_text', text: 'Why is it rejected? The requester sees this.' },
        element: { type: 'plain_text_input', action_id: REJECT_INPUT, multiline: true, min_length: 3, max_length: 500 },
      },
    ],
  };
}
