import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openCliRuntime } from '../src/cli/runtime.js';
import { parseRotateKey } from '../src/command-args/rotate-key.js';
import { loadConfig } from '../src/config.js';
import { createStore } from '../src/store/index.js';
import { isRefusal } from '../src/workflows/refusal.js';
import { USERS } from '../test/harness/users.js';
import { botEnv, freePort, spawnBot, startSlack, untilHealthy } from './bot.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, sessionOf } from './keys.js';
import { startEmulatorProcess } from './processes.js';
import { BULK_PREFIX, type JobsDb } from './scheduler-claim.js';
import { removeScratch } from './scratch.js';
import { runPool, waitUntil } from './stats.js';

const SECTION = 'Scheduler';
const quiet = { out: () => undefined, err: () => undefined, isTty: false };

/** Moves the bulk jobs that are due out of the way: the bot would run them, and they are only ballast. */
function postponeBulk(db: JobsDb, until: number): void {
  const store = createStore(db.path, db.secretKey);
  store.db
    .prepare("UPDATE jobs SET due_at = due_at + @shift WHERE status = 'pending' AND due_at <= @until AND request_id LIKE @bulk")
    .run({ shift: 40 * 86_400_000, until, bulk: `${BULK_PREFIX}%` });
  store.close();
}

/**
 * Jobs/s through the bot's own scheduler (its default concurrency, 4) and a Tyk that answers at
 * once: `n` approved /rotate-key requests, drafted beforehand into the database that holds the
 * million pending jobs, run by the bot as its own process. Each rotation is an `execute` (read the
 * old key, create and read back the new one), a `handover` (vault rows, retirement scheduled) and
 * a Reveal DM job; its reminders and retirement fall due days later and are not counted.
 */
export async function measureJobs(db: JobsDb, n: number): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  postponeBulk(db, Date.now() + 3_600_000);
  const slack = await startSlack();
  const emulator = await startEmulatorProcess(0);
  const port = await freePort();
  const env = botEnv(slack.apiUrl, emulator.url, dirname(db.path), {
    KEYBOT_DB: db.path,
    KEYBOT_SECRET_KEY: db.secretKey.toString('base64'),
    PORT: String(port),
  });
  try {
    const keys = newKeys(n);
    await runPool(keys, 20, async (raw, i) => void (await emulator.control('seed-key', { raw, session: sessionOf(i) })));
    log(`scheduler: drafting ${n} approved rotations…`);
    const config = loadConfig(env);
    const rt = await openCliRuntime(config, quiet);
    const ids: string[] = [];
    try {
      await runPool(keys, 8, async (raw) => {
        const args = parseRotateKey(`${raw} --reason "bench"`, { grace: config.grace, requireReason: config.requireReason });
        if (args.help) throw new Error('unexpected help');
        const r = await rt.workflows.rotation.draft(args, USERS.requester, true);
        if (isRefusal(r)) throw new Error(`rotation refused: ${r.message}`);
        ids.push(r.id);
      });
    } finally {
      rt.close();
    }
    log(`scheduler: starting the bot on the database with ${n} rotations to run…`);
    const started = performance.now();
    const bot = spawnBot(env, dirname(db.path));
    try {
      const startupMs = (await untilHealthy(port)) - started;
      const from = Date.now();
      const read = new Database(db.path, { readonly: true, fileMustExist: true });
      // Through the (request_id, step) index: a scan of a million rows here would stall the Slack fake, which shares this process.
      const own = 'request_id IN (SELECT value FROM json_each(@ids))';
      const idList = JSON.stringify(ids);
      const handedOver = read.prepare("SELECT COUNT(*) AS n FROM history WHERE event = 'handed-over'").pluck();
      const open = read
        .prepare(`SELECT COUNT(*) AS n FROM jobs WHERE ${own} AND status IN ('pending','running') AND due_at <= @now`)
        .pluck();
      await waitUntil(
        () => handedOver.get() === n && open.get({ ids: idList, now: Date.now() }) === 0,
        `${n} rotations to be handed over`,
        300_000,
        200,
      );
      const done = read
        .prepare(`SELECT COUNT(*) AS n, MAX(finished_at) AS last FROM jobs WHERE ${own} AND status = 'done'`)
        .get({ ids: idList }) as { n: number; last: number };
      const failed = read.prepare(`SELECT COUNT(*) FROM jobs WHERE ${own} AND status = 'failed'`).pluck().get({ ids: idList }) as number;
      const pending = read.prepare("SELECT COUNT(*) FROM jobs WHERE status = 'pending'").pluck().get() as number;
      read.close();
      const seconds = (done.last - from) / 1000;
      const jobsPerSec = done.n / seconds;
      log(`scheduler: ${done.n} jobs in ${seconds.toFixed(2)} s = ${jobsPerSec.toFixed(0)} jobs/s`);
      return {
        figures: [
          figure(
            SECTION,
            `jobs/s, ${n.toLocaleString('en-US')} rotations, no-latency Tyk, beside the 1,000,000 pending jobs`,
            jobsPerSec,
            'jobs/s',
            undefined,
            `${done.n} jobs (execute, handover, Reveal DMs) in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(0)} rotations/s; ${failed} failed`,
          ),
          figure('Start-up', 'spawn → healthy /healthz, database with 1,000,000 pending jobs', startupMs, 'ms', {
            op: '<',
            value: 2000,
            text: '< 2,000 ms',
          }),
        ],
        details: { jobsDone: done.n, failed, seconds, jobsPerSec, rotationsPerSec: n / seconds, startupMs, pendingAfter: pending },
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await emulator.stop();
    await slack.close();
    removeScratch(dirname(db.path));
  }
}
