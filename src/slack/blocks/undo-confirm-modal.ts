import type { View } from '@slack/types';
import { VIEW } from '../ids.js';
import { section } from './kit.js';

/** Undo deletes keys consumers may already use: it is confirmed first. */
export function undoConfirmModal(requestId: string, created: number): View {
  return {
    type: 'modal',
    callback_id: VIEW.undoImport,
    private_metadata: requestId,
    title: { type: 'plain_text', text: 'Undo import' },
    submit: { type: 'plain_text', text: 'Delete keys' },
    close: { type: 'plain_text', text: 'Keep them' },
    blocks: [section(`This deletes the *${created}* key(s) that ${requestId} created in Tyk. Keys that already existed before the import stay. Consumers using the deleted keys will be refused. Continue?`)],
  };
}
