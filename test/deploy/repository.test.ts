import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A fresh clone is what CI and every new checkout start from: what git tracks must work there.
const tracked = execFileSync('git', ['ls-files', '--stage'], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('the repository', () => {
  it('tracks no symbolic links (a link to a local folder breaks every other clone)', () => {
    const links = tracked.filter((l) => l.startsWith('120000 ')).map((l) => l.split('\t')[1]);
    expect(links).toEqual([]);
  });

  it('tracks nothing the build, the Tyk Gateway build or a run writes', () => {
    const generated = tracked
      .map((l) => l.split('\t')[1] as string)
      .filter((p) => /^(\.cache|dist|node_modules|data)(\/|$)|\.db(-wal|-shm)?$/.test(p));
    expect(generated).toEqual([]);
  });
});
