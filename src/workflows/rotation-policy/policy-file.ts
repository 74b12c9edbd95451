import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { durationSchema as duration } from '../../duration-schema.js';

/**
 * `KEYBOT_POLICY_FILE`: per-policy, per-API or per-tag overrides of the rotation rules. Read once at
 * start-up; every problem is reported with the line it is on, so a typo never starts a bot that
 * silently applies the defaults.
 */
export interface RotationRule {
  name: string;
  /** 1-based line of the rule in the file, for messages */
  line: number;
  match: { policyIds: string[]; apiIds: string[]; tags: string[] };
  maxAgeMs?: number;
  warnBeforeMs?: number;
  graceMs?: number;
  requiredApprovals?: number;
  approvers?: string[];
  autoRotate?: boolean;
}

const names = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (typeof v === 'string' ? [v] : v));

const Rule = z
  .strictObject({
    name: z.string().min(1).optional(),
    policy_id: names.optional(),
    api_id: names.optional(),
    tag: names.optional(),
    max_age: duration.optional(),
    warn_before: duration.optional(),
    grace: duration.optional(),
    required_approvals: z.number().int().min(1).max(10).optional(),
    approvers: z
      .array(z.string().regex(/^[UWS][A-Z0-9]{2,}$/, 'must be a user or user-group ID like U0123ABCD or S0123ABCD'))
      .min(1)
      .optional(),
    auto_rotate: z.boolean().optional(),
  })
  .refine((r) => r.policy_id || r.api_id || r.tag, { message: 'needs policy_id, api_id or tag: which keys the rule is for' });

const PolicyFile = z.strictObject({ rules: z.array(Rule) });

/** Thrown for a file that cannot be used; each problem names the file and the line. */
export class PolicyFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PolicyFileError';
  }
}

export function loadPolicyFile(path: string): RotationRule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PolicyFileError([`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return parsePolicyFile(text, path);
}

export function parsePolicyFile(text: string, path: string): RotationRule[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  if (doc.errors.length > 0) {
    throw new PolicyFileError(doc.errors.map((e) => `${path} line ${lineAt(e.pos[0])}: not valid YAML (${e.message.split('\n')[0]})`));
  }
  const parsed = PolicyFile.safeParse(doc.toJS() ?? { rules: [] });
  const lineOf = (path: PropertyKey[]): number => {
    // The innermost node that exists on the issue's path carries the position.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as Array<string | number>, true);
      if (isNode(node) && node.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  if (!parsed.success) {
    throw new PolicyFileError(
      parsed.error.issues.map((i) => `${path} line ${lineOf(i.path)}: ${i.path.map(String).join('.') || 'file'} ${i.message}`),
    );
  }
  return parsed.data.rules.map((r, i) => ({
    name: r.name ?? `rule ${i + 1}`,
    line: lineOf(['rules', i]),
    match: { policyIds: r.policy_id ?? [], apiIds: r.api_id ?? [], tags: r.tag ?? [] },
    maxAgeMs: r.max_age,
    warnBeforeMs: r.warn_before,
    graceMs: r.grace,
    requiredApprovals: r.required_approvals,
    approvers: r.approvers,
    autoRotate: r.auto_rotate,
  }));
}
