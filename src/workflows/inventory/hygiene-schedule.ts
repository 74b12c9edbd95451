import cron from 'node-cron';
import type { Log } from '../../log.js';

/**
 * HYGIENE_CRON: the inventory scan and digest. One run at a time: a scan of a large fleet that
 * outlasts the interval is not started twice. A failed run is logged and tried at the next tick.
 */
export function scheduleHygiene(expression: string, run: () => Promise<unknown>, log: Log) {
  let running: Promise<unknown> | null = null;
  const once = (): Promise<unknown> => {
    running ??= run()
      .catch((err: unknown) => log.error({ err }, 'key hygiene run failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule(expression, () => void once(), { noOverlap: true, name: 'keybot-hygiene' });
  return {
    runNow: once,
    async stop(): Promise<void> {
      await task.stop();
      await running;
    },
  };
}
