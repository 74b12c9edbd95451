import { resolve } from 'node:path';
import type { Config } from './config.js';
import type { Log } from './log.js';
import { tykEndpoints } from './tyk-endpoints.js';

export interface StartFacts {
  port: number;
  /** where keys are written: the Dashboard or the Gateway */
  keysVia: 'dashboard' | 'gateway';
}

/** What an operator needs to see at start: where it listens, what it talks to, where approvals go. */
export function startFields(config: Config, facts: StartFacts) {
  const host = config.slack.host ?? '0.0.0.0';
  return {
    mode: config.slack.appToken ? 'socket' : 'http',
    port: facts.port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${facts.port}`,
    paths: config.slack.appToken ? ['GET /healthz'] : ['POST /slack/events', 'GET /healthz'],
    db: resolve(config.dbPath),
    keysVia: facts.keysVia,
    tyk: Object.fromEntries(tykEndpoints(config).map((e) => [e.service.toLowerCase(), e.url])),
    approvalChannel: config.approvalChannel,
    notifyChannel: config.notifyChannel,
  };
}

/**
 * The start banner: a few aligned lines on a terminal, one JSON log line (`tyk-keybot started`)
 * otherwise, so log collectors and the process tests read the same facts.
 */
export function announceStart(log: Log, config: Config, facts: StartFacts, tty: NodeJS.WritableStream | null): void {
  const f = startFields(config, facts);
  if (!tty) {
    log.info(f, 'tyk-keybot started');
    return;
  }
  const rows: Array<[string, string]> = [
    ['mode', f.mode === 'socket' ? 'Socket Mode (SLACK_APP_TOKEN)' : 'HTTP (SLACK_SIGNING_SECRET)'],
    ['listening', `${f.url}  ${f.paths.join(', ')}`],
    ['database', f.db],
    ...tykEndpoints(config).map((e): [string, string] => [`tyk ${e.service.toLowerCase()}`, `${e.url}  (${e.role})`]),
    ['keys via', f.keysVia === 'dashboard' ? 'Tyk Dashboard' : 'Tyk Gateway'],
    ['approvals', f.approvalChannel + (f.notifyChannel !== f.approvalChannel ? `  (notices in ${f.notifyChannel})` : '')],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  tty.write(`tyk-keybot started\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}
