import { describe, expect, it } from 'vitest';
import { importPreviewMessage } from '../../src/slack/blocks/import-messages.js';
import type { ImportPreview } from '../../src/store/requests.js';

const base = (over: Partial<ImportPreview>): ImportPreview => ({
  total: 1,
  files: [{ name: 'keys.csv', role: 'csv' }],
  counts: { new: 1, identical: 0, conflict: 0, skipped: 0, invalid: 0 },
  target: 'gateway',
  hashing: 'on',
  onConflict: 'skip',
  allOrNothing: false,
  withoutExpiry: 1,
  exportTime: 1767225600,
  ttlsFromExportTime: false,
  grants: { policies: ['gold'], apis: ['orders-api'] },
  overwrites: [],
  problems: [],
  ...over,
});
const ids = (n: number, len: number) => Array.from({ length: n }, (_, i) => `${String(i).padStart(4, '0')}-${'p'.repeat(len - 5)}`);
const sectionTexts = (m: ReturnType<typeof importPreviewMessage>['message']) =>
  m.blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''));

describe('an import preview never cuts the lists that decide the batch', () => {
  it.each([
    // 25 IDs of 100 characters and their separators stay under 3,000 characters; 40 do not
    ['policies that fit', { grants: { policies: ids(25, 100), apis: ['orders-api'] } }, false],
    ['policies that do not fit', { grants: { policies: ids(40, 100), apis: ['orders-api'] } }, true],
    ['APIs that do not fit', { grants: { policies: [], apis: ids(40, 100) } }, true],
    ['overwritten keys that do not fit', { onConflict: 'overwrite', overwrites: ids(300, 20) }, true],
    [
      'Portal products that do not fit',
      {
        grants: undefined,
        portal: { app: { id: 1, name: 'a' }, plan: { id: 2, name: 'b' }, products: ids(200, 30).map((name, id) => ({ id, name })) },
      },
      true,
    ],
  ] as Array<[string, Partial<ImportPreview>, boolean]>)('%s: shown whole, or attached whole and said so', (_what, over, attached) => {
    const p = base(over);
    const { message, attachment } = importPreviewMessage(p, 'import-req_1-preview.txt');
    const every = [
      ...(p.grants?.policies ?? []),
      ...(p.grants?.apis ?? []),
      ...p.overwrites,
      ...(p.portal?.products.map((x) => x.name) ?? []),
    ];
    for (const t of sectionTexts(message)) {
      expect(t.length).toBeLessThanOrEqual(3000);
      expect(t).not.toMatch(/…$/);
    }
    expect(attachment !== null).toBe(attached);
    const whole = attachment ? attachment.content : sectionTexts(message).join('\n');
    for (const id of every) expect(whole).toContain(id);
    if (attached) expect(message.text).toContain('every one is in the attached file import-req_1-preview.txt');
  });

  it('a Portal preview lists the placement by name and ID and no policies or APIs', () => {
    const p = base({
      grants: undefined,
      portal: { app: { id: 12, name: 'App <!here>' }, plan: { id: 3, name: 'free' }, products: [{ id: 4, name: 'public' }] },
    });
    const { message } = importPreviewMessage(p, 'f.txt');
    expect(message.text).toContain('*Portal app* (1): App &lt;!here&gt; (ID 12)');
    expect(message.text).toContain('*Portal plan* (1): free (ID 3)');
    expect(message.text).toContain('*Portal products* (1): public (ID 4)');
    expect(message.text).not.toMatch(/Policies|APIs/);
  });
});
