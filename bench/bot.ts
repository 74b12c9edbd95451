import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type SlackFake, startSlackFake } from '../test/harness/slack-fake/index.js';
import { APPROVAL_CHANNEL, APPROVER_GROUP, NOTIFY_CHANNEL, SLACK_USERS, USERS } from '../test/harness/users.js';
import { GATEWAY_SECRET, ORG_ID } from './keys.js';

export const SIGNING_SECRET = 'bench-signing-secret';

/**
 * The bench's people: each request is sent by another requester and each click by another approver
 * (up to PEOPLE, then round again). The bot queues at most two jobs per person (after-ack.ts): twenty
 * senders who were one person would mostly be told "Busy", which is not the load being measured.
 */
export const PEOPLE = 1000;
const pad = (i: number) => String(i % PEOPLE).padStart(4, '0');
export const benchRequester = (i: number): string => `U0BENCHR${pad(i)}`;
export const benchApprover = (i: number): string => `U0BENCHA${pad(i)}`;
const benchUsers = Array.from({ length: PEOPLE }, (_, i) => [
  { id: benchRequester(i), name: `requester${pad(i)}`, email: `requester${pad(i)}@example.com` },
  { id: benchApprover(i), name: `approver${pad(i)}`, email: `approver${pad(i)}@example.com` },
]).flat();

/** The Slack fake the bot posts to, with the harness's users, the bench's people and the approver group (which holds the bench's approvers). */
export async function startSlack(): Promise<SlackFake> {
  const slack = await startSlackFake({ users: [...SLACK_USERS, ...benchUsers] });
  slack.addUserGroup(APPROVER_GROUP, [USERS.groupApprover, ...Array.from({ length: PEOPLE }, (_, i) => benchApprover(i))]);
  return slack;
}

/** The bot's environment in HTTP mode: the settings of the README's quick start, nothing tuned. */
export function botEnv(slackApiUrl: string, tykUrl: string, dir: string, over: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    KEYBOT_SECRET_KEY: randomBytes(32).toString('base64'),
    KEYBOT_DB: join(dir, 'keybot.db'),
    APPROVAL_CHANNEL,
    NOTIFY_CHANNEL,
    APPROVERS: `${USERS.approver1},${USERS.approver2},${APPROVER_GROUP}`,
    TYK_GATEWAY_URL: tykUrl,
    TYK_GATEWAY_SECRET: GATEWAY_SECRET,
    TYK_ORG_ID: ORG_ID,
    PORT: '0',
    LOG_LEVEL: 'info',
    ...over,
  };
}

/** A free TCP port on 127.0.0.1, so start-up can be timed from spawn to the first healthy answer. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface BotProcess {
  child: ChildProcess;
  port: Promise<number>;
  /** the last log lines, for an error message */
  tail: string[];
  stop(): Promise<void>;
}

/**
 * `node dist/src/main.js` as its own process, run in `cwd` (a temp dir, so no `.env` is read).
 * Its log is drained (a full pipe would stall the bot) and only the tail is kept.
 */
export function spawnBot(env: NodeJS.ProcessEnv, cwd: string): BotProcess {
  // BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" shows where the bot's time goes during a run
  const nodeArgs = (process.env['BENCH_BOT_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, resolve('dist/src/main.js')], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  // BENCH_BOT_LOG=FILE keeps the bot's whole log (its lines are redacted as in production)
  const logFile = process.env['BENCH_BOT_LOG'];
  const keep = (line: string) => {
    if (logFile) appendFileSync(logFile, `${line}\n`);
    tail.push(line);
    if (tail.length > 50) tail.shift();
  };
  const port = new Promise<number>((ok, fail) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      keep(line);
      const m = /"port":(\d+).*"msg":"tyk-keybot started"/.exec(line);
      if (m) ok(Number(m[1]));
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', keep);
    child.once('exit', (code) => fail(new Error(`the bot exited (${code}):\n${tail.join('\n')}`)));
  });
  port.catch(() => undefined);
  return {
    child,
    port,
    tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls GET /healthz until it answers 200; resolves with the time it first did (performance.now()). */
export async function untilHealthy(port: number, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`the bot was not healthy within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
