import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm ci --omit=dev` runs `prepare` without TypeScript installed. In a folder of its own (no
 * node_modules above it), scripts/prepare.mjs must then keep an existing build, or say what to do.
 */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const prepareIn = (withBuild: boolean) => {
  dir = mkdtempSync(join(tmpdir(), 'keybot-prepare-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync('scripts/prepare.mjs', join(dir, 'scripts', 'prepare.mjs'));
  if (withBuild) {
    mkdirSync(join(dir, 'dist', 'src'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'src', 'main.js'), '');
    writeFileSync(join(dir, 'dist', 'src', 'cli.js'), '');
  }
  return spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: dir, encoding: 'utf8' });
};

describe('prepare with the dev dependencies omitted', () => {
  it('keeps the existing build and exits 0', () => {
    const r = prepareIn(true);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('using the build in dist/');
  });

  it('without a build, exits 1 saying to run npm ci with the dev dependencies first', () => {
    const r = prepareIn(false);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('run `npm ci` (with dev dependencies) first');
  });
});
