import { slackDriver } from '../test/harness/slack-driver.js';
import {
  ackedInBot,
  ackHistogram,
  approvals,
  approveClick,
  closedLoop,
  openLoop,
  rotateCommand,
  type Sample,
  senderLoopDelay,
  startFloorServer,
} from './ack-load.js';
import { benchRequester, botEnv, SIGNING_SECRET, spawnBot, startSlack } from './bot.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, sessionOf } from './keys.js';
import { cpuSecondsOf, startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';
import { runPool, summarize } from './stats.js';

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
  concurrency: number;
  latencyMs: number;
  paced: { n: number; perSecond: number };
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const slack = await startSlack();
  const emulator = await startEmulatorProcess(o.latencyMs);
  const dir = scratchDir('ack');
  const bot = spawnBot(botEnv(slack.apiUrl, emulator.url, dir), dir);
  try {
    const keys = newKeys(o.n + o.paced.n);
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

    log(`ack: ${o.n} /rotate-key commands, then ${o.n} Approve clicks, ${o.concurrency} concurrent…`);
    const tyk0 = await emulator.stats();
    const h0 = await ackHistogram(port);
    const senders = senderLoopDelay();
    const c0 = botCpu();
    const commands = await closedLoop(keys.slice(0, o.n), o.concurrency, (raw, s) => rotateCommand(driver, raw, s));
    const c1 = botCpu();
    const clicked = new Set<string>();
    const toApprove = await approvals(slack, clicked, o.n);
    const c2 = botCpu();
    const tykCallsPerCommand = ((await emulator.stats()).calls - tyk0.calls) / o.n;
    const clicks = await closedLoop(toApprove, o.concurrency, (m, s) => approveClick(driver, m, s));
    const c3 = botCpu();
    const sendersLoop = senders.stop();
    const inBot = ackedInBot(h0, await ackHistogram(port));
    log(`ack: ${o.paced.n} commands and ${o.paced.n} clicks at ${o.paced.perSecond}/s…`);
    const pacedCommands = await openLoop(keys.slice(o.n), o.paced.perSecond, (raw, s) => rotateCommand(driver, raw, s));
    const pacedClicks = await openLoop(await approvals(slack, clicked, o.paced.n), o.paced.perSecond, (m, s) => approveClick(driver, m, s));

    // The same senders and requests against a server that answers at once: this machine's floor.
    const floorServer = await startFloorServer();
    const floorDriver = slackDriver({ appUrl: floorServer.url, signingSecret: SIGNING_SECRET, fake: slack });
    const floorSamples = await closedLoop(keys.slice(0, o.n), o.concurrency, (raw, s) => rotateCommand(floorDriver, raw, s)).finally(
      floorServer.stop,
    );

    const ms = (s: Sample[]) => s.map((x) => x.ms);
    const floor = summarize(ms(floorSamples));
    const all = summarize([...ms(commands), ...ms(clicks)]);
    const [cmd, clk, paced] = [summarize(ms(commands)), summarize(ms(clicks)), summarize([...ms(pacedCommands), ...ms(pacedClicks)])];
    const non200 = [...commands, ...clicks, ...pacedCommands, ...pacedClicks].filter((s) => s.status !== 200).length;
    // Commands: until every approval message is posted, so the CPU covers all the work they started.
    const phases = {
      commands: { ...perRequest(c0, c2, o.n), ackedPerSecond: perRequest(c0, c1, o.n).perSecond },
      clicks: perRequest(c2, c3, o.n),
    };
    log(`ack: p50 ${all.p50} ms, p95 ${all.p95} ms, p99 ${all.p99} ms; paced p99 ${paced.p99} ms`);
    const label = `${all.n.toLocaleString('en-US')} signed requests, ${o.concurrency} concurrent`;
    return {
      figures: [
        figure(SECTION, `${label}: p50`, all.p50, 'ms'),
        figure(SECTION, `${label}: p95`, all.p95, 'ms'),
        figure(
          SECTION,
          `${label}: p99`,
          all.p99,
          'ms',
          { op: '<', value: 50, text: '< 50 ms' },
          `commands p99 ${cmd.p99} ms, clicks p99 ${clk.p99} ms, max ${all.max} ms; Slack allows 3,000 ms`,
        ),
        figure(
          SECTION,
          `the same senders, ${floor.n.toLocaleString('en-US')} commands to a server in its own process that answers at once: p99`,
          floor.p99,
          'ms',
          undefined,
          `p50 ${floor.p50} ms; the bot's p99 is ${(all.p99 / floor.p99).toFixed(2)}× this floor of the client, the kernel and the two cores`,
        ),
        figure(
          SECTION,
          'the same acks timed inside the bot (arrival to answer sent): share within 50 ms',
          inBot.within50,
          '%',
          undefined,
          `${inBot.n} acks; their p99 is at most ${inBot.p99AtMostMs} ms (keybot_slack_ack_seconds buckets); the senders' own event-loop delay (the bench process, with the Slack fake): p99 ${sendersLoop.p99} ms, max ${sendersLoop.max} ms`,
        ),
        figure(
          SECTION,
          'bot CPU per /rotate-key (ack, key lookup in Tyk, request, approval post)',
          phases.commands.botCpuMs,
          'ms',
          undefined,
          `${tykCallsPerCommand.toFixed(1)} Tyk calls each; acked at ${phases.commands.ackedPerSecond}/s, posted for approval at ${phases.commands.perSecond}/s`,
        ),
        figure(
          SECTION,
          'bot CPU per Approve click, during the clicks (ack, approval, message update)',
          phases.clicks.botCpuMs,
          'ms',
          undefined,
          `acked at ${phases.clicks.perSecond}/s; the rotations run on afterwards`,
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
      details: { all, commands: cmd, clicks: clk, paced, floor, phases, tykCallsPerCommand, inBot, sendersLoop },
    };
  } finally {
    await bot.stop();
    await emulator.stop();
    await slack.close();
    removeScratch(dir);
  }
}
