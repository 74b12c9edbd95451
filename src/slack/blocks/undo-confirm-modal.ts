import type { View } from '@slack/types';
import { VIEW } from '../ids.js';
import { md, requestModal, section } from './kit.js';

/** Undo deletes keys consumers may already use: it is confirmed first. */
export function undoConfirmModal(requestId: string, created: number): View {
  return requestModal({
    callbackId: VIEW.undoImport,
    requestId,
    title: 'Undo import',
    submit: 'Delete keys',
    close: 'Keep them',
    blocks: [
      section(
        md`This deletes the *${created}* key(s) that ${requestId} created in Tyk. Keys that already existed before the import stay. Consumers using the deleted keys will be refused. Continue?`,
      ),
    ],
  });
}
