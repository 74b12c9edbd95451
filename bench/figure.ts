/** One measured figure with its target; `pass` is null when the figure has no target. */
export interface Figure {
  section: string;
  label: string;
  value: number;
  unit: string;
  target: { op: '<' | '>='; value: number; text: string } | null;
  pass: boolean | null;
  note?: string;
}

export function figure(
  section: string,
  label: string,
  value: number,
  unit: string,
  target?: { op: '<' | '>='; value: number; text?: string },
  note?: string,
): Figure {
  const t = target ? { ...target, text: target.text ?? `${target.op === '<' ? '<' : '≥'} ${target.value} ${unit}` } : null;
  const pass = t ? (t.op === '<' ? value < t.value : value >= t.value) : null;
  return { section, label, value, unit, target: t, pass, ...(note ? { note } : {}) };
}

/** A section that could not run (a tool missing, a failure): the table shows why instead of a number. */
export function skipped(section: string, label: string, why: string): Figure {
  return { section, label, value: Number.NaN, unit: '', target: null, pass: null, note: why };
}

export const log = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
