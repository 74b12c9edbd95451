import type { TykEmulator } from './tyk-emulator/index.js';
import { USERS } from './users.js';

export const DAY = 86_400_000;

const API = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };

export interface FleetKey {
  alias: string;
  raw: string;
  ageDays: number;
  owner?: { owner_slack_id: string } | { owner_email: string };
  /** days from now; 0 = never, negative = already expired */
  expiresInDays: number;
}

/**
 * A fleet of known ages and owners, judged with ROTATION_MAX_AGE=90d and ROTATION_WARN_BEFORE=14d:
 * 2 overdue (ancient before old), 1 due soon, 2 no expiry, 21 no owner, 24 live keys; `old` is the
 * one idle key where Tyk reports usage (ancient was seen in use). 20 fillers push the list past 20.
 */
export const FLEET: FleetKey[] = [
  { alias: 'ancient', raw: 'hyg-ancient-0001', ageDays: 200, owner: { owner_slack_id: USERS.owner }, expiresInDays: 0 },
  { alias: 'old', raw: 'hyg-old-0000002', ageDays: 100, owner: { owner_email: 'rita@example.com' }, expiresInDays: 30 },
  { alias: 'aging', raw: 'hyg-aging-00003', ageDays: 80, owner: { owner_slack_id: USERS.approver2 }, expiresInDays: 30 },
  { alias: 'orphan', raw: 'hyg-orphan-0004', ageDays: 10, expiresInDays: 0 },
  { alias: 'expired', raw: 'hyg-expired-005', ageDays: 300, owner: { owner_slack_id: USERS.owner }, expiresInDays: -1 },
  ...Array.from({ length: 20 }, (_, i) => ({
    alias: `filler-${String(i + 1).padStart(2, '0')}`,
    raw: `hyg-filler-${String(i + 1).padStart(4, '0')}`,
    ageDays: 5,
    expiresInDays: 30,
  })),
];

export const RULES = { ROTATION_MAX_AGE: '90d', ROTATION_WARN_BEFORE: '14d' };

/** Seeds the fleet into the emulator, with `ancient` seen in use yesterday; returns the raw values (for leak scans). */
export function seedFleet(tyk: TykEmulator, now: number, fleet: FleetKey[] = FLEET): string[] {
  const values: string[] = [];
  for (const k of fleet) {
    const seeded = tyk.seedKey({
      raw: k.raw,
      session: {
        alias: k.alias,
        access_rights: API,
        meta_data: { ...(k.owner ?? {}) },
        expires: k.expiresInDays === 0 ? 0 : Math.floor((now + k.expiresInDays * DAY) / 1000),
        date_created: new Date(now - k.ageDays * DAY).toISOString(),
      },
    });
    if (k.alias === 'ancient') tyk.dashboard.setActivity(seeded.keyHash, now - DAY);
    values.push(k.raw, seeded.token, seeded.keyHash);
  }
  return values;
}
