import type { RotationState } from './types.js';

/**
 * Where a rotation stands. The saved state keeps timestamps (when each thing happened, for the
 * history and the messages); this is the one place that reads them as a phase.
 */
export type RotationPhase =
  | 'starting' // approved; the new key is not handed over yet
  | 'grace' // both keys work until `retireAt`
  | 'held' // grace is over but the old key is still in use: retirement waits (RETIRE_HOLD_LIMIT)
  | 'cancelled' // the retirement was cancelled: the old key stays
  | 'retired' // the old key was retired; Restore may undo an expire or deactivate
  | 'dead' // emergency: Tyk confirmed to refuse the old key, past its session cache
  | 'restored'; // a retirement undone by Restore

export function rotationPhase(s: RotationState): RotationPhase {
  if (s.cancelledAt) return 'cancelled';
  if (s.restoredAt) return 'restored';
  if (s.deadAt) return 'dead';
  if (s.retiredAt) return 'retired';
  if (s.heldSince) return 'held';
  return s.graceStartedAt ? 'grace' : 'starting';
}

/** Whether the old key still waits for its retirement (reminders, holds and the retire job act only then). */
export function awaitsRetirement(phase: RotationPhase): boolean {
  switch (phase) {
    case 'starting':
    case 'grace':
    case 'held':
      return true;
    case 'cancelled':
    case 'retired':
    case 'dead':
    case 'restored':
      return false;
    default:
      return unreachable(phase);
  }
}

/** Whether the old key is retired right now (a restore undoes that). */
export function oldKeyRetired(phase: RotationPhase): boolean {
  switch (phase) {
    case 'retired':
    case 'dead':
      return true;
    case 'starting':
    case 'grace':
    case 'held':
    case 'cancelled':
    case 'restored':
      return false;
    default:
      return unreachable(phase);
  }
}

function unreachable(phase: never): never {
  throw new Error(`unknown rotation phase ${String(phase)}`);
}
