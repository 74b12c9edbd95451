import { slackDriver } from '../test/harness/slack-driver.js';
import {
  ackedInBot,
  ackHistogram,
  approvals,
  approveClick,
  closedLoop,
  openLoop,
  rotateCommand,
  rotationsInGrace,
  type Sample,
  senderLoopDelay,
  startFloorServer,
} from './ack-load.js';
import { benchRequester, botEnv, SIGNING_SECRET, spawnBot, startSlack } from './bot.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, sessionOf } from './keys.js';
import { cpuSecondsOf, startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';
import { runPool, spread, summarize, waitUntil } from './stats.js';

const SECTION = 'Ack latency';

/**
 * Signed `/rotate-key` commands, then a click on Approve for each request they made, into the bot
 * running as its own process (Tyk 20 ms away). A sample is send → HTTP response, what Slack's
 * 3-second limit applies to. The measure is the closed loop: `concurrency` senders
 * back to back. An open loop at `paced.perSecond` follows, as information: the ack alone when
 * the bot is not saturated. The rotations the clicks approve run in the bot meanwhile.
 */
export async function measureAck(o: {
  n: number;
  /** closed-loop runs, each of `n` commands and `n` clicks */
  runs: number;
  concurrency: number;
  latencyMs: number;
  paced: { n: number; perSecond: number };
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const slack = await startSlack();
  const emulator = await startEmulatorProcess(o.latencyMs);
  const dir = scratchDir('ack');
  const bot = spawnBot(botEnv(slack.apiUrl, emulator.url, dir), dir);
  try {
    const keys = newKeys(o.runs * o.n + o.paced.n);
    await runPool(keys, 20, async (raw, i) => void (await emulator.control('seed-key', { raw, session: sessionOf(i) })));
    const port = await bot.port;
    const driver = slackDriver({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, fake: slack });
    // Warm-up, not counted: a bot that has just started compiles its code paths on the first requests.
    await closedLoop(Array.from({ length: o.concurrency }), o.concurrency, (_, s) =>
      driver.command('/rotate-key', 'help', { user: benchRequester(s) }).then((r) => ({ ms: 0, status: r.status })),
    );
    // CPU the bot spends per request (the ack plus the work it starts): it bounds the closed loop's latency.
    const botCpu = () => ({ cpu: cpuSecondsOf(bot.child.pid) ?? Number.NaN, at: performance.now() });
    const perRequest = (a: ReturnType<typeof botCpu>, b: ReturnType<typeof botCpu>, n: number) => ({
      botCpuMs: Math.round((((b.cpu - a.cpu) * 1000) / n) * 100) / 100,
      perSecond: Math.round(n / ((b.at - a.at) / 1000)),
    });

    // One closed-loop run: o.n commands, then a click on each approval they posted.
    const clicked = new Set<string>();
    const closedRun = async (run: number) => {
      log(`ack: run ${run + 1} of ${o.runs}: ${o.n} /rotate-key commands, then ${o.n} Approve clicks, ${o.concurrency} concurrent…`);
      const tyk0 = await emulator.stats();
      const grace0 = await rotationsInGrace(port);
      const h0 = await ackHistogram(port);
      const senders = senderLoopDelay();
      const c0 = botCpu();
      const commands = await closedLoop(keys.slice(run * o.n, (run + 1) * o.n), o.concurrency, (raw, s) => rotateCommand(driver, raw, s));
      const c1 = botCpu();
      const toApprove = await approvals(slack, clicked, o.n);
      const c2 = botCpu();
      const tykCallsPerCommand = ((await emulator.stats()).calls - tyk0.calls) / o.n;
      const clicks = await closedLoop(toApprove, o.concurrency, (m, s) => approveClick(driver, m, s));
      const c3 = botCpu();
      // Commands: until every approval message is posted, so the CPU covers all the work they started.
      const phases = {
        commands: { ...perRequest(c0, c2, o.n), ackedPerSecond: perRequest(c0, c1, o.n).perSecond },
        clicks: perRequest(c2, c3, o.n),
      };
      const sendersLoop = senders.stop();
      const inBot = ackedInBot(h0, await ackHistogram(port));
      // The rotations the clicks approved run to their handover before the floor and the next run,
      // so every run starts from the same quiet bot.
      await waitUntil(async () => (await rotationsInGrace(port)) >= grace0 + o.n, `${o.n} rotations in grace`, 120_000, 500);
      // The same senders and commands against a server that answers at once: this machine's floor, beside each run.
      const floorServer = await startFloorServer();
      const floorDriver = slackDriver({ appUrl: floorServer.url, signingSecret: SIGNING_SECRET, fake: slack });
      const floorSamples = await closedLoop(keys.slice(run * o.n, (run + 1) * o.n), o.concurrency, (raw, s) =>
        rotateCommand(floorDriver, raw, s),
      ).finally(floorServer.stop);
      const ms = (x: Sample[]) => x.map((y) => y.ms);
      return {
        all: summarize([...ms(commands), ...ms(clicks)]),
        commands: summarize(ms(commands)),
        clicks: summarize(ms(clicks)),
        floor: summarize(ms(floorSamples)),
        non200: [...commands, ...clicks].filter((x) => x.status !== 200).length,
        phases,
        tykCallsPerCommand,
        inBot,
        sendersLoop,
      };
    };
    const runs: Awaited<ReturnType<typeof closedRun>>[] = [];
    for (let r = 0; r < o.runs; r++) runs.push(await closedRun(r));
    log(`ack: ${o.paced.n} commands and ${o.paced.n} clicks at ${o.paced.perSecond}/s…`);
    const pacedKeys = keys.slice(o.runs * o.n);
    const pacedCommands = await openLoop(pacedKeys, o.paced.perSecond, (raw, s) => rotateCommand(driver, raw, s));
    const pacedClicks = await openLoop(await approvals(slack, clicked, o.paced.n), o.paced.perSecond, (m, s) => approveClick(driver, m, s));

    const paced = summarize([...pacedCommands, ...pacedClicks].map((x) => x.ms));
    const non200 = runs.reduce((n, r) => n + r.non200, 0) + [...pacedCommands, ...pacedClicks].filter((x) => x.status !== 200).length;
    // Each figure is the median run's; the note gives min / median / max over the runs.
    const of = (pick: (r: (typeof runs)[number]) => number) => spread(runs.map(pick));
    const range = (x: ReturnType<typeof spread>) => `${x.min} / ${x.median} / ${x.max}`;
    const m = {
      p50: of((r) => r.all.p50),
      p95: of((r) => r.all.p95),
      p99: of((r) => r.all.p99),
      cmdP99: of((r) => r.commands.p99),
      clkP99: of((r) => r.clicks.p99),
      max: of((r) => r.all.max),
      floorP50: of((r) => r.floor.p50),
      floorP99: of((r) => r.floor.p99),
      ratio: of((r) => r.all.p99 / r.floor.p99),
      within50: of((r) => r.inBot.within50),
      inBotP99: of((r) => r.inBot.p99AtMostMs),
      sendersP99: of((r) => r.sendersLoop.p99),
      cmdCpu: of((r) => r.phases.commands.botCpuMs),
      clkCpu: of((r) => r.phases.clicks.botCpuMs),
      acked: of((r) => r.phases.commands.ackedPerSecond),
      posted: of((r) => r.phases.commands.perSecond),
      clickAcked: of((r) => r.phases.clicks.perSecond),
      tykCalls: of((r) => r.tykCallsPerCommand),
    };
    const runsNote = (x: ReturnType<typeof spread>, unit = ' ms') => `min / median / max of ${o.runs} runs: ${range(x)}${unit}`;
    log(`ack: p50 ${m.p50.median} ms, p95 ${m.p95.median} ms, p99 ${m.p99.median} ms (runs ${range(m.p99)}); paced p99 ${paced.p99} ms`);
    const label = `${(2 * o.n).toLocaleString('en-US')} signed requests, ${o.concurrency} concurrent`;
    return {
      figures: [
        figure(SECTION, `${label}: p50`, m.p50.median, 'ms', undefined, runsNote(m.p50)),
        figure(SECTION, `${label}: p95`, m.p95.median, 'ms', undefined, runsNote(m.p95)),
        figure(
          SECTION,
          `${label}: p99`,
          m.p99.median,
          'ms',
          { op: '<', value: 50, text: '< 50 ms' },
          `${runsNote(m.p99)}; commands p99 ${range(m.cmdP99)} ms, clicks p99 ${range(m.clkP99)} ms, max ${range(m.max)} ms; Slack allows 3,000 ms`,
        ),
        figure(
          SECTION,
          `the same senders, ${o.n.toLocaleString('en-US')} commands to a server in its own process that answers at once: p99`,
          m.floorP99.median,
          'ms',
          undefined,
          `${runsNote(m.floorP99)}; p50 ${range(m.floorP50)} ms; the bot's p99 is ${range(m.ratio)}× this floor of the client, the kernel and the two cores`,
        ),
        figure(
          SECTION,
          'the same acks timed inside the bot (arrival to answer sent): share within 50 ms',
          m.within50.min,
          '%',
          undefined,
          `the least of ${o.runs} runs of ${2 * o.n} acks; their p99 is at most ${range(m.inBotP99)} ms (keybot_slack_ack_seconds buckets); the senders' own event-loop delay (the bench process, with the Slack fake): p99 ${range(m.sendersP99)} ms`,
        ),
        figure(
          SECTION,
          'bot CPU per /rotate-key (ack, key lookup in Tyk, request, approval post)',
          m.cmdCpu.median,
          'ms',
          undefined,
          `${runsNote(m.cmdCpu)}; ${m.tykCalls.median.toFixed(1)} Tyk calls each; acked at ${range(m.acked)}/s, posted for approval at ${range(m.posted)}/s`,
        ),
        figure(
          SECTION,
          'bot CPU per Approve click, during the clicks (ack, approval, message update)',
          m.clkCpu.median,
          'ms',
          undefined,
          `${runsNote(m.clkCpu)}; acked at ${range(m.clickAcked)}/s; the rotations run on afterwards`,
        ),
        figure(
          SECTION,
          `information: ${paced.n.toLocaleString('en-US')} requests at ${o.paced.perSecond}/s (open loop): p99`,
          paced.p99,
          'ms',
          undefined,
          `p50 ${paced.p50} ms, max ${paced.max} ms`,
        ),
        figure(SECTION, 'answers other than 200', non200, 'requests', { op: '<', value: 1, text: '0' }),
      ],
      details: { runs, paced, spread: m },
    };
  } finally {
    await bot.stop();
    await emulator.stop();
    await slack.close();
    removeScratch(dir);
  }
}
