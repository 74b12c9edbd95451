// Module hooks for worker threads started from TypeScript sources (vitest runs src/*.ts directly;
// the built bot runs dist/*.js and never loads this). Maps `./x.js` imports to `./x.ts` when only
// the .ts exists, and strips types with the transformer vitest already ships (rolldown/oxc).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/utils';

export async function resolve(specifier, context, next) {
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const ts = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const out = transformSync(path, await readFile(path, 'utf8'), { sourcemap: false });
  if (out.errors.length > 0) throw new Error(`${path}: ${out.errors[0].message}`);
  return { format: 'module', source: out.code, shortCircuit: true };
}
