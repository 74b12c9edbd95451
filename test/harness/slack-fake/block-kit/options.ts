import { type Issues, isObject, type Json } from './issues.js';
import { LIMITS } from './limits.js';

/** Option objects: select menus take plain_text only; checkboxes and radio buttons also mrkdwn. */
export function checkOption(opt: unknown, at: string, issues: Issues, plainOnly: boolean): string | undefined {
  if (!isObject(opt)) {
    issues.add(at, 'must provide an object');
    return undefined;
  }
  issues.text(opt, 'text', at, LIMITS.optionText, { plainOnly, required: true });
  issues.string(opt, 'value', at, LIMITS.optionValue);
  issues.text(opt, 'description', at, LIMITS.optionDescription, { plainOnly });
  issues.string(opt, 'url', at, LIMITS.optionUrl);
  return typeof opt.value === 'string' ? opt.value : undefined;
}

/** Static selects: `options` or `option_groups`, and an initial option that is one of them. */
export function checkSelectOptions(el: Json, at: string, issues: Issues, multi: boolean): void {
  const values = new Set<string>();
  const options = issues.items(el, 'options', at, LIMITS.selectOptions);
  options.forEach((o, i) => addValue(values, checkOption(o, `${at}/options/${i}`, issues, true)));
  const groups = issues.items(el, 'option_groups', at, LIMITS.selectOptionGroups);
  groups.forEach((g, gi) => {
    const gAt = `${at}/option_groups/${gi}`;
    if (!isObject(g)) return issues.add(gAt, 'must provide an object');
    issues.text(g, 'label', gAt, LIMITS.optionGroupLabel, { plainOnly: true, required: true });
    issues
      .items(g, 'options', gAt, LIMITS.selectOptions, 1, true)
      .forEach((o, i) => addValue(values, checkOption(o, `${gAt}/options/${i}`, issues, true)));
  });
  if (options.length > 0 && groups.length > 0) issues.add(at, 'options and option_groups cannot both be provided');
  if (options.length === 0 && groups.length === 0) issues.add(at, 'missing required field: options');
  const initial = multi ? (Array.isArray(el.initial_options) ? el.initial_options : []) : el.initial_option ? [el.initial_option] : [];
  initial.forEach((o: unknown, i: number) => {
    const v = isObject(o) ? o.value : undefined;
    if (typeof v !== 'string' || !values.has(v)) {
      issues.add(multi ? `${at}/initial_options/${i}` : `${at}/initial_option`, 'must match one of the options');
    }
  });
}

/** Checkboxes, radio buttons and overflow menus: a short list of options. */
export function checkOptionList(el: Json, at: string, issues: Issues, min: number, max: number, plainOnly: boolean): void {
  issues.items(el, 'options', at, max, min, true).forEach((o, i) => checkOption(o, `${at}/options/${i}`, issues, plainOnly));
}

function addValue(values: Set<string>, v: string | undefined): void {
  if (v !== undefined) values.add(v);
}
