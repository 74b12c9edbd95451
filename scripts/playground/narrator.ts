import type { Harness } from '../../test/harness/harness.js';
import { describeSlackCalls } from './slack-view.js';
import { describeTykCalls, type KeyNames } from './tyk-view.js';

export interface SidesMark {
  slack: number;
  tyk: number;
}

/**
 * Writes the walk-through to a stream and keeps a copy, so the end of the run can check that no
 * secret reached the terminal. Each `sides()` prints what the Slack fake and the Tyk emulator
 * received since the previous one.
 */
export class Narrator {
  readonly lines: string[] = [];
  private slackSeen = 0;
  private tykSeen = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly h: Harness,
    readonly names: KeyNames,
  ) {}

  line(text = ''): void {
    this.lines.push(text);
    this.out.write(`${text}\n`);
  }

  step(title: string): void {
    this.line();
    this.line(`== ${title}`);
  }

  /** A person's action or the narrator's comment. */
  say(text: string): void {
    this.line(`> ${text}`);
  }

  /** How far each side's record of calls goes now, for a later `sides(upTo)`. */
  mark(): SidesMark {
    return { slack: this.h.slack.calls.length, tyk: this.h.tyk.calls.length };
  }

  /**
   * What each side received since the last call (up to `upTo`, when the narration comes after a
   * later action, e.g. once a key is known to name it): Slack messages as people see them, Tyk
   * calls by method and path.
   */
  sides(upTo: SidesMark = this.mark()): void {
    const slack = describeSlackCalls(this.h.slack, this.h.slack.calls.slice(this.slackSeen, upTo.slack));
    const tyk = describeTykCalls(this.names, this.h.tyk.calls.slice(this.tykSeen, upTo.tyk));
    this.slackSeen = upTo.slack;
    this.tykSeen = upTo.tyk;
    this.block('Slack saw', slack);
    this.block('Tyk saw', tyk);
  }

  /** Forgets what the sides received so far (start-up checks are not part of the story). */
  skipSides(): void {
    ({ slack: this.slackSeen, tyk: this.tykSeen } = this.mark());
  }

  private block(title: string, lines: string[]): void {
    if (!lines.length) return;
    this.line(`  ${title}:`);
    for (const l of lines) this.line(`    ${l}`);
  }

  text(): string {
    return this.lines.join('\n');
  }
}
