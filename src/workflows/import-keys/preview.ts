import { formatTime } from '../../format-time.js';
import type { Classified } from './classify.js';
import type { Staged } from './stage.js';
import type { ImportChoice } from './types.js';

export interface PreviewCounts {
  new: number;
  identical: number;
  conflict: number;
  skipped: number;
  invalid: number;
}

export interface Preview {
  counts: PreviewCounts;
  warnings: string[];
  text: string;
}

const list = (xs: Iterable<string>, none = 'none') => [...xs].join(', ') || none;

/** What approvers need to decide: counts, what is touched, what is wrong, and where it goes. */
export function buildPreview(
  s: Staged,
  c: Classified,
  choice: ImportChoice,
  checks: { unknownApis: string[]; unknownPolicies: string[]; otherOrgApis: string[]; orgId: string; hashing: string },
): Preview {
  const warnings: string[] = [];
  const unknownFate = choice.allowUnknown
    ? 'keys naming it are created anyway ("allow unknown" was chosen) and grant nothing there until it exists'
    : 'keys naming it are invalid (not imported). Map it with a mapping file, create it first, or allow unknown APIs and policies';
  if (checks.unknownApis.length > 0) warnings.push(`Tyk has no API ${list(checks.unknownApis)}: ${unknownFate}.`);
  if (checks.unknownPolicies.length > 0) warnings.push(`Tyk has no policy ${list(checks.unknownPolicies)}: ${unknownFate}.`);
  if (c.orgPrefixed > 0)
    warnings.push(
      `${c.orgPrefixed} key value(s) begin with the org ID ${checks.orgId}: with hash_key_function set, Tyk cannot find such a key by its value.`,
    );
  if (checks.otherOrgApis.length > 0)
    warnings.push(
      `API ${list(checks.otherOrgApis)} belongs to another org than ${checks.orgId} (TYK_ORG_ID): consumers could not use keys imported for it.`,
    );
  const invalid = s.invalid + c.invalid;
  const skipped = s.skipped + c.skipped;
  if (invalid > 0)
    warnings.push(
      choice.allOrNothing
        ? `${invalid} invalid record(s) and "all or nothing" was chosen: nothing will be imported.`
        : `${invalid} invalid record(s) will not be imported; the valid ones will.`,
    );
  if (c.conflict > 0)
    warnings.push(
      choice.onConflict === 'overwrite'
        ? `${c.conflict} existing key(s) with other settings will be OVERWRITTEN (their quota counters are kept).`
        : `${c.conflict} existing key(s) with other settings will be left as they are (conflicts).`,
    );
  if (choice.target === 'portal')
    warnings.push('Portal custom credentials take their access and limits from the plan; the limits in the file are not applied.');
  const counts: PreviewCounts = { new: c.new, identical: c.identical, conflict: c.conflict, skipped, invalid };
  const problems = [...s.problems, ...c.problems].slice(0, 20);
  const text = [
    `*Preview*: ${s.total} record(s) in ${s.files.map((f) => `${f.name} (${f.role})`).join(', ')}`,
    `new ${c.new} · identical ${c.identical} · conflict ${c.conflict} · skipped ${skipped} · invalid ${invalid}`,
    `Target: ${choice.target} (key hashing: ${checks.hashing}) · on conflict: ${choice.onConflict}${choice.allOrNothing ? ' · all or nothing' : ''}`,
    `Policies touched: ${list(s.policyIds)}`,
    `APIs touched: ${list(s.apiIds)}`,
    `Keys without expiry: ${s.withoutExpiry}`,
    `Export time: ${formatTime(choice.exportTime * 1000)}${choice.format === 'kong' ? ' (Kong TTLs count from it)' : ''}`,
    ...(problems.length > 0 ? [`Problems (first ${problems.length}):`, ...problems.map((p) => `• ${p}`)] : ['No problems in the file.']),
  ].join('\n');
  return { counts, warnings, text };
}
