import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { scratchDir } from './scratch.js';

export interface TimedRun {
  code: number | null;
  /** wall time from spawn to exit */
  ms: number;
  stdout: string;
  stderr: string;
  /** peak resident set size, KiB (null unless asked for) */
  maxRssKb: number | null;
  /** user + system CPU seconds of the process (null unless asked for) */
  cpuS: number | null;
}

/** VmHWM of a live process in KiB: the fallback where /usr/bin/time is missing. */
const vmHwm = (pid: number): number | null => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
};

/**
 * Runs a command to its end and times it as a whole. With `rss`, its peak RSS and CPU time come
 * from `/usr/bin/time -f '%M %U %S'` when present, else from polling /proc/<pid> (VmHWM, stat).
 */
export async function runTimed(
  cmd: string,
  args: string[],
  o: { env?: NodeJS.ProcessEnv; rss?: boolean; cwd?: string; stdoutFile?: string } = {},
): Promise<TimedRun> {
  const useTime = o.rss === true && existsSync('/usr/bin/time');
  const rssFile = useTime ? join(scratchDir('rss'), 'rss') : '';
  const [file, argv] = useTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  // stdout to a file where asked: the CLI ends with process.exit(), which cuts off output still queued for a pipe
  const outFd = o.stdoutFile ? openSync(o.stdoutFile, 'w', 0o600) : null;
  const child = spawn(file, argv, { env: o.env ?? process.env, cwd: o.cwd, stdio: ['ignore', outFd ?? 'pipe', 'pipe'] });
  if (outFd !== null) closeSync(outFd);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  let polled: number | null = null;
  let cpuS: number | null = null;
  const poll =
    o.rss && !useTime
      ? setInterval(() => {
          polled = Math.max(polled ?? 0, vmHwm(child.pid as number) ?? 0);
          cpuS = cpuSecondsOf(child.pid) ?? cpuS;
        }, 20)
      : null;
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  const ms = performance.now() - started;
  if (poll) clearInterval(poll);
  let maxRssKb: number | null = polled;
  if (useTime) {
    const [rss, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    maxRssKb = rss ?? null;
    cpuS = (user ?? 0) + (sys ?? 0);
  }
  if (useTime) rmSync(join(rssFile, '..'), { recursive: true, force: true });
  const stdout = o.stdoutFile ? readFileSync(o.stdoutFile, 'utf8') : Buffer.concat(out).toString('utf8');
  return { code, ms, stdout, stderr: Buffer.concat(err).toString('utf8'), maxRssKb, cpuS };
}

/** What the emulator counted since its last reset: `creates` are the answered POSTs, first and last by time (ms). */
export interface EmulatorStats {
  keys: number;
  calls: number;
  creates: { count: number; firstAt: number | null; lastAt: number | null };
}

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  control(path: string, body?: unknown): Promise<unknown>;
  stats(): Promise<EmulatorStats>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The Tyk emulator as its own process (the system the bot talks to), driven through `/_emulator/`. */
export async function startEmulatorProcess(latencyMs: number): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    ['dist/test/harness/tyk-emulator/main.js', '--port', '0', '--latency', String(latencyMs), '--print-url'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`the emulator exited (${c}) before listening`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  const control = async (path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(
      `${url}/_emulator/${path}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
    );
    if (!res.ok) throw new Error(`emulator ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    child,
    control,
    stats: async () => (await control('stats')) as EmulatorStats,
    reset: async () => void (await control('reset', {})),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU seconds (user + system) a live process has used, from /proc; null where /proc is missing. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}
