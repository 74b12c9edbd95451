import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { announceStart } from '../../src/banner.js';
import { loadConfig } from '../../src/config.js';
import { captureLog } from '../harness/capture-log.js';
import { baseEnv } from '../harness/env.js';

const APP_TOKEN = 'xapp-1-A0KEYBOT01-banner-app-token';
const SIGNING_SECRET = 'banner-signing-secret';

/** The start banner for these settings: the JSON log line, and the lines a terminal shows. */
function banner(over: Record<string, string | undefined>) {
  const config = loadConfig(baseEnv({ SLACK_SIGNING_SECRET: SIGNING_SECRET, ...over }));
  const logs = captureLog();
  announceStart(logs.log, config, { port: 3000, keysVia: 'gateway' }, null);
  let shown = '';
  const tty = new Writable({
    write(chunk: Buffer, _enc, done) {
      shown += chunk.toString('utf8');
      done();
    },
  });
  announceStart(captureLog().log, config, { port: 3000, keysVia: 'gateway' }, tty);
  const line = JSON.parse(logs.lines.find((l) => l.includes('tyk-keybot started')) as string) as Record<string, unknown>;
  return { line, shown, all: `${logs.text()}\n${shown}` };
}

describe('start banner', () => {
  it('says Socket Mode runs and the signing secret is unused when both SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are set', () => {
    const { line, shown, all } = banner({ SLACK_APP_TOKEN: APP_TOKEN });
    expect(line.mode).toBe('socket');
    expect(line.unusedSettings).toEqual(['SLACK_SIGNING_SECRET']);
    expect(line.paths).toEqual(['GET /healthz']);
    expect(shown).toMatch(/mode\s+Socket Mode \(SLACK_APP_TOKEN\); SLACK_SIGNING_SECRET is set but unused/);
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });

  it('names the mode without a note when only one of them is set', () => {
    const socket = banner({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: undefined });
    expect(socket.line).toMatchObject({ mode: 'socket' });
    expect(socket.line.unusedSettings).toBeUndefined();
    expect(socket.shown).toMatch(/mode\s+Socket Mode \(SLACK_APP_TOKEN\)\n/);
    const http = banner({});
    expect(http.line).toMatchObject({ mode: 'http', paths: ['POST /slack/events', 'GET /healthz'] });
    expect(http.line.unusedSettings).toBeUndefined();
    expect(http.shown).toMatch(/mode\s+HTTP \(SLACK_SIGNING_SECRET\)\n/);
  });
});
