import type { Figure } from './figure.js';

const fmt = (v: number): string => {
  if (Number.isNaN(v)) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
};

const verdict = (f: Figure): string => (f.pass === null ? '' : f.pass ? 'pass' : 'FAIL');

/** The figures as a Markdown table: readable in a terminal and pasted as-is into the README. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.label,
    `${fmt(f.value)}${f.unit && !Number.isNaN(f.value) ? ` ${f.unit}` : ''}`,
    f.target?.text ?? '',
    verdict(f),
    f.note ?? '',
  ]);
  const head = ['area', 'measure', 'figure', 'target', 'result', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
