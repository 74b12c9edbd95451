export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Slack counts characters, not bytes or UTF-16 units. */
const length = (s: string): number => [...s].length;

/**
 * Collects Block Kit problems worded the way Slack words them, each with its JSON pointer:
 * `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`.
 */
export class Issues {
  readonly list: string[] = [];

  add(pointer: string, problem: string): void {
    this.list.push(`${problem} [json-pointer:${pointer}]`);
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** An optional string field no longer than `max`. */
  string(obj: Json, key: string, pointer: string, max: number, required = false): void {
    const v = obj[key];
    if (v === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return;
    }
    if (typeof v !== 'string') return this.add(`${pointer}/${key}`, 'must provide a string');
    if (length(v) > max) this.add(`${pointer}/${key}`, `must be less than ${max + 1} characters`);
  }

  /** An array field with at most `max` (and at least `min`) items; returns the items to walk. */
  items(obj: Json, key: string, pointer: string, max: number, min = 0, required = false): unknown[] {
    const v = obj[key];
    if (v === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return [];
    }
    if (!Array.isArray(v)) {
      this.add(`${pointer}/${key}`, 'must provide an array');
      return [];
    }
    if (v.length > max) this.add(`${pointer}/${key}`, `no more than ${max} items allowed`);
    if (v.length < min) this.add(`${pointer}/${key}`, `must provide at least ${min} items`);
    return v;
  }

  /**
   * A text object. `plainOnly` where Slack demands plain_text (button text, header, modal title,
   * labels, placeholders, select options); mrkdwn there is rejected as an invalid enum value.
   */
  text(obj: Json, key: string, pointer: string, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    const v = obj[key];
    const at = `${pointer}/${key}`;
    if (v === undefined) {
      if (opts.required) this.add(pointer, `missing required field: ${key}`);
      return;
    }
    this.textObject(v, at, max, opts.plainOnly ?? false);
  }

  textObject(v: unknown, at: string, max: number, plainOnly: boolean): void {
    if (!isObject(v)) return this.add(at, 'must provide an object');
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof v.type !== 'string' || !allowed.includes(v.type)) this.add(`${at}/type`, 'must be a valid enum value');
    if (typeof v.text !== 'string') return this.add(`${at}/text`, 'must provide a string');
    if (length(v.text) === 0) this.add(`${at}/text`, 'must be more than 0 characters');
    if (length(v.text) > max) this.add(`${at}/text`, `must be less than ${max + 1} characters`);
  }

  integer(obj: Json, key: string, pointer: string, min: number, max: number): void {
    const v = obj[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.add(`${pointer}/${key}`, 'must provide an integer');
    if (v < min || v > max) this.add(`${pointer}/${key}`, `must be between ${min} and ${max}`);
  }
}
