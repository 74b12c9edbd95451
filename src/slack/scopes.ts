/**
 * The bot token scopes manifest.yml asks for (a test keeps the two lists equal). The start-up
 * checks compare them with the scopes Slack reports for SLACK_BOT_TOKEN.
 */
export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'channels:read',
  'groups:read',
  'im:write',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'files:read',
  'files:write',
];
