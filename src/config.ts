// long file: every setting, its default and its cross-field rules in one schema, read top to bottom
import cron from 'node-cron';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { durationSchema as duration } from './duration-schema.js';
import { Secret } from './secret.js';
import { loadPolicyFile, PolicyFileError, type RotationRule } from './workflows/rotation-policy/policy-file.js';

/**
 * Environment → typed Config. Every problem is collected and reported at once, naming the
 * variable; values of secret variables are never repeated in a message.
 */

/** A duration variable; the default goes through the parser too. */
const dur = (fallback: string) => z.string().default(fallback).pipe(duration);

const durationList = z.string().transform((text, ctx) => {
  const out: number[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    try {
      out.push(parseDuration(part));
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  }
  return out;
});

const bool = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const url = z.url({ message: 'must be a URL like https://tyk.example.com' }).transform((u) => u.replace(/\/+$/, ''));
const secret = z
  .string()
  .min(1, 'must not be empty')
  .transform((v) => new Secret(v));

const secretKey = z.string().transform((v, ctx) => {
  const t = v.trim();
  const hex = /^[0-9a-fA-F]{64}$/.test(t);
  const buf = hex ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : Buffer.alloc(0);
  if (buf.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes, as 64 hex digits or base64 (openssl rand -base64 32)' });
    return z.NEVER;
  }
  return buf;
});

const slackId = (what: string, re: RegExp, example: string) => z.string().trim().regex(re, `must be a ${what} ID like ${example}`);
const channelId = slackId('channel', /^[CGD][A-Z0-9]{2,}$/, 'C0123ABCD');

const Env = z.object({
  SLACK_BOT_TOKEN: z
    .string({ message: 'is required (the bot token, xoxb-…)' })
    .startsWith('xoxb-', 'must be a bot token (xoxb-…)')
    .transform((v) => new Secret(v)),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', 'must be an app-level token (xapp-…)')
    .transform((v) => new Secret(v))
    .optional(),
  SLACK_SIGNING_SECRET: secret.optional(),
  SLACK_API_URL: url.optional(),
  PORT: z.string().default('3000').pipe(int(0, 65535)),
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:-]+$/, 'must be an address to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::')
    .optional(),
  TYK_DASHBOARD_URL: url.optional(),
  TYK_DASHBOARD_API_KEY: secret.optional(),
  TYK_DASHBOARD_ADMIN_SECRET: secret.optional(),
  TYK_ORG_ID: z.string().trim().min(1).optional(),
  TYK_GATEWAY_URL: url.optional(),
  TYK_GATEWAY_SECRET: secret.optional(),
  TYK_PORTAL_URL: url.optional(),
  TYK_PORTAL_TOKEN: secret.optional(),
  TYK_PORTAL_AUTH_TOKEN_TYPE: z.string().default('AUTH_TOKEN_TYPE_CUSTOM'),
  TYK_TIMEOUT: dur('10s'),
  TYK_RETRIES: z.string().default('4').pipe(int(0, 10)),
  // SQLite's ':memory:' is one database per connection: the import's worker threads, which open
  // KEYBOT_DB themselves, would each get another, empty one (and nothing would survive a restart).
  KEYBOT_DB: z
    .string()
    .min(1)
    .default('./data/keybot.db')
    .refine((v) => v !== ':memory:', {
      message:
        "must be a file, e.g. ./data/keybot.db: ':memory:' gives each connection its own empty database, so an import's worker threads could not see the bot's, and a restart would lose every request",
    }),
  KEYBOT_SECRET_KEY: z.string({ message: 'is required (32 bytes, base64 or hex; openssl rand -base64 32)' }).pipe(secretKey),
  APPROVAL_CHANNEL: z.string({ message: 'is required (a channel ID like C0123ABCD)' }).pipe(channelId),
  NOTIFY_CHANNEL: channelId.optional(),
  APPROVERS: z
    .string({ message: 'is required (comma-separated user IDs U… and user-group IDs S…)' })
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(slackId('user or user-group', /^[UWS][A-Z0-9]{2,}$/, 'U0123ABCD or S0123ABCD')).min(1, 'must name at least one approver'),
    ),
  REQUIRED_APPROVALS: z.string().default('1').pipe(int(1, 10)),
  ALLOW_SELF_APPROVAL: z.string().default('false').pipe(bool),
  REQUEST_TTL: dur('24h'),
  DEFAULT_GRACE: dur('7d'),
  MIN_GRACE: dur('1h'),
  MAX_GRACE: dur('90d'),
  REMINDERS: z.string().default('24h,1h').pipe(durationList),
  REQUIRE_REASON: z.string().default('false').pipe(bool),
  OLD_KEY_ACTION: z.enum(['expire', 'deactivate', 'delete'], { message: 'must be expire, deactivate or delete' }).default('expire'),
  RETIRE_HOLD_LIMIT: dur('7d'),
  RETIRE_HOLD_RECHECK: dur('1h'),
  SCHEDULER_CRON: z
    .string()
    .default('* * * * *')
    .refine((v) => cron.validate(v), 'must be a cron expression (5 or 6 fields), e.g. "* * * * *"'),
  IMPORT_CONCURRENCY: z.string().default('8').pipe(int(1, 64)),
  IMPORT_MAX_KEYS: z.string().default('1000000').pipe(int(1, 10_000_000)),
  REVEAL_TTL: dur('24h'),
  RESTORE_WINDOW: dur('7d'),
  ROTATION_MAX_AGE: dur('0s'),
  ROTATION_WARN_BEFORE: dur('14d'),
  KEYBOT_POLICY_FILE: z.string().trim().min(1).optional(),
  HYGIENE_CRON: z
    .string()
    .default('0 9 * * 1')
    .refine((v) => cron.validate(v), 'must be a cron expression (5 or 6 fields), e.g. "0 9 * * 1"'),
  AUTO_ROTATE: z.string().default('false').pipe(bool),
  BREAK_GLASS: z.string().default('false').pipe(bool),
  BREAK_GLASS_REVIEW: dur('24h'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be a pino level: fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  NODE_ENV: z.string().default('production'),
});

type EnvValues = z.output<typeof Env>;

/**
 * Rules between variables. They run on whatever parsed, so they are reported in the same round
 * as the problems of single fields; a rule whose inputs did not parse is skipped (its field
 * already has a problem of its own).
 */
function crossFieldProblems(e: Partial<EnvValues>): string[] {
  const out: string[] = [];
  const need = (cond: boolean, name: string, message: string) => cond || out.push(`${name} ${message}`);
  need(
    Boolean(e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET),
    'SLACK_SIGNING_SECRET',
    'is required unless SLACK_APP_TOKEN (Socket Mode) is set',
  );
  need(
    Boolean(e.TYK_DASHBOARD_URL || e.TYK_GATEWAY_URL),
    'TYK_DASHBOARD_URL',
    'or TYK_GATEWAY_URL is required: the bot needs a Tyk Dashboard or Gateway',
  );
  need(!e.TYK_DASHBOARD_URL || Boolean(e.TYK_DASHBOARD_API_KEY), 'TYK_DASHBOARD_API_KEY', 'is required when TYK_DASHBOARD_URL is set');
  need(!e.TYK_GATEWAY_URL || Boolean(e.TYK_GATEWAY_SECRET), 'TYK_GATEWAY_SECRET', 'is required when TYK_GATEWAY_URL is set');
  need(!e.TYK_PORTAL_URL || Boolean(e.TYK_PORTAL_TOKEN), 'TYK_PORTAL_TOKEN', 'is required when TYK_PORTAL_URL is set');
  need(Boolean(e.TYK_DASHBOARD_URL || e.TYK_ORG_ID), 'TYK_ORG_ID', 'is required without a Dashboard (the org of your APIs)');
  if (e.BREAK_GLASS_REVIEW !== undefined) {
    need(e.BREAK_GLASS_REVIEW > 0, 'BREAK_GLASS_REVIEW', 'must be longer than 0s (the time a second approver has to acknowledge)');
  }
  const { MIN_GRACE: min, MAX_GRACE: max, DEFAULT_GRACE: def } = e;
  if (min !== undefined && max !== undefined) need(min <= max, 'MIN_GRACE', 'must not be longer than MAX_GRACE');
  if (def !== undefined && min !== undefined && max !== undefined) {
    need(def >= min && def <= max, 'DEFAULT_GRACE', 'must lie between MIN_GRACE and MAX_GRACE');
  }
  return out;
}

/**
 * The values `.env.example` ships with. Left in place they look valid (an xoxb- token, channel
 * and user IDs of the right shape) and would only fail at the first Slack call.
 */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: 'xoxb-your-bot-token',
  APPROVAL_CHANNEL: 'C0123ABCD',
  NOTIFY_CHANNEL: 'C0456EFGH',
  APPROVERS: 'U0123ABCD,S0123ABCD',
};

const placeholderProblems = (raw: Record<string, string | undefined>): string[] =>
  Object.entries(PLACEHOLDERS)
    .filter(([name, example]) => raw[name]?.trim() === example)
    .map(([name]) => `${name} still holds the .env.example placeholder; put your own value in .env`);

/** Every problem of the environment: fields one by one (so one bad field hides no other), then the rules between them. */
function parseEnvironment(raw: Record<string, string | undefined>): { values: EnvValues; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const placeholders = new Set(Object.keys(PLACEHOLDERS).filter((name) => raw[name]?.trim() === PLACEHOLDERS[name]));
  for (const [name, schema] of Object.entries(Env.shape)) {
    if (placeholders.has(name)) continue;
    const r = (schema as z.ZodType).safeParse(raw[name]);
    if (r.success) values[name] = r.data;
    else problems.push(...r.error.issues.map((i) => `${name} ${i.message}`));
  }
  problems.push(...placeholderProblems(raw));
  const partial = values as Partial<EnvValues>;
  // a placeholder counts as "set" for the rules between variables, so it gets one message, not two
  const present = Object.fromEntries([...placeholders].map((name) => [name, true]));
  problems.push(...crossFieldProblems({ ...partial, ...present } as Partial<EnvValues>));
  return { values: values as EnvValues, problems };
}

export type OldKeyAction = 'expire' | 'deactivate' | 'delete';

export interface Config {
  slack: {
    botToken: Secret;
    appToken?: Secret;
    signingSecret?: Secret;
    apiUrl?: string;
    port: number;
    /** listen address; unset = every interface */
    host?: string;
  };
  tyk: {
    dashboard?: { url: string; apiKey: Secret; adminSecret?: Secret };
    gateway?: { url: string; secret: Secret };
    portal?: { url: string; token: Secret; authTokenType: string };
    orgId?: string;
    timeoutMs: number;
    retries: number;
  };
  dbPath: string;
  secretKey: Buffer;
  approvalChannel: string;
  notifyChannel: string;
  approvers: string[];
  requiredApprovals: number;
  allowSelfApproval: boolean;
  requestTtlMs: number;
  grace: { defaultMs: number; minMs: number; maxMs: number };
  remindersMs: number[];
  requireReason: boolean;
  oldKeyAction: OldKeyAction;
  retireHold: { limitMs: number; recheckMs: number };
  schedulerCron: string;
  importConcurrency: number;
  importMaxKeys: number;
  revealTtlMs: number;
  /** how long after a retirement Restore (after an import, Undo import) stays possible; then the references kept for it are erased */
  restoreWindowMs: number;
  /** key hygiene: the age rule for every key, the rules of KEYBOT_POLICY_FILE, the digest's schedule */
  rotation: { maxAgeMs: number; warnBeforeMs: number; autoRotate: boolean; rules: RotationRule[]; policyFile?: string };
  hygieneCron: string;
  /** an approver may approve their own emergency request; another approver acknowledges it within reviewMs */
  breakGlass: { enabled: boolean; reviewMs: number };
  logLevel: string;
  development: boolean;
}

/** Thrown when the environment is unusable; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`tyk-keybot cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The CLI never talks to Slack, so it does not need the Slack variables: they get inert values
 * instead of stopping it (`needSlack: false`).
 */
const NO_SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-unused-by-cli',
  SLACK_SIGNING_SECRET: 'unused-by-cli',
  APPROVAL_CHANNEL: 'C0000000000',
  APPROVERS: 'U0000000000',
};

// long: one line per setting, from the parsed environment to the typed config
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { needSlack?: boolean } = {}): Config {
  // An empty variable counts as unset, as in most .env files.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const raw = opts.needSlack === false ? { ...NO_SLACK, ...given } : given;
  const { values: e, problems } = parseEnvironment(raw);
  const rules = policyRules(e, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
      host: e.HOST,
    },
    tyk: {
      dashboard:
        e.TYK_DASHBOARD_URL && e.TYK_DASHBOARD_API_KEY
          ? { url: e.TYK_DASHBOARD_URL, apiKey: e.TYK_DASHBOARD_API_KEY, adminSecret: e.TYK_DASHBOARD_ADMIN_SECRET }
          : undefined,
      gateway: e.TYK_GATEWAY_URL && e.TYK_GATEWAY_SECRET ? { url: e.TYK_GATEWAY_URL, secret: e.TYK_GATEWAY_SECRET } : undefined,
      portal:
        e.TYK_PORTAL_URL && e.TYK_PORTAL_TOKEN
          ? { url: e.TYK_PORTAL_URL, token: e.TYK_PORTAL_TOKEN, authTokenType: e.TYK_PORTAL_AUTH_TOKEN_TYPE }
          : undefined,
      orgId: e.TYK_ORG_ID,
      timeoutMs: e.TYK_TIMEOUT,
      retries: e.TYK_RETRIES,
    },
    dbPath: e.KEYBOT_DB,
    secretKey: e.KEYBOT_SECRET_KEY,
    approvalChannel: e.APPROVAL_CHANNEL,
    notifyChannel: e.NOTIFY_CHANNEL ?? e.APPROVAL_CHANNEL,
    approvers: e.APPROVERS,
    requiredApprovals: e.REQUIRED_APPROVALS,
    allowSelfApproval: e.ALLOW_SELF_APPROVAL,
    requestTtlMs: e.REQUEST_TTL,
    grace: { defaultMs: e.DEFAULT_GRACE, minMs: e.MIN_GRACE, maxMs: e.MAX_GRACE },
    remindersMs: e.REMINDERS,
    requireReason: e.REQUIRE_REASON,
    oldKeyAction: e.OLD_KEY_ACTION,
    retireHold: { limitMs: e.RETIRE_HOLD_LIMIT, recheckMs: e.RETIRE_HOLD_RECHECK },
    schedulerCron: e.SCHEDULER_CRON,
    importConcurrency: e.IMPORT_CONCURRENCY,
    importMaxKeys: e.IMPORT_MAX_KEYS,
    revealTtlMs: e.REVEAL_TTL,
    restoreWindowMs: e.RESTORE_WINDOW,
    rotation: {
      maxAgeMs: e.ROTATION_MAX_AGE,
      warnBeforeMs: e.ROTATION_WARN_BEFORE,
      autoRotate: e.AUTO_ROTATE,
      rules,
      policyFile: e.KEYBOT_POLICY_FILE,
    },
    hygieneCron: e.HYGIENE_CRON,
    breakGlass: { enabled: e.BREAK_GLASS, reviewMs: e.BREAK_GLASS_REVIEW },
    logLevel: e.LOG_LEVEL,
    development: e.NODE_ENV === 'development',
  };
}

/**
 * `history` and `audit verify` read the database only: KEYBOT_DB, and KEYBOT_SECRET_KEY where the
 * history's MACs are checked. No Slack or Tyk variable is read.
 */
export function loadDbSettings(env: NodeJS.ProcessEnv, o: { needKey: boolean }): { dbPath: string; secretKey: Buffer | null } {
  const given = (name: string) => (env[name] === '' ? undefined : env[name]);
  const db = Env.shape.KEYBOT_DB.safeParse(given('KEYBOT_DB'));
  const key = o.needKey ? Env.shape.KEYBOT_SECRET_KEY.safeParse(given('KEYBOT_SECRET_KEY')) : null;
  const problems = [
    ...(db.success ? [] : db.error.issues.map((i) => `KEYBOT_DB ${i.message}`)),
    ...(key && !key.success ? key.error.issues.map((i) => `KEYBOT_SECRET_KEY ${i.message}`) : []),
  ];
  if (problems.length > 0 || !db.success) throw new ConfigError(problems);
  return { dbPath: db.data, secretKey: key?.success ? key.data : null };
}

/**
 * KEYBOT_POLICY_FILE, checked at start-up and reported in the same round as the variables: a
 * rule's grace must lie within MIN_GRACE..MAX_GRACE like --grace.
 */
function policyRules(e: Partial<EnvValues>, problems: string[]): RotationRule[] {
  const path = e.KEYBOT_POLICY_FILE;
  if (path === undefined) return [];
  try {
    const rules = loadPolicyFile(path);
    const { MIN_GRACE: min, MAX_GRACE: max } = e;
    if (min === undefined || max === undefined) return rules; // their own problem is reported already
    const bad = rules.filter((r) => r.graceMs !== undefined && (r.graceMs < min || r.graceMs > max));
    problems.push(
      ...bad.map((r) => `KEYBOT_POLICY_FILE ${path} line ${r.line}: rule "${r.name}" grace must lie between MIN_GRACE and MAX_GRACE`),
    );
    return rules;
  } catch (err) {
    if (!(err instanceof PolicyFileError)) throw err;
    problems.push(...err.problems.map((p) => `KEYBOT_POLICY_FILE ${p}`));
    return [];
  }
}
