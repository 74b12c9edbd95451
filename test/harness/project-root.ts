import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root (the folder holding package.json), from this file's place: the same for the
 * TypeScript sources vitest runs and for their build under dist/, which holds no manifest or fixtures.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = dirname(dir);
  }
  return dir;
}

/** A file of the checkout by its path from the root, e.g. `projectFile('manifest.yml')`. */
export const projectFile = (...parts: string[]): string => join(projectRoot(), ...parts);
