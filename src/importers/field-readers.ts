import { isObject } from './own-property.js';
import { invalidField } from './record-error.js';

/**
 * Typed reads of one field of a parsed JSON/YAML record. Absent and `null` are `undefined`; a value of
 * the wrong type is `invalid_field` naming `label` (never the value).
 */
export function optString(obj: Record<string, unknown>, field: string, label = field): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidField(`${label} must be text`);
  return v;
}

export function optNumber(obj: Record<string, unknown>, field: string, label = field): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidField(`${label} must be a number`);
  return v;
}

/** A number written as a JSON number or, as Apigee X serialises int64, a numeric string. */
export function optNumeric(obj: Record<string, unknown>, field: string, label = field): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  throw invalidField(`${label} must be a number`);
}

export function optBoolean(obj: Record<string, unknown>, field: string, label = field): boolean | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidField(`${label} must be true or false`);
  return v;
}

export function optArray(obj: Record<string, unknown>, field: string, label = field): unknown[] | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidField(`${label} must be a list`);
  return v;
}

export function optObject(obj: Record<string, unknown>, field: string, label = field): Record<string, unknown> | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidField(`${label} must be an object`);
  return v;
}

/** Elements of a list that must be objects (credentials, plugins, ...). */
export function objectsIn(list: unknown[] | undefined, label: string): Record<string, unknown>[] {
  return (list ?? []).map((item) => {
    if (!isObject(item)) throw invalidField(`each entry of ${label} must be an object`);
    return item;
  });
}

/** Tags and group names: text, or numbers/booleans YAML read as such, as text. */
export function stringsIn(list: unknown[] | undefined, label: string): string[] {
  return (list ?? []).map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw invalidField(`each entry of ${label} must be text`);
  });
}
