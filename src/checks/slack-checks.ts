import { WebClient as SlackWebClient, type WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { BOT_SCOPES } from '../slack/scopes.js';
import { type CheckResult, failed, pass } from './check.js';

/** What Slack said, from a WebClient error: the platform error code, an HTTP status, or the network failure. */
function slackSaid(e: unknown): { error?: string; needed?: string; text: string } {
  const err = e as { data?: { error?: string; needed?: string }; statusCode?: number; original?: { code?: string }; message?: string };
  if (err?.data?.error) return { error: err.data.error, needed: err.data.needed, text: err.data.error };
  if (err?.statusCode) return { text: `HTTP ${err.statusCode}` };
  return { text: `could not be reached (${err?.original?.code ?? err?.message ?? 'no answer'})` };
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** auth.test, then the token's scopes (Slack's x-oauth-scopes header) against the manifest's. */
async function authAndScopes(client: WebClient, apiUrl: string): Promise<CheckResult[]> {
  let me: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    me = await client.auth.test();
  } catch (e) {
    const said = slackSaid(e);
    if (said.error && AUTH_ERRORS.has(said.error)) {
      return [
        failed(
          'Slack',
          `Slack at ${apiUrl} refused SLACK_BOT_TOKEN (${said.error}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page`,
        ),
      ];
    }
    return [failed('Slack', `Slack at ${apiUrl} ${said.error ? `answered ${said.text}` : said.text}: check SLACK_API_URL and the network`)];
  }
  const results = [pass('Slack', `signed in at ${apiUrl} as @${me.user ?? '?'} in ${me.team ?? me.team_id ?? '?'}`, 'Slack')];
  const granted = me.response_metadata?.scopes;
  if (!granted) {
    results.push(pass('Slack scopes', 'Slack did not report the token scopes (x-oauth-scopes); not checked'));
    return results;
  }
  const missing = BOT_SCOPES.filter((s) => !granted.includes(s));
  results.push(
    missing.length === 0
      ? pass('Slack scopes', `SLACK_BOT_TOKEN has every scope manifest.yml asks for (${BOT_SCOPES.length})`)
      : failed(
          'Slack scopes',
          `SLACK_BOT_TOKEN lacks ${missing.join(', ')}: add them under OAuth & Permissions → Bot Token Scopes (as in manifest.yml) and reinstall the app`,
        ),
  );
  return results;
}

/** Socket Mode: the app-level token gets a connection URL (the URL itself is not used). */
async function appToken(config: Config, apiUrl: string): Promise<CheckResult> {
  const client = new SlackWebClient(undefined, {
    ...(config.slack.apiUrl ? { slackApiUrl: `${config.slack.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
  try {
    await client.apps.connections.open({ token: config.slack.appToken?.reveal() });
    return pass('Socket Mode', `SLACK_APP_TOKEN opens connections at ${apiUrl}/apps.connections.open`);
  } catch (e) {
    const said = slackSaid(e);
    return failed(
      'Socket Mode',
      `Slack at ${apiUrl}/apps.connections.open refused SLACK_APP_TOKEN (${said.text}): create an app-level token with connections:write under Basic Information → App-Level Tokens`,
    );
  }
}

async function membership(client: WebClient, variable: string, channel: string): Promise<CheckResult> {
  try {
    const info = await client.conversations.info({ channel });
    if (info.channel?.is_member) return pass(variable, `the bot is in ${channel} (#${info.channel.name ?? channel})`);
    return failed(variable, `the bot is not in ${channel}: /invite @keybot in that channel`);
  } catch (e) {
    const said = slackSaid(e);
    if (said.error === 'channel_not_found') {
      return failed(
        variable,
        `no channel ${channel} is visible to the bot: check the ID (channel details → About), and /invite @keybot to a private channel`,
      );
    }
    if (said.error === 'missing_scope') {
      return failed(
        variable,
        `reading ${channel} needs the ${said.needed ?? 'channels:read'} scope: add it to the bot's scopes and reinstall the app`,
      );
    }
    return failed(variable, `could not read ${channel}: Slack ${said.text}`);
  }
}

async function userGroup(client: WebClient, group: string): Promise<CheckResult> {
  try {
    const r = await client.usergroups.users.list({ usergroup: group });
    return pass('APPROVERS', `user group ${group} has ${r.users?.length ?? 0} members`);
  } catch (e) {
    const said = slackSaid(e);
    if (said.error === 'no_such_subteam')
      return failed('APPROVERS', `user group ${group} does not exist in this workspace: check the S… ID`);
    return failed('APPROVERS', `could not read user group ${group}: Slack ${said.text}`);
  }
}

/** Every Slack check. After a refused bot token the others would fail the same way, so they are skipped. */
export async function slackChecks(client: WebClient, config: Config, apiUrl: string): Promise<CheckResult[]> {
  const results = await authAndScopes(client, apiUrl);
  if (!results[0]?.ok) return results;
  if (config.slack.appToken) results.push(await appToken(config, apiUrl));
  results.push(await membership(client, 'APPROVAL_CHANNEL', config.approvalChannel));
  if (config.notifyChannel !== config.approvalChannel) results.push(await membership(client, 'NOTIFY_CHANNEL', config.notifyChannel));
  for (const group of config.approvers.filter((a) => a.startsWith('S'))) results.push(await userGroup(client, group));
  return results;
}
