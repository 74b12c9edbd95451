import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Workflows emit data, surfaces render it (docs/architecture.md §4.4): no Slack markup in
 * src/workflows outside comments. People go into a Say (src/workflows/say.ts) or a notice's fields;
 * emoji and mentions are written in src/slack/blocks/, the CLI's plain lines in src/cli/cli-notifier.ts.
 */
const root = join(import.meta.dirname, '..', '..');
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'src/workflows'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts'));

/** `<@U…>`, `<#C…>`, `<!subteam^…>`, `<!here>`, and `:emoji:` (not a step name such as `notify:reveal:${user}`) */
const MARKUP = [/<[@#!]/, /(?<![\w$}]):[a-z0-9_+-]+:(?![\w$])/];

/** The text of every string and template literal in a file, with its line. */
function literals(file: string): { line: number; text: string }[] {
  const text = readFileSync(join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    )
      found.push({ line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text: n.text });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** SQLite's name for a database in memory looks like an emoji code but is none. */
const NOT_MARKUP = new Set([':memory:']);

const markupIn = (file: string): string[] =>
  literals(file)
    .filter((l) => !NOT_MARKUP.has(l.text) && MARKUP.some((re) => re.test(l.text)))
    .map((l) => `${file}:${l.line}: ${l.text}`);

describe('workflows write no Slack markup', () => {
  it('finds the markup it looks for', () => {
    const hits = (s: string) => MARKUP.some((re) => re.test(s));
    expect(['<@U1> did it', 'by <!subteam^S1>', ':warning: careful', 'done :x:', '<!here>'].every(hits)).toBe(true);
    expect(['notify:reveal:', 'retire:r2', 'a: b: c', 'local_session_cache.disable: true'].some(hits)).toBe(false);
  });

  it('no string in src/workflows holds a mention or an emoji', () => {
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.flatMap(markupIn)).toEqual([]);
  });
});
