import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { exitAsError, freePort, spawnLogged, stopProcess, waitUntil } from './child-process.js';

export interface RedisServer {
  port: number;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.end();
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/** A private redis-server for one gateway: loopback only, nothing persisted, so every start is empty. */
export async function startRedis(dir: string): Promise<RedisServer> {
  const port = await freePort();
  const logFile = join(dir, 'redis.log');
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir];
  const child: ChildProcess = spawnLogged('redis-server', args, { cwd: dir, logFile });
  const crashed = exitAsError(child, 'redis-server');
  await Promise.race([
    waitUntil(
      () => ping(port),
      10_000,
      () => `redis-server on port ${port} (log: ${logFile})`,
    ),
    crashed,
  ]);
  return { port, stop: () => stopProcess(child) };
}
