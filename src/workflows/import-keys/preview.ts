import { formatTime } from '../../format-time.js';
import type { Classified } from './classify.js';
import type { Staged } from './stage.js';
import type { ImportChoice } from './types.js';

export interface Preview {
  counts: Classified & { skipped: number; invalid: number };
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
  if (checks.unknownApis.length > 0)
    warnings.push(
      `Tyk has no API ${list(checks.unknownApis)}: keys naming it grant nothing there. Map it with a mapping file or create the API first.`,
    );
  if (checks.unknownPolicies.length > 0)
    warnings.push(`Tyk has no policy ${list(checks.unknownPolicies)}: keys naming it would fail to be created.`);
  if (checks.otherOrgApis.length > 0)
    warnings.push(
      `API ${list(checks.otherOrgApis)} belongs to another org than ${checks.orgId} (TYK_ORG_ID): consumers could not use keys imported for it.`,
    );
  if (s.invalid > 0)
    warnings.push(
      choice.allOrNothing
        ? `${s.invalid} invalid record(s) and "all or nothing" was chosen: nothing will be imported.`
        : `${s.invalid} invalid record(s) will not be imported; the valid ones will.`,
    );
  if (c.conflict > 0)
    warnings.push(
      choice.onConflict === 'overwrite'
        ? `${c.conflict} existing key(s) with other settings will be OVERWRITTEN (their quota counters are kept).`
        : `${c.conflict} existing key(s) with other settings will be left as they are (conflicts).`,
    );
  if (choice.target === 'portal')
    warnings.push('Portal custom credentials take their access and limits from the plan; the limits in the file are not applied.');
  const counts = { ...c, skipped: s.skipped, invalid: s.invalid };
  const text = [
    `*Preview*: ${s.total} record(s) in ${s.files.map((f) => `${f.name} (${f.role})`).join(', ')}`,
    `new ${c.new} · identical ${c.identical} · conflict ${c.conflict} · skipped ${s.skipped} · invalid ${s.invalid}`,
    `Target: ${choice.target} (key hashing: ${checks.hashing}) · on conflict: ${choice.onConflict}${choice.allOrNothing ? ' · all or nothing' : ''}`,
    `Policies touched: ${list(s.policyIds)}`,
    `APIs touched: ${list(s.apiIds)}`,
    `Keys without expiry: ${s.withoutExpiry}`,
    `Export time: ${formatTime(choice.exportTime * 1000)}${choice.format === 'kong' ? ' (Kong TTLs count from it)' : ''}`,
    ...(s.problems.length > 0
      ? [`Problems (first ${s.problems.length}):`, ...s.problems.map((p) => `• ${p}`)]
      : ['No problems in the file.']),
  ].join('\n');
  return { counts, warnings, text };
}
