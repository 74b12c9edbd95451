import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { submitImport } from '../test/harness/import-steps.js';
import { slackDriver } from '../test/harness/slack-driver.js';
import type { SlackFake, StoredMessage } from '../test/harness/slack-fake/index.js';
import { APPROVAL_CHANNEL } from '../test/harness/users.js';
import { ackedInBot, ackHistogram, approvals, approveClick, closedLoop, rotateCommand, type Sample, senderLoopDelay } from './ack-load.js';
import { benchRequester, botEnv, PEOPLE, SIGNING_SECRET, spawnBot, startSlack } from './bot.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, sessionOf, writeCsv } from './keys.js';
import { cpuSecondsOf, startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';
import { runPool, spread, summarize, waitUntil } from './stats.js';

const SECTION = 'Ack during import';

/** The import's last message in its thread. */
const importReport = (slack: SlackFake, threadTs: string) =>
  slack.messages({ channel: APPROVAL_CHANNEL }).find((m) => m.thread_ts === threadTs && /^Import (finished|failed|cancelled)/.test(m.text));

/** `keybot_event_loop_delay_seconds` from the bot's /metrics, in ms; each scrape resets the window. */
async function loopDelay(port: number): Promise<{ p50: number; p99: number; max: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const q = (quantile: string) => {
    const m = new RegExp(`^keybot_event_loop_delay_seconds\\{quantile="${quantile}"\\} (\\S+)$`, 'm').exec(text);
    return m ? Math.round(Number(m[1]) * 1e5) / 100 : Number.NaN;
  };
  return { p50: q('0.5'), p99: q('0.99'), max: q('1') };
}

/**
 * Issue 15 item 3: the ack while an import runs inside the bot. A CSV of `importKeys` keys is
 * submitted through `/import-keys` and approved with a click, so the bot process executes it
 * (IMPORT_CONCURRENCY=16, Tyk `latencyMs` away); while it runs, `rounds` closed loops of
 * `concurrency` senders send `n` signed `/rotate-key` commands, then click Approve on each.
 * Each round's ack p99 and the bot's event-loop delay (its /metrics, reset at the round's start)
 * are reported as min / median / max over the rounds.
 */
export async function measureAckDuringImport(o: {
  importKeys: number;
  n: number;
  rounds: number;
  concurrency: number;
  latencyMs: number;
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const slack = await startSlack();
  const emulator = await startEmulatorProcess(o.latencyMs);
  const dir = scratchDir('ack-import');
  const bot = spawnBot(botEnv(slack.apiUrl, emulator.url, dir, { IMPORT_CONCURRENCY: '16', IMPORT_MAX_KEYS: '100000' }), dir);
  try {
    const port = await bot.port;
    const driver = slackDriver({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, fake: slack });
    const rotateKeys = newKeys(2 * o.n * o.rounds);
    await runPool(rotateKeys, 20, async (raw, i) => void (await emulator.control('seed-key', { raw, session: sessionOf(i) })));
    const csv = join(dir, 'import.csv');
    await writeCsv(csv, newKeys(o.importKeys));
    // Warm-up, not counted.
    await closedLoop(Array.from({ length: o.concurrency }), o.concurrency, (_, s) =>
      driver.command('/rotate-key', 'help', { user: benchRequester(s) }).then((r) => ({ ms: 0, status: r.status })),
    );

    type Round = {
      ack: ReturnType<typeof summarize>;
      loop: { p50: number; p99: number; max: number };
      inBot: ReturnType<typeof ackedInBot>;
      senders: { p99: number; max: number };
      /** cores each process used over the round (CPU seconds / wall seconds): what the two cores were asked for */
      cores: { bot: number; emulator: number; bench: number };
      non200: number;
    };
    const cpuNow = () => ({
      at: performance.now(),
      bot: cpuSecondsOf(bot.child.pid) ?? Number.NaN,
      emulator: cpuSecondsOf(emulator.child.pid) ?? Number.NaN,
      bench: ((u) => (u.user + u.system) / 1e6)(process.cpuUsage()),
    });
    const coresSince = (c0: ReturnType<typeof cpuNow>): Round['cores'] => {
      const c = cpuNow();
      const wall = (c.at - c0.at) / 1000;
      const per = (a: number, b: number) => Math.round(((a - b) / wall) * 100) / 100;
      return { bot: per(c.bot, c0.bot), emulator: per(c.emulator, c0.emulator), bench: per(c.bench, c0.bench) };
    };
    let nextKey = 0;
    const round = async (what: string, r: number): Promise<Round> => {
      const keys = rotateKeys.slice(nextKey, nextKey + o.n);
      nextKey += o.n;
      await loopDelay(port); // starts the round's window
      const acked = await ackHistogram(port);
      const own = senderLoopDelay();
      const cpu0 = cpuNow();
      const commands = await closedLoop(keys, o.concurrency, (raw, i) => rotateCommand(driver, raw, nextKey + i));
      // during an import the drafts behind the acks go slower: minutes for a round's approvals
      const clicks = await closedLoop(await approvals(slack, seen, o.n, 900_000), o.concurrency, (m, i) =>
        approveClick(driver, m, nextKey + i),
      );
      const senders = own.stop();
      const cores = coresSince(cpu0);
      const loop = await loopDelay(port);
      const inBot = ackedInBot(acked, await ackHistogram(port));
      const samples: Sample[] = [...commands, ...clicks];
      const ack = summarize(samples.map((s) => s.ms));
      log(
        `ack ${what}, round ${r + 1}: p50 ${ack.p50} p95 ${ack.p95} p99 ${ack.p99} ms; event loop p99 ${loop.p99} max ${loop.max} ms; cores: bot ${cores.bot}, emulator ${cores.emulator}, bench ${cores.bench}`,
      );
      return { ack, loop, inBot, senders, cores, non200: samples.filter((s) => s.status !== 200).length };
    };
    const seen = new Set<string>();
    // The same rounds first without an import: the machine's own figure, side by side.
    const alone: Round[] = [];
    for (let r = 0; r < o.rounds; r++) alone.push(await round('without import', r));
    await waitUntil(async () => (await loopDelay(port)).p99 < 20, 'the rotations to settle', 120_000, 1000).catch(() => undefined);

    log(`ack during import: submitting ${o.importKeys} keys through /import-keys…`);
    const h = { slack, driver, until: <T>(pick: () => T | undefined | false | null, what: string) => waitUntil(pick, what, 300_000, 100) };
    const res = await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: readFileSync(csv) }] });
    if (res.status !== 200) throw new Error(`the import form answered ${res.status}: ${res.body}`);
    const [approval] = await approvals(slack, seen, 1, 600_000);
    const importMsg = approval as StoredMessage;
    const approvedAt = performance.now();
    const click = await approveClick(driver, importMsg, PEOPLE - 1);
    if (click.status !== 200) throw new Error(`the import's Approve answered ${click.status}`);
    // the import is running once Tyk holds more keys than before it
    const before = (await emulator.stats()).keys;
    await waitUntil(async () => (await emulator.stats()).keys > before + 100, 'the import to start creating keys', 120_000, 50);
    log(`ack during import: running; ${o.rounds} rounds of ${o.n} commands and ${o.n} clicks, ${o.concurrency} concurrent…`);
    const rounds: Round[] = [];
    for (let r = 0; r < o.rounds; r++) rounds.push(await round('during import', r));
    const loadEnd = performance.now();
    const keysAtEnd = (await emulator.stats()).keys - before;
    // rotations add keys too: fewer keys than the file's means the import had not finished
    const runningAtEnd = keysAtEnd < o.importKeys;
    const failed = importReport(slack, importMsg.ts);
    if (failed && !/^Import finished/.test(failed.text)) throw new Error(`the import did not finish: ${failed.text.slice(0, 200)}`);

    const of = (rs: Round[], pick: (r: Round) => number) => spread(rs.map(pick));
    const pair = (pick: (r: Round) => number) => ({ during: of(rounds, pick), alone: of(alone, pick) });
    const m = {
      p50: pair((r) => r.ack.p50),
      p95: pair((r) => r.ack.p95),
      p99: pair((r) => r.ack.p99),
      loopP99: pair((r) => r.loop.p99),
      loopMax: pair((r) => r.loop.max),
      inBotWithin50: pair((r) => r.inBot.within50),
      inBotP99AtMost: pair((r) => r.inBot.p99AtMostMs),
      sendersP99: pair((r) => r.senders.p99),
      cores: pair((r) => r.cores.bot + r.cores.emulator + r.cores.bench),
    };
    const non200 = [...alone, ...rounds].reduce((a, r) => a + r.non200, 0);
    const label = `${(2 * o.n).toLocaleString('en-US')} signed requests, ${o.concurrency} concurrent, during a ${o.importKeys.toLocaleString('en-US')}-key import`;
    const range = (x: ReturnType<typeof spread>) => `${x.min} / ${x.median} / ${x.max}`;
    const note = (x: { during: ReturnType<typeof spread>; alone: ReturnType<typeof spread> }) =>
      `min / median / max of ${o.rounds} rounds: ${range(x.during)} ms; the same rounds without the import: ${range(x.alone)} ms`;
    const target = {
      p99: { op: '<', value: 50, text: '< 50 ms' },
      loopP99: { op: '<', value: 20, text: '< 20 ms' },
      loopMax: { op: '<', value: 100, text: '< 100 ms' },
    } as const;
    return {
      figures: [
        figure(SECTION, `${label}: p50`, m.p50.during.median, 'ms', undefined, note(m.p50)),
        figure(SECTION, `${label}: p95`, m.p95.during.median, 'ms', undefined, note(m.p95)),
        figure(SECTION, `${label}: p99`, m.p99.during.median, 'ms', target.p99, note(m.p99)),
        figure(SECTION, 'ratio of the p99 during the import to the p99 without it', m.p99.during.median / m.p99.alone.median, '×'),
        figure(
          SECTION,
          'the same acks timed inside the bot (arrival to answer sent): share within 50 ms',
          m.inBotWithin50.during.median,
          '%',
          undefined,
          `min / median / max of ${o.rounds} rounds: ${range(m.inBotWithin50.during)} % (without the import: ${range(m.inBotWithin50.alone)} %); p99 at most ${range(m.inBotP99AtMost.during)} ms (without: ${range(m.inBotP99AtMost.alone)} ms), keybot_slack_ack_seconds buckets`,
        ),
        figure(
          SECTION,
          "the senders' own event-loop delay (the bench process, with the Slack fake): p99",
          m.sendersP99.during.median,
          'ms',
          undefined,
          note(m.sendersP99),
        ),
        figure(
          SECTION,
          `cores the bot, the emulator and the bench used together during the rounds (of ${availableParallelism()})`,
          m.cores.during.median,
          'cores',
          undefined,
          `min / median / max of ${o.rounds} rounds: ${range(m.cores.during)}; without the import: ${range(m.cores.alone)}; per round (bot / emulator / bench): ${rounds.map((r) => `${r.cores.bot} / ${r.cores.emulator} / ${r.cores.bench}`).join(', ')}`,
        ),
        figure(SECTION, 'bot event-loop delay during the rounds: p99', m.loopP99.during.median, 'ms', target.loopP99, note(m.loopP99)),
        figure(SECTION, 'bot event-loop delay during the rounds: max', m.loopMax.during.median, 'ms', target.loopMax, note(m.loopMax)),
        figure(
          SECTION,
          'import still running when the last round ended',
          runningAtEnd ? 1 : 0,
          'yes=1',
          { op: '>=', value: 1, text: 'yes' },
          `Tyk held ${keysAtEnd} more keys (import and rotations) when the rounds ended, ${((loadEnd - approvedAt) / 1000).toFixed(1)} s after the approval (the bot is stopped then, the import unfinished)`,
        ),
        figure(SECTION, 'answers other than 200', non200, 'requests', { op: '<', value: 1, text: '0' }),
      ],
      details: { alone, rounds, keysAtEnd, runningAtEnd, ...m },
    };
  } finally {
    await bot.stop();
    await emulator.stop();
    await slack.close();
    removeScratch(dir);
  }
}
