import { describe, expect, it } from 'vitest';
import { reminderTimes } from '../../src/workflows/rotate-key/schedule.js';

const H = 3_600_000;
const REMINDERS = [24 * H, H]; // REMINDERS=24h,1h

describe('reminders before a retirement', () => {
  it.each([
    {
      what: 'a 7-day grace: both reminders',
      retireAt: 168 * H,
      now: 0,
      want: [
        { offsetMs: 24 * H, dueAt: 144 * H },
        { offsetMs: H, dueAt: 167 * H },
      ],
    },
    { what: 'a 12-hour grace: the 24h one has passed', retireAt: 12 * H, now: 0, want: [{ offsetMs: H, dueAt: 11 * H }] },
    { what: 'exactly 1h left: that offset is not in the future', retireAt: 5 * H, now: 4 * H, want: [{ offsetMs: 0, dueAt: 4 * H }] },
    { what: 'a 30-minute grace: one reminder now', retireAt: 0.5 * H, now: 0, want: [{ offsetMs: 0, dueAt: 0 }] },
    { what: 'no REMINDERS set: one reminder now', retireAt: 168 * H, now: 0, offsets: [], want: [{ offsetMs: 0, dueAt: 0 }] },
  ])('$what', ({ retireAt, now, offsets, want }) => {
    expect(reminderTimes(retireAt, now, offsets ?? REMINDERS)).toEqual(want);
  });
});
