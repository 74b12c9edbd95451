import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_KEYS, defaultImportOptions } from '../../src/importers/index.js';

describe('default import options', () => {
  it('match the oracle defaults, with the reference time in unix seconds', () => {
    expect(defaultImportOptions(1767225600)).toEqual({
      referenceTime: 1767225600,
      minKeyLength: 4,
      apiMap: {},
      azureKeySlots: 'both',
      defaultPolicies: [],
      maxKeys: DEFAULT_MAX_KEYS,
    });
  });

  it('turn a millisecond clock reading into unix seconds', () => {
    expect(defaultImportOptions(1767225600123).referenceTime).toBe(1767225600);
  });
});
