import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clip, joinMd, md, mention, mrkdwnText, multiline, quote, section, sentence } from '../../src/slack/blocks/kit.js';
import { projectFile } from '../harness/project-root.js';

const ZW = '\u200B';
const text = (m: Parameters<typeof mrkdwnText>[0]) => mrkdwnText(m);

describe('md: the bot writes mrkdwn, values are shown as they are', () => {
  it.each([
    ['a channel mention', '<!channel>', '&lt;!channel&gt;'],
    ['a link with a label', '<https://evil.example|reviewed>', '&lt;https://evil.example|reviewed&gt;'],
    ['a user mention', '<@U0ADMIN>', '&lt;@U0ADMIN&gt;'],
    ['an ampersand', 'R&D', 'R&amp;D'],
    ['a line break', 'one\nNo problems in the file.', 'one\uFFFDNo problems in the file.'],
    ['CR LF and a tab', 'a\r\n\tb', 'a\uFFFDb'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\uFFFDb\uFFFDc'],
    ['3,000 zero-width spaces', `admin${ZW.repeat(3000)}-policy`, 'admin\uFFFD-policy'],
    ['a right-to-left override', 'txt.\u202Eexe', 'txt.\uFFFDexe'],
    ['bidi isolates and marks', '\u2066a\u2069\u200E\u200F', '\uFFFDa\uFFFD'],
    ['a BOM, a soft hyphen, a word joiner', '\uFEFFa\u00ADb\u2060c', '\uFFFDa\uFFFDb\uFFFDc'],
    ['tag characters', 'a\u{E0041}\u{E0042}b', 'a\uFFFDb'],
    ['a Hangul filler', 'a\u3164b', 'a\uFFFDb'],
    ['mrkdwn emphasis (harmless, kept)', '*bold* _it_', '*bold* _it_'],
    ['plain text and emoji', 'café 🎉', 'café 🎉'],
  ])('%s', (_what, value, shown) => {
    expect(text(md`Policies: ${value}.`)).toBe(`Policies: ${shown}.`);
  });

  it('numbers and Mrkdwn parts go in as they are; the literal parts are the bot’s', () => {
    expect(text(md`*${3}* keys by ${mention('U0ABC')}: ${md`_${'<x>'}_`}`)).toBe('*3* keys by <@U0ABC>: _&lt;x&gt;_');
  });

  it.each([
    ['U0ABC123', '<@U0ABC123>'],
    ['W0ABC123', '<@W0ABC123>'],
    ['cli:rita', 'cli:rita'],
    ['keybot', 'keybot'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['U0ABC>|x', 'U0ABC&gt;|x'],
    ['u0abc', 'u0abc'],
  ])('mention(%j) is %j: only a well-formed Slack user ID mentions', (id, shown) => {
    expect(text(mention(id))).toBe(shown);
  });

  it.each([
    ['keeps a mention of a well-formed user ID', 'asked by <@U0ABC1>.', 'asked by <@U0ABC1>.'],
    ['keeps a channel link and a user group', 'in <#C0APPROVE> for <!subteam^S0APPROVERS>', 'in <#C0APPROVE> for <!subteam^S0APPROVERS>'],
    ['drops <!channel> and <!here>', 'hey <!channel> <!here>', 'hey &lt;!channel&gt; &lt;!here&gt;'],
    ['drops links', 'see <https://evil.example|reviewed>', 'see &lt;https://evil.example|reviewed&gt;'],
    ['drops a mention of a malformed ID', '<@U0abc> <@C0ABC1> <#U0ABC1>', '&lt;@U0abc&gt; &lt;@C0ABC1&gt; &lt;#U0ABC1&gt;'],
    ['keeps line breaks, marks hidden characters', `a\nb${ZW}${ZW}c`, 'a\nb\uFFFDc'],
  ])('sentence %s', (_what, s, shown) => {
    expect(text(sentence(s))).toBe(shown);
  });

  it('multiline keeps the lines of free text, quote quotes each, both escape each', () => {
    expect(text(multiline('one <!here>\r\ntwo\u202E'))).toBe('one &lt;!here&gt;\ntwo\uFFFD');
    expect(text(quote('one <!here>\ntwo'))).toBe('>one &lt;!here&gt;\n>two');
  });

  it('joinMd escapes each value and keeps the separator', () => {
    expect(text(joinMd(['a', '<b>', md`*c*`], md` · `))).toBe('a · &lt;b&gt; · *c*');
  });

  it.each([
    ['an entity', `${'x'.repeat(2996)}&amp;tail`, `${'x'.repeat(2996)}…`],
    ['a mention', `${'x'.repeat(2990)}<@U0ABCDEFGH> tail`, `${'x'.repeat(2990)}…`],
    ['a surrogate pair', `${'x'.repeat(2998)}🎉tail`, `${'x'.repeat(2998)}…`],
  ])('a cut never falls inside %s, and says it cut', (_what, long, cut) => {
    const out = section(sentence(long)).text?.text ?? '';
    expect(out).toBe(cut);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(text(clip(md`short`, 3000))).toBe('short');
  });

  it('a block only takes Mrkdwn: outside kit.ts no source file writes a mrkdwn text object', () => {
    const root = projectFile('src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const offenders = files(root)
      .filter((f) => !f.endsWith(join('slack', 'blocks', 'kit.ts')))
      .filter((f) => /type:\s*'mrkdwn'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
