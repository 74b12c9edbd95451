import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Images cannot be pulled where the tests run, so the Dockerfile is checked as a file: each command it
// runs must be one package.json and the build really provide.

interface Stage {
  name: string;
  from: string;
  lines: string[];
}

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ from: from[1] as string, name: from[2] ?? String(out.length), lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
const tsconfig = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { extends?: string; compilerOptions?: { outDir?: string } };
const all = stages(readFileSync('Dockerfile', 'utf8'));
const final = all.at(-1) as Stage;
const runs = (s: Stage) => s.lines.filter((l) => /^RUN\s/i.test(l)).join(' && ');
const stageNamed = (name: string) => all.find((s) => s.name === name);

describe('Dockerfile', () => {
  it('is multi-stage, and the final stage starts from a plain node image, not the build stage', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(final.from).toMatch(/^node:20/);
    expect(all.map((s) => s.name)).not.toContain(final.from);
  });

  it('the build stage runs npm ci and npm run build, scripts that exist in package.json', () => {
    const build = all[0] as Stage;
    expect(runs(build)).toMatch(/\bnpm ci\b/);
    const scripts = [...runs(build).matchAll(/npm run (\S+)/g)].map((m) => m[1] as string);
    expect(scripts).toContain('build');
    for (const s of scripts) expect(pkg.scripts, `npm run ${s}`).toHaveProperty(s);
  });

  it('the runtime gets its node_modules from npm ci --omit=dev, with no dev dependencies', () => {
    const copy = final.lines.find((l) => /^COPY\s.*\snode_modules$/i.test(l));
    const from = copy ? /--from=(\S+)/.exec(copy)?.[1] : undefined;
    const installedIn = from ? stageNamed(from) : final;
    expect(installedIn, `the stage node_modules comes from (${from})`).toBeDefined();
    expect(runs(installedIn as Stage)).toMatch(/\bnpm ci --omit=dev\b/);
  });

  it('CMD runs node dist/src/main.js: what npm start runs and what the build produces', () => {
    const cmd = final.lines.filter((l) => /^(CMD|ENTRYPOINT)\s/i.test(l)).at(-1) as string;
    const argv = JSON.parse(cmd.replace(/^(CMD|ENTRYPOINT)\s+/i, '')) as string[];
    expect(argv).toEqual(['node', 'dist/src/main.js']);
    expect(pkg.scripts['start']).toMatch(/^(exec )?node dist\/src\/main\.js(\s|$)/);
    // tsconfig.build.json compiles src/ under outDir (its own or the one it extends)
    const build = tsconfig('tsconfig.build.json');
    const outDir = build.compilerOptions?.outDir ?? tsconfig(build.extends as string).compilerOptions?.outDir;
    expect(`${outDir}/src/main.js`).toBe(argv[1]);
    expect(pkg.scripts['build']).toContain('tsconfig.build.json');
    expect(final.lines.some((l) => /^COPY\s+--from=\S+\s+\/app\/dist\s+dist$/i.test(l))).toBe(true);
  });

  it('runs as a non-root USER', () => {
    const user = final.lines.filter((l) => /^USER\s/i.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user?.split(/\s+/)[1]).not.toMatch(/^(root|0)(:|$)/);
  });
});
