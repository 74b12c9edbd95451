// `npm run playground`: the product in a minute, without a Slack workspace or a Tyk install. It
// starts the project's Tyk emulator and Slack fake (test code: test/harness/) and the real bot
// between them, then plays a person's clicks and prints what each side saw.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { type Harness, startHarness } from '../test/harness/harness.js';
import { fixture } from '../test/harness/import-steps.js';
import { findLeaks } from '../test/harness/secret-scan.js';
import { defaultApis, TEST_ORG } from '../test/harness/tyk-emulator/index.js';
import { Narrator } from './playground/narrator.js';
import { KeyNames, valueForms } from './playground/tyk-view.js';
import { historyStep, importStep, rotationStep, type SampleKey } from './playground/walkthrough.js';

export const HELP = `Usage: npm run playground [-- --help]

Shows tyk-keybot at work without a Slack workspace or a Tyk installation. It starts, on free
127.0.0.1 ports, the project's Tyk emulator and Slack fake (the ones the tests use) and the real
bot (HTTP mode, a temporary SQLite file and a fresh KEYBOT_SECRET_KEY), then walks through:

  1. /import-keys of a sample Kong export: the preview, Approve, the result
  2. /rotate-key of an imported key: Approve, Reveal, both keys working during the grace
     period, the old key held while a client still uses it, Retire now, the old key retired
  3. /key-history of that key

After each step it prints what the Slack fake received (messages as people see them, buttons
as [Label]) and what the Tyk emulator received (method and path; keys by fingerprint, never by
value). It finishes in seconds, removes its temporary files and exits 0; Ctrl-C stops it.
`;

const SAMPLE = 'kong-deck.yaml';
const ROTATED = 'acme-corp';

/** The part of a decK dump the playground reads. */
interface KongConsumer {
  username?: string;
  custom_id?: string;
  keyauth_credentials?: Array<{ key?: unknown }>;
}

/** The sample export and the key of each consumer in it (the preview reports the ones it refuses). */
function readSample(): { content: Buffer; keys: SampleKey[]; consumers: number } {
  const content = fixture(SAMPLE);
  const consumers = (parse(content.toString('utf8')) as { consumers: KongConsumer[] }).consumers;
  const keys = consumers.flatMap((c) =>
    (c.keyauth_credentials ?? []).flatMap((k) =>
      typeof k.key === 'string' ? [{ alias: String(c.username ?? c.custom_id), raw: k.key }] : [],
    ),
  );
  return { content, keys, consumers: consumers.length };
}

/** The APIs the sample export grants, beside the emulator's usual ones. */
const sampleApis = () => [
  ...defaultApis(),
  ...['inventory', 'billing'].map((name) => ({ api_id: `${name}-api`, name: `${name} API`, org_id: TEST_ORG, listen_path: `/${name}/` })),
];

export interface PlaygroundRun {
  /** every secret value the run held: the scan's list (tests scan the transcript with it too) */
  secrets: string[];
  transcript: string;
}

/** Starts the three parts, walks through the story on `out`, stops them and removes the temporary folder. */
export async function runPlayground(out: NodeJS.WritableStream, signal?: AbortSignal): Promise<PlaygroundRun> {
  const dir = mkdtempSync(join(tmpdir(), 'keybot-playground-'));
  let h: Harness | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    })());
  // Ctrl-C: the walk-through may be waiting on the bot; stop everything now instead of after its next step.
  const aborted = new Promise<never>((_resolve, reject) =>
    signal?.addEventListener('abort', () => void stop().finally(() => reject(new Error('stopped'))), { once: true }),
  );
  aborted.catch(() => undefined);
  try {
    const sample = readSample();
    const secretKey = randomBytes(32).toString('base64');
    h = await startHarness({
      tyk: { apis: sampleApis() },
      env: { KEYBOT_DB: join(dir, 'keybot.db'), KEYBOT_SECRET_KEY: secretKey, HOST: '127.0.0.1' },
    });
    const n = new Narrator(out, h, new KeyNames(h.tyk));
    return await Promise.race([walkThrough(h, n, sample, secretKey), aborted]);
  } finally {
    await stop();
  }
}

async function walkThrough(h: Harness, n: Narrator, sample: ReturnType<typeof readSample>, secretKey: string): Promise<PlaygroundRun> {
  for (const k of sample.keys) n.names.add(k.raw);
  n.line('tyk-keybot playground: the real bot between a fake Slack workspace and an emulated Tyk Gateway');
  n.line(`  bot        http://127.0.0.1:${h.bot.port}/slack/events (HTTP mode, signed requests)`);
  n.line(`  Slack fake ${h.slack.apiUrl}`);
  n.line(`  Tyk        ${h.tyk.url} (Gateway API)`);
  n.line(`  database   ${h.config.dbPath} (removed at the end)`);
  n.line('  people     @rita asks, @anna approves');
  n.skipSides();
  await importStep(h, n, { name: SAMPLE, content: sample.content, consumers: sample.consumers });
  const key = sample.keys.find((k) => k.alias === ROTATED) as SampleKey;
  const fresh = await rotationStep(h, n, key);
  await historyStep(h, n, key);
  const secrets = [
    ...sample.keys.map((k) => k.raw).filter((v) => v.length >= 8),
    fresh,
    ...valueForms(fresh),
    secretKey,
    ...configSecrets(h),
  ];
  secretScan(h, n, secrets);
  n.line();
  n.line('Done: everything is stopped and the temporary files are removed. Set it up for real: README "Quick start".');
  return { secrets, transcript: n.text() };
}

/** The same scan the end-to-end tests run, plus this transcript; a leak fails the run. */
function secretScan(h: Harness, n: Narrator, secrets: string[]): void {
  n.step('Secret scan');
  const leaks = [...findLeaks(h, secrets), ...secrets.filter((s) => n.text().includes(s)).map(() => 'this transcript holds a secret')];
  if (leaks.length) throw new Error(`the secret scan found: ${leaks.join('; ')}`);
  n.line(`  None of the ${secrets.length} secret values (key values, tokens, signing secret, KEYBOT_SECRET_KEY) appears in the`);
  n.line(
    `  ${h.slack.calls.length} Slack calls (the Reveal modal aside), the ${h.logs.lines.length} log lines, the SQLite files or this transcript.`,
  );
}

/** The bot's own credentials: none may show up anywhere either. */
const configSecrets = (h: Harness): string[] =>
  [h.config.slack.botToken, h.config.slack.signingSecret, h.config.tyk.gateway?.secret].flatMap((s) =>
    s === undefined ? [] : [typeof s === 'string' ? s : s.reveal()],
  );

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.write(HELP);
    return 0;
  }
  if (argv.length) {
    out.write(`playground: unknown argument ${argv[0]}\n\n${HELP}`);
    return 2;
  }
  const abort = new AbortController();
  const onSignal = () => {
    out.write('\nplayground: stopping\n');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  try {
    await runPlayground(out, abort.signal);
    return 0;
  } catch (err) {
    if (abort.signal.aborted) return 130;
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`playground: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
