import { describe, expect, it } from 'vitest';
import { cliLine } from '../../src/cli/cli-notifier.js';
import { type EventNotice, eventMessage } from '../../src/slack/blocks/event-messages.js';
import { formatTime, mrkdwnText, say, sentence, sentenceMessage } from '../../src/slack/blocks/kit.js';
import type { RequestRecord } from '../../src/store/requests.js';
import type { Notice } from '../../src/workflows/notices.js';
import { type Say, sayText } from '../../src/workflows/say.js';

/**
 * Workflows emit data, surfaces render it: each event notice in Slack (mentions, escaped values, the
 * same words the workflows wrote before, emoji included) and on the CLI (IDs, no markup, no emoji).
 */
const request = (title = 'Rotate key billing') => ({ id: 'req_1', summary: { title } }) as RequestRecord;
const AT = Date.UTC(2026, 0, 2, 3, 4);
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const GROUP = 'S0OPS';

type Row = [name: string, notice: (fp: string) => EventNotice, wrote: (fp: string) => string];
const rows: Row[] = [
  [
    'still-waiting',
    () => ({ type: 'still-waiting', request: request(), approvers: [ALICE, GROUP] }),
    () => `:bell: req_1 (Rotate key billing) is still waiting for approval by <@${ALICE}>, <!subteam^${GROUP}>.`,
  ],
  [
    'break-glass-acknowledged',
    () => ({ type: 'break-glass-acknowledged', request: request(), by: ALICE, approver: BOB }),
    () => `<@${ALICE}> acknowledged the break-glass approval of req_1 by <@${BOB}>.`,
  ],
  [
    'grace-extended',
    (fp) => ({ type: 'grace-extended', request: request(), by: ALICE, fingerprint: fp, retireAt: AT }),
    (fp) => `<@${ALICE}> extended the grace period; the old key ${fp} now retires at ${formatTime(AT)}.`,
  ],
  [
    'retirement-cancelled',
    (fp) => ({ type: 'retirement-cancelled', request: request(), by: ALICE, fingerprint: fp }),
    (fp) => `<@${ALICE}> cancelled the retirement: the new key stays and the old key ${fp} keeps working.`,
  ],
  [
    'key-restored (rotation)',
    (fp) => ({ type: 'key-restored', request: request(), by: ALICE, fingerprint: fp, revoked: false }),
    (fp) =>
      `:leftwards_arrow_with_hook: <@${ALICE}> restored the old key ${fp}; it works again next to the new one. Rotate again when the clients have moved.`,
  ],
  [
    'key-restored (revocation)',
    (fp) => ({ type: 'key-restored', request: request(), by: ALICE, fingerprint: fp, revoked: true }),
    (fp) => `:leftwards_arrow_with_hook: <@${ALICE}> restored the revoked key ${fp}; it works again.`,
  ],
  [
    'restore-failed',
    (fp) => ({ type: 'restore-failed', request: request(), message: `Tyk refused key ${fp}` }),
    (fp) => `:x: Restoring the old key failed: Tyk refused key ${fp}`,
  ],
  [
    'retirement-reapplied',
    (fp) => ({ type: 'retirement-reapplied', request: request(), fingerprint: fp, attempt: 2, last: false }),
    (fp) =>
      `:warning: The old key ${fp} worked again after retirement: a gateway's session cache wrote it back while it was still in use. Retirement was applied again. To stop this, set \`local_session_cache.disable_cached_session_state: true\` in tyk.conf, or move the last clients first.`,
  ],
  [
    'retirement-reapplied (last)',
    (fp) => ({ type: 'retirement-reapplied', request: request(), fingerprint: fp, attempt: 5, last: true }),
    (fp) =>
      `:warning: The old key ${fp} worked again after retirement: a gateway's session cache wrote it back while it was still in use. This was the 5th time; the bot stops re-applying: a client is still calling with the old key. To stop this, set \`local_session_cache.disable_cached_session_state: true\` in tyk.conf, or move the last clients first.`,
  ],
  [
    'step-failed',
    (fp) => ({ type: 'step-failed', request: request(), step: 'report', message: `the file ${fp} could not be written` }),
    (fp) => `:x: report of req_1 failed: the file ${fp} could not be written`,
  ],
];

const slackText = (n: EventNotice) => eventMessage(n).text as string;
const mrkdwn = (s: Say) => mrkdwnText(say(s));
const EMOJI = /(?<![\w$}]):[a-z0-9_+-]+:(?![\w$])/;

describe('event notices in Slack', () => {
  it.each(rows)('%s: the words the workflow wrote before, mentions as mentions', (_name, notice, wrote) => {
    const m = eventMessage(notice('c0ffee12'));
    expect(m.text).toBe(sentenceMessage(wrote('c0ffee12')).text);
    expect(m.blocks).toEqual(sentenceMessage(wrote('c0ffee12')).blocks);
  });

  it.each(rows)('%s: values are escaped, people stay mentions', (name, notice) => {
    const text = slackText(notice('<!channel>&fp'));
    if (!name.startsWith('still-waiting') && !name.startsWith('break-glass')) expect(text).toContain('&lt;!channel&gt;&amp;fp');
    expect(text).not.toContain('<!channel>');
    if (!name.startsWith('retirement-reapplied') && !name.startsWith('restore-failed') && !name.startsWith('step-failed'))
      expect(text).toContain(`<@${ALICE}>`);
  });

  it('a title with markup stays inert', () => {
    const text = slackText({ type: 'still-waiting', request: request('<@U0EVE> *now*'), approvers: [ALICE] });
    expect(text).toContain('&lt;@U0EVE&gt;');
    expect(text).toContain(`<@${ALICE}>`);
  });
});

describe('event notices on the CLI', () => {
  it.each(rows)('%s: plain text, people as IDs, no emoji', (_name, notice, wrote) => {
    const line = cliLine(notice('c0ffee12') as Notice) as string;
    expect(line).not.toContain('<@');
    expect(line).not.toContain('<!subteam');
    expect(line).not.toMatch(EMOJI);
    // the same sentence as Slack's, markup taken out
    expect(line).toBe(
      wrote('c0ffee12')
        .replace(/^:[a-z_]+: /, '')
        .replace(/<@([A-Z0-9]+)>|<!subteam\^([A-Z0-9]+)>/g, (_all, u, g) => u ?? g),
    );
  });

  it('names a CLI operator as it is', () => {
    const line = cliLine({ type: 'grace-extended', request: request(), by: 'cli:olga', fingerprint: 'c0ffee12', retireAt: AT });
    expect(line).toMatch(/^cli:olga extended the grace period/);
    expect(slackText({ type: 'grace-extended', request: request(), by: 'cli:olga', fingerprint: 'c0ffee12', retireAt: AT })).toMatch(
      /^cli:olga extended/,
    );
  });
});

describe('Say: sentences that name people', () => {
  const s: Say = ['This Reveal button is for ', { user: ALICE }, ' only, ask ', { group: GROUP }, '. <!here> & *co*'];
  it('Slack: users and groups as mentions, the text escaped', () => {
    expect(mrkdwn(s)).toBe(`This Reveal button is for <@${ALICE}> only, ask <!subteam^${GROUP}>. &lt;!here&gt; &amp; *co*`);
  });
  it('Slack: malformed IDs are not mentions', () => {
    expect(mrkdwn([{ user: 'cli:olga' }, ' and ', { user: '<!channel>' }, ' and ', { group: 'U0X' }])).toBe(
      'cli:olga and &lt;!channel&gt; and U0X',
    );
  });
  it('Slack: a plain string is read as before (a sentence)', () => {
    expect(mrkdwn('asked by <@U0ALICE> & <!here>')).toBe(mrkdwnText(sentence('asked by <@U0ALICE> & <!here>')));
  });
  it('CLI: IDs and operators as they are, nothing else', () => {
    expect(sayText(s)).toBe(`This Reveal button is for ${ALICE} only, ask ${GROUP}. <!here> & *co*`);
    expect(sayText([{ user: 'cli:olga' }, ' got the new key.'])).toBe('cli:olga got the new key.');
  });
});
