import { describe, expect, it } from 'vitest';
import { deleteRetirementWarning, deleteUnprovable } from '../../src/tyk/write-back.js';

describe('releases whose write-back spares a deleted key (TT-16259)', () => {
  it.each([
    ['v5.8.1', false],
    ['v5.12.1', false],
    ['v5.13.1', false],
    ['v5.13.2-rc1', true],
    ['v5.13.2', true],
    ['v5.14.1', false],
    ['v5.15.0-alpha10', true],
    ['v6.0.0', true],
    ['v5.5.0-dev', false],
    [null, false],
  ])('%s → %s', (version, expected) => {
    expect(deleteUnprovable(version)).toBe(expected);
  });

  it('warns about OLD_KEY_ACTION=delete only, naming the variable and both ways out', () => {
    expect(deleteRetirementWarning('expire', 'v5.15.0')).toBeNull();
    expect(deleteRetirementWarning('delete', 'v5.8.1')).toBeNull();
    const w = deleteRetirementWarning('delete', 'v5.13.2');
    expect(w).toContain('OLD_KEY_ACTION=expire');
    expect(w).toContain('disable_cached_session_state');
  });
});
