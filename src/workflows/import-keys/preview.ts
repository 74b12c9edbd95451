import { formatTime } from '../../format-time.js';
import type { ImportPreview, NamedId } from '../../store/requests.js';
import type { Classified } from './classify.js';
import type { Staged } from './stage.js';
import type { ImportChoice } from './types.js';

export type PreviewCounts = ImportPreview['counts'];

export interface Preview {
  counts: PreviewCounts;
  /** sentences for the approval message; each names at most NAMED_IN_WARNING IDs (the preview lists them all) */
  warnings: string[];
  summary: ImportPreview;
}

/** Where Portal credentials go, with the names the Portal gives them. */
export type PortalNames = NonNullable<ImportPreview['portal']>;

const list = (xs: Iterable<string>, none = 'none') => [...xs].join(', ') || none;
const NAMED_IN_WARNING = 10;
/** A warning's list of IDs: the first few, and how many more the preview lists. */
const some = (xs: string[]) =>
  xs.length <= NAMED_IN_WARNING
    ? list(xs)
    : `${list(xs.slice(0, NAMED_IN_WARNING))} and ${xs.length - NAMED_IN_WARNING} more (all in the preview)`;

/** What the target said about the file's IDs, for the warnings. */
interface PreviewChecks {
  unknownApis: string[];
  unknownPolicies: string[];
  otherOrgApis: string[];
  orgId: string;
  hashing: string;
  portal?: PortalNames;
}

/** What approvers need to decide: counts, what is touched, what is wrong, and where it goes. */
export function buildPreview(s: Staged, c: Classified, choice: ImportChoice, checks: PreviewChecks): Preview {
  const invalid = s.invalid + c.invalid;
  const skipped = s.skipped + c.skipped;
  const warnings = previewWarnings(c, choice, checks, invalid);
  const counts: PreviewCounts = { new: c.new, identical: c.identical, conflict: c.conflict, skipped, invalid };
  const summary: ImportPreview = {
    total: s.total,
    files: s.files.map((f) => ({ name: f.name, role: f.role })),
    counts,
    target: choice.target,
    hashing: checks.hashing,
    onConflict: choice.onConflict,
    allOrNothing: choice.allOrNothing,
    withoutExpiry: s.withoutExpiry,
    exportTime: choice.exportTime,
    ttlsFromExportTime: choice.format === 'kong',
    ...(choice.target === 'portal' ? {} : { grants: { policies: [...s.policyIds], apis: [...s.apiIds] } }),
    ...(checks.portal ? { portal: checks.portal } : {}),
    overwrites: choice.onConflict === 'overwrite' ? c.conflicts : [],
    problems: [...s.problems, ...c.problems].slice(0, 20),
  };
  return { counts, warnings, summary };
}

/** The warnings above the preview: unknown IDs, org mismatches, invalid records, conflicts, the Portal's rules. */
function previewWarnings(c: Classified, choice: ImportChoice, checks: PreviewChecks, invalid: number): string[] {
  const warnings: string[] = [];
  const unknownFate = choice.allowUnknown
    ? 'keys naming it are created anyway ("allow unknown" was chosen) and grant nothing there until it exists'
    : 'keys naming it are invalid (not imported). Map it with a mapping file, create it first, or allow unknown APIs and policies';
  if (checks.unknownApis.length > 0) warnings.push(`Tyk has no API ${some(checks.unknownApis)}: ${unknownFate}.`);
  if (checks.unknownPolicies.length > 0) warnings.push(`Tyk has no policy ${some(checks.unknownPolicies)}: ${unknownFate}.`);
  if (c.orgPrefixed > 0)
    warnings.push(
      `${c.orgPrefixed} key value(s) begin with the org ID ${checks.orgId}: with hash_key_function set, Tyk cannot find such a key by its value.`,
    );
  if (checks.otherOrgApis.length > 0)
    warnings.push(
      `API ${some(checks.otherOrgApis)} belongs to another org than ${checks.orgId} (TYK_ORG_ID): consumers could not use keys imported for it.`,
    );
  if (invalid > 0)
    warnings.push(
      choice.allOrNothing
        ? `${invalid} invalid record(s) and "all or nothing" was chosen: nothing will be imported.`
        : `${invalid} invalid record(s) will not be imported; the valid ones will.`,
    );
  if (c.conflict > 0)
    warnings.push(
      choice.onConflict === 'overwrite'
        ? `${c.conflict} existing key(s) with other settings will be OVERWRITTEN (their quota counters are kept); the preview lists each.`
        : `${c.conflict} existing key(s) with other settings will be left as they are (conflicts).`,
    );
  if (choice.target === 'portal')
    warnings.push(
      'Portal custom credentials take their access and limits from the plan; the APIs, policies and limits in the file are not applied.',
    );
  return warnings;
}

export const namedText = (n: NamedId): string => `${n.name} (ID ${n.id})`;

/**
 * The lists that decide what a batch grants or replaces, each whole: the Slack preview shows them
 * or attaches them, the CLI prints them.
 */
export function securityLists(p: ImportPreview): Array<{ title: string; items: string[] }> {
  const lists: Array<{ title: string; items: string[] }> = [];
  if (p.portal) {
    lists.push({ title: 'Portal app', items: [namedText(p.portal.app)] });
    lists.push({ title: 'Portal plan', items: [namedText(p.portal.plan)] });
    lists.push({ title: 'Portal products', items: p.portal.products.map(namedText) });
  }
  if (p.grants) {
    lists.push({ title: 'Policies applied', items: p.grants.policies });
    lists.push({ title: 'APIs granted', items: p.grants.apis });
  }
  if (p.overwrites.length > 0) lists.push({ title: 'Keys overwritten', items: p.overwrites });
  return lists;
}

/** The head of the preview, line by line, as plain text (the Slack builder escapes each value). */
export const previewHead = (p: ImportPreview): string[] => [
  `${p.total} record(s) in ${p.files.map((f) => `${f.name} (${f.role})`).join(', ')}`,
  `new ${p.counts.new} · identical ${p.counts.identical} · conflict ${p.counts.conflict} · skipped ${p.counts.skipped} · invalid ${p.counts.invalid}`,
  `Target: ${p.target} (key hashing: ${p.hashing}) · on conflict: ${p.onConflict}${p.allOrNothing ? ' · all or nothing' : ''}`,
  `Keys without expiry: ${p.withoutExpiry}`,
  `Export time: ${formatTime(p.exportTime * 1000)}${p.ttlsFromExportTime ? ' (Kong TTLs count from it)' : ''}`,
];

/** The whole preview as text, for the CLI and for the file attached to a preview too long for Slack. */
export function previewText(p: ImportPreview): string {
  const [first, ...rest] = previewHead(p);
  return [
    `Preview: ${first}`,
    ...rest,
    ...securityLists(p).map((l) => `${l.title} (${l.items.length}): ${list(l.items)}`),
    ...(p.problems.length > 0
      ? [`Problems (first ${p.problems.length}):`, ...p.problems.map((x) => `• ${x}`)]
      : ['No problems in the file.']),
  ].join('\n');
}
