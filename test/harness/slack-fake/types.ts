import type { Clock } from '../../../src/clock.js';
import type { SocketModeSide } from './socket-mode.js';

export interface SlackUser {
  id: string;
  name?: string;
  email?: string;
  is_bot?: boolean;
}

export type MessageVia = 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'ack' | 'seed';

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  /** earlier versions, oldest first, kept by chat.update and replace_original */
  history: Array<{ text: string; blocks?: unknown[] }>;
  ephemeralTo?: string;
  via: MessageVia;
}

export type ViewVia = 'views.open' | 'views.push' | 'views.update' | 'views.publish';

export interface ViewEntry {
  id: string;
  user: string;
  view: any;
  via: ViewVia;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  status: number;
  at: number;
}

export interface HostedFile {
  id: string;
  name: string;
  title: string;
  url_private_download: string;
  url_private: string;
  filetype: string;
  mimetype: string;
  size: number;
  created: number;
  timestamp: number;
}

export interface HostFileOptions {
  filetype?: string;
  on?: 'slack' | 'elsewhere';
  serve?: FileServing;
}

export type FileServing = 'whole' | 'endless' | 'stall';

export interface OtherHost {
  /** its origin, http://127.0.0.1:PORT */
  readonly origin: string;
  /** every request it received, with the Authorization header it carried */
  readonly requests: Array<{ method: string; path: string; authorization: string | undefined }>;
}

export interface Upload {
  filename: string;
  title?: string;
  channel_id?: string;
  thread_ts?: string;
  initial_comment?: string;
  content: Buffer;
}

/** Where a response_url posts land: the channel and user of the command or click, and its message. */
export interface ResponseUrlContext {
  channel?: string;
  user?: string;
  message?: { channel: string; ts: string };
}

export interface SlackFaults {
  /** the next `n` calls of `method` answer 429 with `Retry-After` (default 1 s) */
  rateLimit(method: string, n: number, retryAfterSeconds?: number): void;
  /** the next `n` calls of `method` answer `status` (default 500) with Slack's edge HTML */
  fail(method: string, n: number, status?: number): void;
  /** every call of `methods` fails at these rates, drawn from a seeded generator */
  randomFaults(p: { methods: string[]; rate429?: number; rate500?: number; seed?: number }): void;
  reset(): void;
}

export interface SlackFake {
  readonly apiUrl: string;
  readonly botToken: string;
  /** the app-level token for Socket Mode (SLACK_APP_TOKEN) */
  readonly appToken: string;
  /** Slack's Socket Mode side: send envelopes, ask for a reconnection, count connections */
  readonly socket: SocketModeSide;
  /** scopes of the bot token, sent back in `x-oauth-scopes`; a method needing another answers `missing_scope` */
  readonly botScopes: string[];
  setBotScopes(scopes: readonly string[]): void;
  /** the bot leaves (or was never invited to) a channel: posting there answers not_in_channel, conversations.info is_member false */
  removeBotFrom(channel: string): void;
  inviteBot(channel: string): void;
  /** a channel that does not exist (deleted, or a mistyped ID): channel_not_found */
  deleteChannel(channel: string): void;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /**
   * Every request, refused ones included, in arrival order: Web API methods by name, plus
   * `response_url`, `upload_url` (bytes in args.content), `file_download`, `signin`, `ack`
   * (a slash command's HTTP answer), and over Socket Mode `socket_connect` (handshakes, refused
   * ones too) and `socket_ack` (each ack, or its absence: `ack_timeout`). Tests scan these for leaked secrets.
   */
  readonly calls: RecordedCall[];
  addUser(u: SlackUser): void;
  addUserGroup(id: string, userIds: string[]): void;
  /** a message a person wrote (not the bot), e.g. to test cant_update_message */
  seedMessage(m: { channel: string; user: string; text: string; thread_ts?: string }): StoredMessage;
  /** `where` sees each stored message before it is copied (read it, do not change it): a poll over thousands copies only those it keeps */
  messages(filter?: { channel?: string; thread_ts?: string; ephemeralTo?: string; where?: (m: StoredMessage) => boolean }): StoredMessage[];
  /** the current version of one message, or undefined once deleted */
  message(channel: string, ts: string): StoredMessage | undefined;
  dms(userId: string): StoredMessage[];
  views(userId?: string): ViewEntry[];
  /** the latest version of a view that is still open (modal) or published (home) */
  currentView(viewId: string): ViewEntry | undefined;
  /**
   * A fresh response_url. Posts to it become messages in `context.channel` (or the channel of
   * `context.message`, else C0GENERAL01), ephemeral to `context.user` unless in_channel;
   * replace_original / delete_original act on `context.message`.
   */
  responseUrl(context?: ResponseUrlContext): string;
  /** a trigger_id as Slack puts in a command or interaction payload: one use, 3 s life */
  issueTriggerId(userId: string): string;
  /**
   * Applies the app's answer to a view_submission (Bolt's ack body) the way Slack's client does;
   * returns the problem when the answer is one Slack would refuse. The driver calls this.
   */
  afterViewSubmission(viewId: string, ackBody: string): string | undefined;
  /** Shows a slash command's non-empty HTTP answer as Slack does (recorded as call `ack`). The driver calls this. */
  afterCommand(where: ResponseUrlContext, ackBody: string): void;
  /**
   * A file as a user attached it. `on: 'elsewhere'` gives it URLs at another origin (the
   * `elsewhere` server); `serve: 'endless'` streams its bytes over and over without a length,
   * `'stall'` sends the headers and the first bytes and then nothing, until the fake closes.
   */
  hostFile(name: string, content: Buffer, opts?: HostFileOptions): HostedFile;
  /** a server at another origin (another port): what a download URL pointing away from Slack reaches */
  readonly elsewhere: OtherHost;
  uploads(): Upload[];
  faults: SlackFaults;
  waitFor<T>(pick: () => T | undefined | false | null, opts?: { timeoutMs?: number; what?: string }): Promise<T>;
  close(): Promise<void>;
}

export interface SlackFakeOptions {
  botToken?: string;
  appToken?: string;
  /** the bot token's scopes; default the bot scopes of manifest.yml */
  botScopes?: readonly string[];
  teamId?: string;
  users?: SlackUser[];
  /** drives trigger expiry and message timestamps; defaults to the system clock */
  clock?: Clock;
}
