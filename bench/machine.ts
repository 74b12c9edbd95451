import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  os: string;
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the bench started and ended: other work on the machine skews every figure */
  loadavg: { start: number; end?: number };
}

export function machineInfo(): Machine {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadavg: { start: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 },
  };
}

/** `git rev-parse --short HEAD`, marked `+dirty` when the work tree has changes (the figures are of that tree). */
export function commitOf(cwd: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') ? `${head}+dirty` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export const hasCommand = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
