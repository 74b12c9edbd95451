import { type Issues, isObject, type Json } from './issues.js';
import { LIMITS } from './limits.js';
import { checkOptionList, checkSelectOptions } from './options.js';

export type ElementPlace = 'accessory' | 'actions' | 'input';

const SELECTS = ['users_select', 'conversations_select', 'channels_select', 'external_select'];
const INPUT_ONLY = ['plain_text_input', 'file_input', 'number_input', 'email_text_input', 'url_text_input', 'rich_text_input'];
const PICKERS = ['datepicker', 'timepicker', 'datetimepicker'];

/**
 * One interactive element. `actionIds` holds the action_ids already used in the same block:
 * Slack wants them unique among the block's elements, not across the whole message.
 */
export function checkElement(el: unknown, at: string, place: ElementPlace, issues: Issues, actionIds: Set<string>): void {
  if (!isObject(el)) return issues.add(at, 'must provide an object');
  const type = typeof el.type === 'string' ? el.type : '';
  issues.string(el, 'action_id', at, LIMITS.actionId);
  if (typeof el.action_id === 'string') {
    if (actionIds.has(el.action_id)) issues.add(`${at}/action_id`, `duplicate action_id: ${el.action_id}`);
    actionIds.add(el.action_id);
  }
  issues.text(el, 'placeholder', at, LIMITS.placeholder, { plainOnly: true });
  if (isObject(el.confirm)) checkConfirm(el.confirm, `${at}/confirm`, issues);
  if (INPUT_ONLY.includes(type) && place !== 'input') {
    return issues.add(`${at}/type`, `${type} is only allowed in input blocks`);
  }
  checkByType(type, el, at, place, issues);
}

function checkByType(type: string, el: Json, at: string, place: ElementPlace, issues: Issues): void {
  switch (type) {
    case 'button':
      issues.text(el, 'text', at, LIMITS.buttonText, { plainOnly: true, required: true });
      issues.string(el, 'value', at, LIMITS.buttonValue);
      issues.string(el, 'url', at, LIMITS.buttonUrl);
      issues.string(el, 'accessibility_label', at, LIMITS.accessibilityLabel);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger')
        issues.add(`${at}/style`, 'must be a valid enum value');
      return;
    case 'static_select':
    case 'multi_static_select':
      return checkSelectOptions(el, at, issues, type.startsWith('multi_'));
    case 'checkboxes':
      return checkOptionList(el, at, issues, 1, LIMITS.checkboxOptions, false);
    case 'radio_buttons':
      return checkOptionList(el, at, issues, 1, LIMITS.radioOptions, false);
    case 'overflow':
      return checkOptionList(el, at, issues, LIMITS.overflowOptionsMin, LIMITS.overflowOptionsMax, true);
    case 'plain_text_input':
      issues.integer(el, 'max_length', at, 1, LIMITS.plainTextInputLength);
      issues.integer(el, 'min_length', at, 0, LIMITS.plainTextInputLength);
      issues.string(el, 'initial_value', at, LIMITS.plainTextInputLength);
      return;
    case 'file_input':
      issues.integer(el, 'max_files', at, 1, LIMITS.fileInputMaxFiles);
      if (el.filetypes !== undefined && !Array.isArray(el.filetypes)) issues.add(`${at}/filetypes`, 'must provide an array');
      return;
    case 'image':
      if (place !== 'accessory') return issues.add(`${at}/type`, 'image elements belong in a section accessory or a context block');
      return checkImage(el, at, issues);
    default:
      if (type.startsWith('multi_') && SELECTS.includes(type.slice('multi_'.length))) return;
      if (SELECTS.includes(type) || PICKERS.includes(type) || INPUT_ONLY.includes(type)) return;
      issues.add(`${at}/type`, `unsupported element type: ${type || '(none)'}`);
  }
}

export function checkImage(el: Json, at: string, issues: Issues): void {
  if (el.image_url === undefined && el.slack_file === undefined) issues.add(at, 'missing required field: image_url');
  issues.string(el, 'image_url', at, LIMITS.imageUrl);
  issues.string(el, 'alt_text', at, LIMITS.imageAltText, true);
}

function checkConfirm(c: Json, at: string, issues: Issues): void {
  issues.text(c, 'title', at, LIMITS.confirmTitle, { plainOnly: true, required: true });
  issues.text(c, 'text', at, LIMITS.confirmText, { required: true });
  issues.text(c, 'confirm', at, LIMITS.confirmButton, { plainOnly: true, required: true });
  issues.text(c, 'deny', at, LIMITS.confirmButton, { plainOnly: true, required: true });
}
