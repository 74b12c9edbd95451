import { botEnv, freePort, spawnBot, startSlack, untilHealthy } from './bot.js';
import { type Figure, figure, log } from './figure.js';
import { startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';
import { summarize } from './stats.js';

/** Spawn → first 200 from GET /healthz, on a fresh database, `runs` times; Tyk answers after 20 ms. */
export async function measureStartup(runs: number): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const slack = await startSlack();
  const emulator = await startEmulatorProcess(20);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dir = scratchDir('startup');
      const port = await freePort();
      const started = performance.now();
      const bot = spawnBot(botEnv(slack.apiUrl, emulator.url, dir, { PORT: String(port) }), dir);
      // A bot that exits before it is healthy fails the run at once instead of at the poll's timeout.
      const exitedEarly = bot.port.then(() => new Promise<never>(() => undefined));
      exitedEarly.catch(() => undefined);
      try {
        times.push((await Promise.race([untilHealthy(port), exitedEarly])) - started);
      } finally {
        await bot.stop();
        removeScratch(dir);
      }
    }
  } finally {
    await emulator.stop();
    await slack.close();
  }
  const s = summarize(times);
  log(`start-up: median ${s.p50.toFixed(0)} ms over ${runs} runs`);
  return {
    figures: [
      figure(
        'Start-up',
        'spawn → healthy /healthz, fresh database (median)',
        s.p50,
        'ms',
        { op: '<', value: 2000, text: '< 2,000 ms' },
        `${runs} runs, fastest ${Math.min(...times).toFixed(0)} ms, slowest ${s.max.toFixed(0)} ms`,
      ),
    ],
    details: { runsMs: times.map((t) => Math.round(t)) },
  };
}
