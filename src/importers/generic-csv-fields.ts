import { normaliseRate } from './normalise-rate.js';
import { periodSeconds } from './periods.js';
import { invalidField } from './record-error.js';

const POSITIVE = /^\d+(\.\d+)?$/;

/** `;`-separated list: only free-text cells ever need quoting (docs/import-mapping.md §6). */
export const splitList = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** `rate`,`per`: both empty or both -1 = unlimited; otherwise numbers > 0 (a fractional rate is normalised). */
export function parseRatePer(rateCell: string, perCell: string): { rate: number; per: number } {
  const rate = rateCell.trim();
  const per = perCell.trim();
  if ((rate === '' && per === '') || (rate === '-1' && per === '-1')) return { rate: -1, per: -1 };
  if (rate === '' || per === '') throw invalidField('rate and per go together: give both, or neither for no rate limit');
  if (!POSITIVE.test(rate) || !POSITIVE.test(per) || Number(rate) <= 0 || Number(per) <= 0) {
    throw invalidField('rate and per must be numbers greater than 0 (per in seconds), or both -1 for no rate limit');
  }
  return normaliseRate(Number(rate), Number(per));
}

/** `quota_max` (integer > 0, -1 = none, 0 refused as ambiguous) with `quota_period` (seconds or a period name). */
export function parseQuota(maxCell: string, periodCell: string): { quota_max: number; quota_renewal_rate: number } {
  const max = maxCell.trim();
  if (max === '' || max === '-1') return { quota_max: -1, quota_renewal_rate: -1 };
  if (!/^\d+$/.test(max) || Number(max) === 0)
    throw invalidField('quota_max must be a whole number greater than 0, or -1 for no quota (0 is ambiguous)');
  const period = periodCell.trim();
  if (period === '') throw invalidField('quota_period is required when quota_max is set');
  const seconds = /^\d+$/.test(period) ? Number(period) : periodSeconds(period, ['minute', 'hour', 'day', 'week', 'month', 'year']);
  if (seconds === undefined || seconds <= 0)
    throw invalidField('quota_period must be seconds (greater than 0) or minute, hour, day, week, month or year');
  return { quota_max: Number(max), quota_renewal_rate: seconds };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|([+-])(\d{2}):?(\d{2}))$/;

/** `expires`: unix seconds (≤ 10 digits), YYYY-MM-DD (00:00 UTC) or ISO 8601 with Z/offset; 0, -1 and empty = never. */
export function parseExpires(cell: string): number {
  const text = cell.trim();
  if (text === '' || text === '0' || text === '-1') return 0;
  if (/^\d{1,10}$/.test(text)) return Number(text);
  if (/^\d{13}$/.test(text))
    throw invalidField('expires looks like milliseconds; write unix seconds, a date (YYYY-MM-DD) or an ISO 8601 date-time');
  const date = DATE.exec(text);
  if (date) return utcSeconds(date.slice(1, 4).map(Number), [0, 0, 0], 0);
  const dt = DATE_TIME.exec(text);
  if (dt) {
    const offset = dt[8]?.toUpperCase() === 'Z' ? 0 : (dt[9] === '-' ? -1 : 1) * (Number(dt[10]) * 60 + Number(dt[11]));
    return utcSeconds(dt.slice(1, 4).map(Number), [Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0)], offset);
  }
  throw invalidField('expires must be unix seconds, a date (YYYY-MM-DD) or an ISO 8601 date-time with Z or an offset');
}

function utcSeconds([y, mo, d]: number[], [h, mi, s]: number[], offsetMinutes: number): number {
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March: a date that does not round-trip does not exist
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== (mo as number) - 1 ||
    back.getUTCDate() !== d ||
    (h as number) > 23 ||
    (mi as number) > 59 ||
    (s as number) > 59
  ) {
    throw invalidField('expires is not a real date or time');
  }
  return Math.floor(ms / 1000) - offsetMinutes * 60;
}

/** `is_inactive`: true/false/yes/no/1/0 in any case; empty = false. */
export function parseBoolean(cell: string, field: string): boolean {
  const text = cell.trim().toLowerCase();
  if (text === '' || text === 'false' || text === 'no' || text === '0') return false;
  if (text === 'true' || text === 'yes' || text === '1') return true;
  throw invalidField(`${field} must be true, false, yes, no, 1 or 0`);
}
