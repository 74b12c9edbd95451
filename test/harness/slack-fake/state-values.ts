import { isObject } from './block-kit/issues.js';

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** What an untouched input reports in view.state.values, by element type. */
function emptyValue(type: string): Record<string, unknown> {
  if (type === 'file_input') return { type, files: [] };
  if (type === 'checkboxes' || type.startsWith('multi_')) {
    const key =
      type === 'multi_users_select'
        ? 'selected_users'
        : type === 'multi_conversations_select'
          ? 'selected_conversations'
          : type === 'multi_channels_select'
            ? 'selected_channels'
            : 'selected_options';
    return { type, [key]: [] };
  }
  const single: Record<string, string> = {
    static_select: 'selected_option',
    external_select: 'selected_option',
    radio_buttons: 'selected_option',
    users_select: 'selected_user',
    conversations_select: 'selected_conversation',
    channels_select: 'selected_channel',
    datepicker: 'selected_date',
    timepicker: 'selected_time',
    datetimepicker: 'selected_date_time',
  };
  return { type, [single[type] ?? 'value']: null };
}

const isEmpty = (v: Record<string, unknown>): boolean =>
  Object.entries(v).every(([k, x]) => k === 'type' || x === null || x === '' || (Array.isArray(x) && x.length === 0));

/**
 * The state.values of a view_submission: every input block of the view, with the values the test
 * filled in and Slack's empty value elsewhere. Throws when a value names an input the view does
 * not have, or when a required input is left empty (Slack's client would not submit).
 */
export function stateValues(blocks: unknown, given: StateValues): StateValues {
  const inputs = (Array.isArray(blocks) ? blocks : []).flatMap((block) =>
    isObject(block) && block.type === 'input' && isObject(block.element)
      ? [
          {
            blockId: String(block.block_id ?? ''),
            actionId: String(block.element.action_id ?? ''),
            type: String(block.element.type),
            optional: block.optional === true,
          },
        ]
      : [],
  );
  const names = inputs.map((i) => `${i.blockId}/${i.actionId}`);
  for (const [blockId, byAction] of Object.entries(given)) {
    for (const actionId of Object.keys(byAction)) {
      if (!names.includes(`${blockId}/${actionId}`)) {
        throw new Error(`the view has no input ${blockId}/${actionId}; its inputs are: ${names.join(', ') || 'none'}`);
      }
    }
  }
  const values: StateValues = {};
  for (const input of inputs) {
    const value = given[input.blockId]?.[input.actionId] ?? emptyValue(input.type);
    if (!input.optional && isEmpty(value)) {
      throw new Error(`required input ${input.blockId}/${input.actionId} is empty; Slack would not let the user submit`);
    }
    values[input.blockId] = { ...values[input.blockId], [input.actionId]: value };
  }
  return values;
}
