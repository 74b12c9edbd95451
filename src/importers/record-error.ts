/**
 * Thrown while mapping one record when a field cannot be used: the record becomes `error` with this
 * code and the next record is parsed as usual. `detail` names the field and the expectation, never
 * the value (a shifted CSV column can put a key into any field).
 */
export class RecordError extends Error {
  constructor(
    readonly code: 'invalid_field' | 'unsupported_auth_type',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export const invalidField = (detail: string): RecordError => new RecordError('invalid_field', detail);
