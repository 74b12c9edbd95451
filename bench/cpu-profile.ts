import { readFileSync } from 'node:fs';

/**
 * Top functions by self time of a `--cpu-prof` profile (a flame summary in text):
 * node dist/bench/cpu-profile.js FILE.cpuprofile [N]. Samples are attributed to the function that
 * was running; `(idle)` is the event loop waiting, `(program)` V8 and native work outside JS,
 * `(garbage collector)` GC.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function selfTimes(p: Profile): Array<{ name: string; ms: number; share: number }> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    if (!n) return;
    const f = n.callFrame;
    const where = f.url ? ` ${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'}${where}`;
    ms.set(name, (ms.get(name) ?? 0) + dt);
  });
  return [...ms].map(([name, t]) => ({ name, ms: Math.round(t), share: Math.round((t / total) * 1000) / 10 })).sort((a, b) => b.ms - a.ms);
}

if (process.argv[1]?.endsWith('cpu-profile.js')) {
  const [file, n] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file as string, 'utf8')) as Profile;
  for (const r of selfTimes(profile).slice(0, Number(n ?? 25)))
    process.stdout.write(`${String(r.ms).padStart(7)} ms ${String(r.share).padStart(5)} %  ${r.name}\n`);
}
