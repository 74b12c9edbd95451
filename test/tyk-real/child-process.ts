import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port nobody listens on right now. The gateway and redis need a number in their config (they cannot
 * report a port-0 choice back), so this asks the kernel for one and releases it; the gap is tiny.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns true, or throws after `ms` naming `what`; no fixed sleeps. */
export async function waitUntil(check: () => Promise<boolean>, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `env` without the gateway's TYK_GW_* overrides, which would silently win over tyk.conf. */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('TYK_GW_')));
}

/** Starts `command` with stdout and stderr appended to `logFile`. */
export function spawnLogged(command: string, args: string[], opts: { cwd: string; logFile: string }): ChildProcess {
  const fd = openSync(opts.logFile, 'a');
  try {
    return spawn(command, args, { cwd: opts.cwd, env: childEnv(), stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves once it has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Rejects as soon as `child` exits, so a crash at start-up fails fast instead of timing out. */
export function exitAsError(child: ChildProcess, name: string): Promise<never> {
  const crashed = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${name} exited during start-up (code ${code}, signal ${signal})`)));
    child.once('error', (err) => reject(new Error(`${name} could not start: ${err.message}`)));
  });
  // The later, normal exit at stop() rejects too; nobody awaits it then, so mark it handled.
  crashed.catch(() => undefined);
  return crashed;
}
