import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BotProcess {
  port: number;
  child: ChildProcess;
  lines: string[];
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface BotProcessOptions {
  /**
   * Start it the way an operator does, `npm start` in the project folder, in a process group of its
   * own (so a test can check the whole tree is gone); `env` then goes only through KEYBOT_ENV_FILE.
   */
  npmStart?: { envFile: string };
}

/**
 * The real bot as its own process (`node dist/src/main.js`), so a test can SIGKILL it mid-work and
 * start it again on the same database. Resolves once the bot logged that it listens.
 */
export async function startBotProcess(env: Record<string, string | undefined>, o: BotProcessOptions = {}): Promise<BotProcess> {
  const child = o.npmStart
    ? spawn('npm', ['start', '--silent'], {
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], KEYBOT_ENV_FILE: o.npmStart.envFile },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
    : spawn(process.execPath, ['dist/src/main.js'], {
        env: { PATH: process.env['PATH'], ...env } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start:\n${lines.join('\n')}`)), 15_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const m = /"port":(\d+).*"msg":"tyk-keybot started"/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => lines.push(line));
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
  return {
    port,
    child,
    lines,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
