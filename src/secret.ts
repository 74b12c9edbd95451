import { createHash } from 'node:crypto';

/**
 * The one way a key, token or secret is shown anywhere: `fp:` and the first 8 hex digits of the
 * SHA-256 of the value (`printf %s "$KEY" | sha256sum | cut -c1-8`). Never a slice of the value:
 * imported keys can be four characters long.
 */
export const fingerprint = (value: string): string => `fp:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8)}`;

/**
 * A secret value once parsed. Printing, logging or JSON-encoding it yields its fingerprint;
 * `reveal()` is the only (greppable) way to the value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get fingerprint(): string {
    return fingerprint(this.#value);
  }

  toString(): string {
    return this.fingerprint;
  }

  toJSON(): string {
    return this.fingerprint;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${this.fingerprint})`;
  }
}
