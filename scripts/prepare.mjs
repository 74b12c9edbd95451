#!/usr/bin/env node
// `npm install` / `npm ci` run this (npm's `prepare`). With TypeScript installed it builds what
// ships (tsconfig.build.json: src/ into dist/). `npm ci --omit=dev` has no
// TypeScript: then an existing build is used as it is, and a missing one is an error that says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc = null;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  // --omit=dev: no compiler
}
if (tsc) {
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
if (existsSync('dist/src/main.js') && existsSync('dist/src/cli.js')) {
  console.log('tyk-keybot: TypeScript is not installed (dev dependencies omitted); using the build in dist/');
  process.exit(0);
}
console.error(
  'tyk-keybot: no build in dist/ and no TypeScript to make one: run `npm ci` (with dev dependencies) first, then `npm ci --omit=dev`',
);
process.exit(1);
