import type { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { webClientFor } from '../harness/slack-fake/web-client.js';

let fake: SlackFake;
let client: webApi.WebClient;

beforeAll(async () => {
  fake = await startSlackFake();
  client = webClientFor(fake);
});
afterAll(() => fake.close());

const x = (n: number) => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: plain(text), action_id: 'go', ...extra });
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const option = (text: string, value = 'v') => ({ text: plain(text), value });
const select = (options: unknown[]) => actions({ type: 'static_select', action_id: 's', placeholder: plain('Pick'), options });
const input = (element: Record<string, unknown>, label = 'Label') => ({ type: 'input', block_id: 'in', label: plain(label), element });
const modal = (extra: Record<string, unknown>) => ({
  type: 'modal',
  title: plain('Import keys'),
  submit: plain('Import'),
  blocks: [],
  ...extra,
});

const refused = async (p: Promise<unknown>): Promise<Record<string, unknown>> =>
  p.then(
    () => ({ ok: true }),
    (e: { data: Record<string, unknown> }) => e.data,
  );

// Each case breaks one limit by one; Slack's answer names the JSON pointer of the offending field.
const messageCases: Array<[string, unknown[], string]> = [
  ['more than 50 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), '/blocks'],
  ['section text over 3000', [{ type: 'section', text: mrkdwn(x(3001)) }], '/blocks/0/text/text'],
  ['more than 10 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }], '/blocks/0/fields'],
  ['section field over 2000', [{ type: 'section', fields: [mrkdwn(x(2001))] }], '/blocks/0/fields/0/text'],
  ['header over 150', [{ type: 'header', text: plain(x(151)) }], '/blocks/0/text/text'],
  ['mrkdwn header', [{ type: 'header', text: mrkdwn('Hi') }], '/blocks/0/text/type'],
  ['more than 10 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }], '/blocks/0/elements'],
  [
    'more than 25 actions elements',
    [actions(...Array.from({ length: 26 }, (_, i) => button('B', { action_id: `b${i}` })))],
    '/blocks/0/elements',
  ],
  ['button text over 75', [actions(button(x(76)))], '/blocks/0/elements/0/text/text'],
  ['mrkdwn button text', [actions({ ...button('Approve'), text: mrkdwn('Approve') })], '/blocks/0/elements/0/text/type'],
  ['button value over 2000', [actions(button('B', { value: x(2001) }))], '/blocks/0/elements/0/value'],
  ['button url over 3000', [actions(button('B', { url: `https://e.x/${x(3000)}` }))], '/blocks/0/elements/0/url'],
  ['action_id over 255', [actions(button('B', { action_id: x(256) }))], '/blocks/0/elements/0/action_id'],
  ['block_id over 255', [{ type: 'divider', block_id: x(256) }], '/blocks/0/block_id'],
  [
    'a repeated block_id',
    [
      { type: 'divider', block_id: 'd' },
      { type: 'divider', block_id: 'd' },
    ],
    '/blocks/1/block_id',
  ],
  ['a repeated action_id in one block', [actions(button('A'), button('B'))], '/blocks/0/elements/1/action_id'],
  ['more than 100 select options', [select(Array.from({ length: 101 }, (_, i) => option('o', `v${i}`)))], '/blocks/0/elements/0/options'],
  ['option text over 75', [select([option(x(76))])], '/blocks/0/elements/0/options/0/text/text'],
  ['option value over 150', [select([option('o', x(151))])], '/blocks/0/elements/0/options/0/value'],
  ['an unknown block type', [{ type: 'banner' }], '/blocks/0/type'],
];

const viewCases: Array<[string, Record<string, unknown>, string]> = [
  ['more than 100 blocks', modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }), '/view/blocks'],
  ['title over 24', modal({ title: plain(x(25)) }), '/view/title/text'],
  ['mrkdwn title', modal({ title: mrkdwn('Import') }), '/view/title/type'],
  ['submit over 24', modal({ submit: plain(x(25)) }), '/view/submit/text'],
  ['close over 24', modal({ close: plain(x(25)) }), '/view/close/text'],
  ['private_metadata over 3000', modal({ private_metadata: x(3001) }), '/view/private_metadata'],
  ['callback_id over 255', modal({ callback_id: x(256) }), '/view/callback_id'],
  ['input label over 2000', modal({ blocks: [input({ type: 'plain_text_input', action_id: 't' }, x(2001))] }), '/view/blocks/0/label/text'],
  [
    'plain_text_input max_length over 3000',
    modal({ blocks: [input({ type: 'plain_text_input', action_id: 't', max_length: 3001 })] }),
    '/view/blocks/0/element/max_length',
  ],
  [
    'file_input max_files over 10',
    modal({ blocks: [input({ type: 'file_input', action_id: 'f', max_files: 11 })] }),
    '/view/blocks/0/element/max_files',
  ],
  [
    'an input block without submit',
    { type: 'modal', title: plain('T'), blocks: [input({ type: 'plain_text_input', action_id: 't' })] },
    '/view',
  ],
];

describe('Slack fake Block Kit limits', () => {
  it.each(messageCases)('refuses a message with %s as invalid_blocks', async (_name, blocks, pointer) => {
    const data = await refused(client.chat.postMessage({ channel: 'C0X1', text: 'fallback', blocks: blocks as never }));
    expect(data.error).toBe('invalid_blocks');
    expect((data.errors as string[]).join('\n')).toContain(`[json-pointer:${pointer}]`);
  });

  it.each(viewCases)('refuses a modal with %s as invalid_arguments', async (_name, view, pointer) => {
    const data = await refused(client.views.open({ trigger_id: fake.issueTriggerId('U0DEV'), view: view as never }));
    expect(data.error).toBe('invalid_arguments');
    expect(JSON.stringify(data.response_metadata)).toContain(`[json-pointer:${pointer}]`);
  });

  it('accepts every limit exactly at its maximum', async () => {
    const blocks = [
      { type: 'header', text: plain(x(150)) },
      { type: 'section', text: mrkdwn(x(3000)), fields: Array.from({ length: 10 }, () => mrkdwn(x(2000))) },
      actions(...Array.from({ length: 25 }, (_, i) => button(x(75), { action_id: `b${i}`, value: x(2000) }))),
      select(Array.from({ length: 100 }, (_, i) => option(x(75), `${i}`.padEnd(150, 'v')))),
      ...Array.from({ length: 46 }, () => ({ type: 'divider' })),
    ];
    await expect(client.chat.postMessage({ channel: 'C0X1', text: x(40_000), blocks: blocks as never })).resolves.toMatchObject({
      ok: true,
    });
    const home = { type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) };
    await expect(client.views.publish({ user_id: 'U0DEV', view: home as never })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a home tab of more than 100 blocks', async () => {
    const home = { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) };
    expect((await refused(client.views.publish({ user_id: 'U0DEV', view: home as never }))).error).toBe('invalid_arguments');
  });
});
