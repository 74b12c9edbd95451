import type { Clock } from '../../../src/clock.js';
import type { FileServing, HostedFile, ResponseUrlContext, SlackUser, StoredMessage, Upload, ViewEntry } from './types.js';

export interface MessageRecord extends StoredMessage {
  deleted?: boolean;
}

export interface FileRecord extends HostedFile {
  content: Buffer;
  /** false between files.getUploadURLExternal and the byte upload */
  uploaded: boolean;
  alt_text?: string;
  /** how the download serves the bytes (whole by default) */
  serve?: FileServing;
}

export interface TriggerRecord {
  user: string;
  issuedAt: number;
  used: boolean;
}

/** Everything the fake Slack workspace holds. Methods read and change it; tests read it through the fake. */
export class SlackStore {
  readonly users = new Map<string, SlackUser>();
  readonly groups = new Map<string, string[]>();
  readonly messages: MessageRecord[] = [];
  /** the same messages by channel and ts: a click looks its message up in a workspace of thousands */
  readonly #byPlace = new Map<string, MessageRecord>();
  /** IM or MPIM channel by its sorted member list, and back */
  readonly conversations = new Map<string, string>();
  readonly conversationMembers = new Map<string, string[]>();
  readonly viewLog: ViewEntry[] = [];
  /** open modals and published home tabs, by view id */
  readonly liveViews = new Map<string, ViewEntry>();
  readonly triggers = new Map<string, TriggerRecord>();
  readonly files = new Map<string, FileRecord>();
  readonly uploadUrls = new Map<string, string>();
  /** downloads still being written (endless or stalled): the fake ends them when it closes */
  readonly openDownloads = new Set<{ destroy(): void }>();
  readonly uploads: Upload[] = [];
  readonly responseUrls = new Map<string, ResponseUrlContext>();
  /** channels the bot was removed from (it is in every other channel) and channels that do not exist */
  readonly botNotIn = new Set<string>();
  readonly missingChannels = new Set<string>();
  /** scopes of the bot token; the manifest's unless a test narrows them */
  botScopes: string[] = [];
  #seq = 0;

  constructor(readonly clock: Clock) {}

  /** IDs shaped like Slack's: a kind letter, then upper-case letters and digits. */
  newId(prefix: string): string {
    this.#seq += 1;
    return `${prefix}0${this.#seq.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** Message timestamps are unique per workspace here, which is stricter than Slack needs. */
  newTs(): string {
    this.#seq += 1;
    return `${Math.floor(this.clock.now() / 1000)}.${String(this.#seq % 1_000_000).padStart(6, '0')}`;
  }

  addMessage(m: StoredMessage): MessageRecord {
    const record: MessageRecord = { ...m };
    this.messages.push(record);
    this.#byPlace.set(`${record.channel} ${record.ts}`, record);
    return record;
  }

  findMessage(channel: string, ts: string): MessageRecord | undefined {
    const m = this.#byPlace.get(`${channel} ${ts}`);
    return m && !m.deleted ? m : undefined;
  }

  /** The DM channel with one user, or the group DM with several; the same channel every time. */
  openConversation(userIds: string[]): { id: string; existed: boolean } {
    const key = [...userIds].sort().join(',');
    const existing = this.conversations.get(key);
    if (existing) return { id: existing, existed: true };
    const id = this.newId(userIds.length === 1 ? 'D' : 'G');
    this.conversations.set(key, id);
    this.conversationMembers.set(id, [...userIds]);
    return { id, existed: false };
  }

  imOf(userId: string): string | undefined {
    return this.conversations.get(userId);
  }

  isKnownConversation(channel: string): boolean {
    return this.conversationMembers.has(channel);
  }

  /** Why the bot cannot post in a channel (Slack's error), or undefined when it can. */
  postingProblem(channel: string): string | undefined {
    if (this.missingChannels.has(channel)) return 'channel_not_found';
    if (!this.botNotIn.has(channel)) return undefined;
    // chat:write.public lets a bot post in public channels it has not joined; private ones stay hidden.
    if (channel.startsWith('C') && this.botScopes.includes('chat:write.public')) return undefined;
    return channel.startsWith('C') ? 'not_in_channel' : 'channel_not_found';
  }

  recordView(entry: ViewEntry): void {
    this.viewLog.push(entry);
    this.liveViews.set(entry.id, entry);
  }
}
