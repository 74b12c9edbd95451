/** Button labels are public contract: exactly these words, no emoji. */
export const LABEL = {
  approve: 'Approve',
  reject: 'Reject',
  reveal: 'Reveal',
  extendGrace: 'Extend grace',
  retireNow: 'Retire now',
  cancel: 'Cancel',
  restore: 'Restore',
  undoImport: 'Undo import',
  requestRotation: 'Request rotation',
  acknowledge: 'Acknowledge',
} as const;

/** action_ids: one per behaviour, so a listener never has to read a label. */
export const ACTION = {
  approve: 'approve',
  reject: 'reject',
  reveal: 'reveal',
  extendGrace: 'extend_grace',
  retireNow: 'retire_now',
  cancelRotation: 'cancel_rotation',
  restore: 'restore_key',
  undoImport: 'undo_import',
  cancelImport: 'cancel_import',
  requestRotation: 'request_rotation',
  acknowledge: 'acknowledge_break_glass',
} as const;

/** callback_ids of modals. */
export const VIEW = {
  rejectReason: 'reject_reason',
  reveal: 'reveal_value',
  extendGrace: 'extend_grace',
  importKeys: 'import_keys',
  undoImport: 'undo_import_confirm',
} as const;
