/** One start-up check: what was checked, whether it passed, and why (for a failure: what to fix). */
export interface CheckResult {
  /** the part checked, e.g. "Slack", "APPROVAL_CHANNEL", "Tyk Gateway" */
  name: string;
  ok: boolean;
  detail: string;
  /** readiness target this check proves reachable ('slack', 'Tyk Gateway', …), when it proves one */
  target?: string;
}

export const pass = (name: string, detail: string, target?: string): CheckResult => ({
  name,
  ok: true,
  detail,
  ...(target ? { target } : {}),
});
export const failed = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });

/** One line per check, as `tyk-keybot doctor` prints them. */
export const checkLine = (c: CheckResult): string => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`;
