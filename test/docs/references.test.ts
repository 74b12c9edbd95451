import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository explains itself: every file, doc section and design section that code, tests and
 * docs cite must exist in the repository, and nothing may cite documents that live outside it.
 */
const root = join(import.meta.dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /^(src|commands|test|bench|scripts|docs|\.ci)\/|^README\.md$|^\.env\.example$|^manifest\.yml$/.test(f))
  .filter((f) => !f.startsWith('test/fixtures/') && /\.(ts|md|sh|yml|example)$|^\.ci\//.test(f))
  .filter((f) => existsSync(join(root, f)));

const OUTSIDE = [/\.\.\/shared\b/, /\/work\/shared\b/, /\bDESIGN(\.md)? ["“]/, /\bMAPPING\.md\b/, /\btyk\/README\.md\b/, /\bSTYLE \d/];
const PATH = /(?<![\w./:-])((?:docs|src|test|bench|scripts)\/[\w./-]*\w\.(?:md|ts|sh|json|ya?ml|csv))\b/g;
const SECTION = /(?<![\w-])(?:docs\/)?(tyk-api|import-mapping|design|tyk-behaviour|reliability|architecture)\.md (§\s?[\d.]*\d|"[^"]+")/g;

function headings(doc: string): string[] {
  return readFileSync(join(root, 'docs', `${doc}.md`), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#+\s*/, ''));
}

function problemsIn(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const problems: string[] = [];
  const lineOf = (i: number) => text.slice(0, i).split('\n').length;
  for (const re of OUTSIDE) {
    const m = re.exec(text);
    if (m) problems.push(`${file}:${lineOf(m.index)} cites a document outside the repository: ${m[0]}`);
  }
  for (const m of text.matchAll(PATH)) {
    const path = m[1] as string;
    if (path.includes('*') || !existsSync(join(root, path)))
      problems.push(`${file}:${lineOf(m.index)} cites ${path}, which does not exist`);
  }
  for (const m of text.matchAll(SECTION)) {
    const [doc, ref] = [m[1] as string, m[2] as string];
    if (!existsSync(join(root, 'docs', `${doc}.md`))) {
      problems.push(`${file}:${lineOf(m.index)} cites docs/${doc}.md, which does not exist`);
      continue;
    }
    const hs = headings(doc);
    const found = ref.startsWith('§')
      ? hs.some((h) => h.startsWith(`${ref.replace(/^§\s?/, '')} `) || h.startsWith(`${ref.replace(/^§\s?/, '')}. `))
      : hs.some((h) => h.replace(/^[\d.]+\s+/, '').startsWith(ref.slice(1, -1))); // "Version table" is "10. Version table"
    if (!found) problems.push(`${file}:${lineOf(m.index)} cites ${doc}.md ${ref}, a section it does not have`);
  }
  return problems;
}

describe('references in code and docs', () => {
  it('finds the files it checks', () => {
    expect(tracked).toContain('src/main.ts');
    expect(tracked).toContain('docs/design.md');
  });

  it('every cited file and section exists, and nothing cites documents outside the repository', () => {
    expect(tracked.flatMap(problemsIn)).toEqual([]);
  });
});
