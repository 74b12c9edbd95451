import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportForm, submitImport } from '../test/harness/import-steps.js';
import { slackDriver } from '../test/harness/slack-driver.js';
import type { SlackFake } from '../test/harness/slack-fake/index.js';
import { USERS } from '../test/harness/users.js';
import { botEnv, SIGNING_SECRET, spawnBot, startSlack } from './bot.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, writeCsv } from './keys.js';
import { startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';
import { summarize, waitUntil } from './stats.js';

const SECTION = 'Dry-run responsiveness';
/** The size at which the old Azure policy regexes took seconds per key (test/importers/azure.test.ts). */
const POLICY_BYTES = 117 * 1024;

/** An APIM export an attacker wrote: each product's policy is quadratic-regex bait, a few subscriptions use each. */
function hostileAzure(): ImportForm['files'] {
  const shapes = [
    `<inbound>${'<inbound '.repeat(POLICY_BYTES / 9)}`,
    `<inbound>${'<!--'.repeat(POLICY_BYTES / 4)}</inbound>`,
    `<inbound>${'<rate-limit '.repeat(POLICY_BYTES / 12)}</inbound>`,
    `<inbound><rate-limit ${'a'.repeat(POLICY_BYTES)}></inbound>`,
  ];
  const products = shapes.map((xml, i) => ({ name: `p${i}`, apis: [{ name: 'orders-api' }], policy: { properties: { value: xml } } }));
  const value = products.flatMap((p) =>
    [1, 2, 3].map((n) => ({
      name: `${p.name}-s${n}`,
      properties: {
        scope: `/products/${p.name}`,
        state: 'active',
        displayName: `${p.name}-s${n}`,
        primaryKey: `${p.name}-s${n}-primary-key-0001`,
        secondaryKey: `${p.name}-s${n}-secondary-key-0001`,
      },
    })),
  );
  return [
    { name: 'azure-subscriptions.json', content: Buffer.from(JSON.stringify({ value })) },
    { name: 'azure-products.json', content: Buffer.from(JSON.stringify({ products, apis: [] })) },
  ];
}

const dryRunDms = (slack: SlackFake) => slack.dms(USERS.requester).filter((m) => m.text.includes('*Dry run*')).length;

/**
 * Probes the bot while a dry run reads `form`: `GET /healthz` back to back (20 ms apart) and a
 * slash command (`/rotate-key help`) every 100 ms, each timed send → answer, until the preview DM
 * arrives. Returns the worst of each and the dry run's duration (form submitted → preview DM).
 */
async function probeDuring(slack: SlackFake, driver: ReturnType<typeof slackDriver>, port: number, form: ImportForm) {
  const health: number[] = [];
  const acks: number[] = [];
  // answers other than 200, by what answered: a 503 is /healthz saying the bot is degraded
  const refused: Record<string, number> = {};
  const count = (what: string): void => {
    refused[what] = (refused[what] ?? 0) + 1;
  };
  const before = dryRunDms(slack);
  let done = false;
  const healthLoop = (async () => {
    while (!done) {
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      const body = await res.text();
      health.push(performance.now() - t);
      if (res.status !== 200) count(`/healthz ${res.status} ${body}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const ackLoop = (async () => {
    while (!done) {
      const t = performance.now();
      const res = await driver.command('/rotate-key', 'help', { user: USERS.outsider });
      acks.push(performance.now() - t);
      if (res.status !== 200) count(`command ${res.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  const until = <T>(pick: () => T | undefined | false | null, what: string) => waitUntil(pick, what, 600_000, 20);
  const submitted = await submitImport({ slack, driver, until }, { ...form, dryRun: true });
  if (submitted.status !== 200) throw new Error(`the import form was answered ${submitted.status}`);
  await waitUntil(() => dryRunDms(slack) > before, 'the dry-run preview', 600_000, 20);
  const ms = performance.now() - started;
  done = true;
  await Promise.all([healthLoop, ackLoop]);
  const preview = slack.dms(USERS.requester).filter((m) => m.text.includes('*Dry run*'))[before]?.text ?? '';
  return { ms, health: summarize(health), acks: summarize(acks), refused, preview: preview.split('\n').slice(0, 2).join(' ') };
}

/**
 * Issue 10: while the bot reads a dry run of a hostile Azure APIM export and of a `rows`-row CSV,
 * `/healthz` answers within 200 ms and a slash command is acked within 1 s. The bot runs as its own
 * process (Tyk `latencyMs` away); the probes, the Slack fake and the emulator share its cores.
 */
export async function measureDryRun(o: {
  rows: number;
  latencyMs: number;
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const slack = await startSlack();
  const emulator = await startEmulatorProcess(o.latencyMs);
  const dir = scratchDir('dry-run');
  const bot = spawnBot(botEnv(slack.apiUrl, emulator.url, dir, { IMPORT_MAX_KEYS: String(Math.max(o.rows, 100_000)) }), dir);
  try {
    const port = await bot.port;
    const driver = slackDriver({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, fake: slack });
    await driver.command('/rotate-key', 'help', { user: USERS.outsider }); // warm-up, not counted
    const csvPath = join(dir, 'keys.csv');
    await writeCsv(csvPath, newKeys(o.rows));
    const csv = readFileSync(csvPath);
    const runs = [
      {
        what: `hostile Azure APIM export (4 policies of ${POLICY_BYTES / 1024} KiB, 12 subscriptions)`,
        form: { format: 'azure', files: hostileAzure() },
      },
      {
        what: `${o.rows.toLocaleString('en-US')}-row CSV (${(csv.length / 1e6).toFixed(1)} MB)`,
        form: { format: 'csv', files: [{ name: 'keys.csv', content: csv }] },
      },
    ];
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    for (const run of runs) {
      log(`dry run: ${run.what}…`);
      const r = await probeDuring(slack, driver, port, run.form);
      log(
        `dry run: ${(r.ms / 1000).toFixed(1)} s; worst /healthz ${r.health.max} ms, worst ack ${r.acks.max} ms; not 200: ${JSON.stringify(r.refused)} (${r.preview})`,
      );
      figures.push(
        figure(
          SECTION,
          `dry run of a ${run.what}: worst /healthz`,
          r.health.max,
          'ms',
          { op: '<', value: 200 },
          `${r.health.n} probes, p99 ${r.health.p99} ms; dry run ${(r.ms / 1000).toFixed(1)} s`,
        ),
        figure(
          SECTION,
          `dry run of a ${run.what}: worst slash-command ack`,
          r.acks.max,
          'ms',
          { op: '<', value: 1000 },
          `${r.acks.n} commands, p99 ${r.acks.p99} ms`,
        ),
        figure(
          SECTION,
          `dry run of a ${run.what}: answers other than 200`,
          Object.values(r.refused).reduce((a, b) => a + b, 0),
          'answers',
          { op: '<', value: 1, text: '0' },
          Object.entries(r.refused)
            .map(([what, n]) => `${n} × ${what}`)
            .join('; ') || undefined,
        ),
      );
      details[run.form.format] = {
        what: run.what,
        dryRunMs: r.ms,
        healthz: r.health,
        acks: r.acks,
        refused: r.refused,
        preview: r.preview,
      };
    }
    return { figures, details };
  } finally {
    await bot.stop();
    await emulator.stop();
    await slack.close();
    removeScratch(dir);
  }
}
