import type { View } from '@slack/types';
import { VIEW } from '../ids.js';
import { md, requestModal, section } from './kit.js';

export const REJECT_BLOCK = 'reason';
export const REJECT_INPUT = 'reason_input';

/** Asks the approver why; the requester is told this reason. */
export function rejectReasonModal(requestId: string, title: string): View {
  return requestModal({
    callbackId: VIEW.rejectReason,
    requestId,
    title: 'Reject request',
    submit: 'Reject',
    close: 'Back',
    blocks: [
      section(md`*${title}* (${requestId})`),
      {
        type: 'input',
        block_id: REJECT_BLOCK,
        label: { type: 'plain_text', text: 'Why is it rejected? The requester sees this.' },
        element: { type: 'plain_text_input', action_id: REJECT_INPUT, multiline: true, min_length: 3, max_length: 500 },
      },
    ],
  });
}
