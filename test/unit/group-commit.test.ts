import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/workflows/import-keys/group-commit.js';

/** A stand-in for store.tx: records which writes each transaction held, and what was committed. */
function fakeTx() {
  const committed: string[] = [];
  const transactions: string[][] = [];
  const tx = (fn: () => void) => {
    const pending: string[] = [];
    current = pending;
    try {
      fn();
    } finally {
      current = null;
    }
    transactions.push(pending);
    committed.push(...pending);
  };
  let current: string[] | null = null;
  const write = (name: string) => () => {
    if (!current) throw new Error('a write outside its transaction');
    if (name.startsWith('bad')) throw new Error('disk full');
    current.push(name);
  };
  return { tx, write, committed, transactions };
}

describe('an import’s grouped checkpoint writes', () => {
  it('commits the writes asked for in one turn together, and a worker goes on only once its write is committed', async () => {
    const t = fakeTx();
    const g = groupCommit(t.tx);
    const seen: string[][] = [];
    await Promise.all(
      ['a', 'b', 'c'].map(async (k) => {
        await g.write(t.write(`${k}:creating`));
        seen.push([...t.committed]); // what a create sent now could rely on
        await g.write(t.write(`${k}:created`));
      }),
    );
    expect(t.transactions).toEqual([
      ['a:creating', 'b:creating', 'c:creating'],
      ['a:created', 'b:created', 'c:created'],
    ]);
    for (const s of seen) expect(s).toEqual(expect.arrayContaining(['a:creating', 'b:creating', 'c:creating']));
  });

  it('an outcome asked for later does not hold its worker: it commits with the next key’s intent, and settle waits for it', async () => {
    const t = fakeTx();
    const g = groupCommit(t.tx);
    const run = async (keys: string[]) => {
      for (const k of keys) {
        await g.write(t.write(`${k}:creating`));
        g.later(t.write(`${k}:created`));
      }
    };
    await Promise.all([run(['a', 'c']), run(['b', 'd'])]);
    expect(t.committed).not.toContain('c:created'); // the workers are done; their last outcomes are not committed yet
    await g.settle();
    expect(t.transactions).toEqual([
      ['a:creating', 'b:creating'],
      ['a:created', 'c:creating', 'b:created', 'd:creating'],
      ['c:created', 'd:created'],
    ]);
  });

  it('a later write that fails is thrown by the next write and by settle, never passed over', async () => {
    const t = fakeTx();
    const g = groupCommit(t.tx);
    g.later(t.write('a'));
    g.later(t.write('bad'));
    await expect(g.settle()).rejects.toThrow('disk full');
    await expect(g.write(t.write('c'))).rejects.toThrow('disk full');
    expect(t.committed).toEqual([]);
  });

  it('a failing write fails every write of its group, and the next group commits', async () => {
    const t = fakeTx();
    const g = groupCommit(t.tx);
    const results = await Promise.allSettled([g.write(t.write('a')), g.write(t.write('bad')), g.write(t.write('c'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await g.write(t.write('d'));
    expect(t.committed).toEqual(['d']);
  });
});
