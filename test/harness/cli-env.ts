import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TEST_ORG } from './tyk-emulator/index.js';

/** The environment of a CLI run against a Tyk Gateway emulator, with a fresh vault key and its database in `dbDir`. */
export function cliGatewayEnv(gatewayUrl: string, dbDir: string): Record<string, string> {
  return {
    KEYBOT_SECRET_KEY: randomBytes(32).toString('base64'),
    KEYBOT_DB: join(dbDir, 'keybot.db'),
    TYK_GATEWAY_URL: gatewayUrl,
    TYK_GATEWAY_SECRET: 'test-gateway-secret',
    TYK_ORG_ID: TEST_ORG,
    TYK_RETRIES: '1',
  };
}

/** The same through the Dashboard only (no Gateway settings): the Dashboard's API key of the emulator's bot user. */
export function cliDashboardEnv(dashboardUrl: string, dbDir: string): Record<string, string> {
  const { TYK_GATEWAY_URL: _url, TYK_GATEWAY_SECRET: _secret, ...rest } = cliGatewayEnv(dashboardUrl, dbDir);
  return { ...rest, TYK_DASHBOARD_URL: dashboardUrl, TYK_DASHBOARD_API_KEY: 'test-dashboard-key' };
}

/** A terminal, or a pipe (isTty false), that keeps what the CLI wrote; `stdin` is what it reads from standard input. */
export function cliTerminal(isTty = false, stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), isTty };
  return { io: stdin === undefined ? io : { ...io, readStdin: async () => stdin }, out, err };
}
