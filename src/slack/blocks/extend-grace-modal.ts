import type { View } from '@slack/types';
import { VIEW } from '../ids.js';
import { requestModal } from './kit.js';

export const EXTEND_BLOCK = 'extend_by';
export const EXTEND_INPUT = 'extend_by_input';

/** How much longer both keys should work. */
export function extendGraceModal(requestId: string): View {
  return requestModal({
    callbackId: VIEW.extendGrace,
    requestId,
    title: 'Extend grace',
    submit: 'Extend',
    close: 'Back',
    blocks: [
      {
        type: 'input',
        block_id: EXTEND_BLOCK,
        label: { type: 'plain_text', text: 'Extend by (e.g. 3d, 12h)' },
        element: { type: 'plain_text_input', action_id: EXTEND_INPUT, max_length: 10, placeholder: { type: 'plain_text', text: '3d' } },
        hint: { type: 'plain_text', text: 'Beyond MAX_GRACE in total, the extension needs approval again.' },
      },
    ],
  });
}
