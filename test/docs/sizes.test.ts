import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Code a newcomer can read: no function over 60 lines and no file over 300 lines, unless a comment
 * says why. For a function the reason is a `// long: <why>` line directly above it (or above the
 * declaration holding it); for a file, a `// long file: <why>` line anywhere in it.
 */
const MAX_FUNCTION_LINES = 60;
const MAX_FILE_LINES = 300;

const root = join(import.meta.dirname, '..', '..');
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'src'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts'));

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;
const isFn = (n: ts.Node): n is Fn =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);

/** The statement a function is declared by: itself, or the `const x = …` / property holding it. */
function holder(n: ts.Node): ts.Node {
  let h: ts.Node = n;
  while (h.parent && (ts.isVariableDeclaration(h.parent) || ts.isVariableDeclarationList(h.parent) || ts.isVariableStatement(h.parent)))
    h = h.parent;
  if (h.parent && ts.isPropertyAssignment(h.parent)) h = h.parent;
  return h;
}

function longFunctions(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const lines = text.split('\n');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (isFn(n)) {
      const start = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const length = sf.getLineAndCharacterOfPosition(n.getEnd()).line - start + 1;
      if (length > MAX_FUNCTION_LINES) {
        const top = sf.getLineAndCharacterOfPosition(holder(n).getStart(sf)).line;
        const above = lines.slice(Math.max(0, top - 12), top).reverse();
        const reason = above.find((l) => /^\s*\/\/ long: \S/.test(l));
        if (!reason) found.push(`${file}:${start + 1} is ${length} lines`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('sizes', () => {
  it(`no function in src/ is over ${MAX_FUNCTION_LINES} lines without a "// long:" reason above it`, () => {
    expect(sources.flatMap(longFunctions)).toEqual([]);
  });

  it(`no file in src/ is over ${MAX_FILE_LINES} lines without a "// long file:" reason`, () => {
    const long = sources.filter((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      return text.split('\n').length > MAX_FILE_LINES && !/^\s*\/\/ long file: \S/m.test(text);
    });
    expect(long).toEqual([]);
  });
});
