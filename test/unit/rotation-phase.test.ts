import { describe, expect, it } from 'vitest';
import { awaitsRetirement, oldKeyRetired, type RotationPhase, rotationPhase } from '../../src/workflows/rotate-key/phase.js';
import type { RotationState } from '../../src/workflows/rotate-key/types.js';

describe('rotation phase, read from the saved timestamps', () => {
  it.each<{ state: RotationState; phase: RotationPhase; awaits: boolean; retired: boolean }>([
    { state: {}, phase: 'starting', awaits: true, retired: false },
    { state: { graceStartedAt: 1, retireAt: 5 }, phase: 'grace', awaits: true, retired: false },
    { state: { graceStartedAt: 1, retireAt: 5, heldSince: 6 }, phase: 'held', awaits: true, retired: false },
    { state: { graceStartedAt: 1, retireAt: 5, cancelledAt: 3 }, phase: 'cancelled', awaits: false, retired: false },
    { state: { graceStartedAt: 1, heldSince: 6, retiredAt: 7 }, phase: 'retired', awaits: false, retired: true },
    { state: { retiredAt: 7, deadAt: 9 }, phase: 'dead', awaits: false, retired: true },
    { state: { retiredAt: 7, restoredAt: 8 }, phase: 'restored', awaits: false, retired: false },
    { state: { retiredAt: 7, deadAt: 9, restoredAt: 10 }, phase: 'restored', awaits: false, retired: false },
  ])('$phase', ({ state, phase, awaits, retired }) => {
    expect(rotationPhase(state)).toBe(phase);
    expect(awaitsRetirement(phase)).toBe(awaits);
    expect(oldKeyRetired(phase)).toBe(retired);
  });
});
