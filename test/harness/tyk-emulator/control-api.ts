import { randomBytes } from 'node:crypto';
import type { FaultPlan } from './faults.js';
import { type EmuReply, isRecord, json, parseJson, Routes, text } from './http-kit.js';
import type { Surface } from './surface.js';
import type { SeededKey, Session } from './types.js';

export interface ControlDeps {
  faults: FaultPlan;
  seedKey(input: { raw?: string; orgId?: string; session: Partial<Session> }): SeededKey;
  /** `creates`: the answered POSTs that made something, with the first and last one's time */
  stats(): { keys: number; calls: number; creates: { count: number; firstAt: number | null; lastAt: number | null } };
  /** clears keys, calls, activity and scripted/random faults; latency stays */
  reset(): void;
}

const bad = (message: string): EmuReply => json(400, { error: message });
const regex = (v: unknown): RegExp | undefined => (typeof v === 'string' ? new RegExp(v) : undefined);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/**
 * `/_emulator/`: lets benchmarks and crash tests in other processes drive a standalone emulator.
 * Fault body: `{latencyMs?, failNext?: {n, status?, match?}, rateLimitNext?: {n, retryAfterSeconds,
 * match?}, hangNext?: {n, match?}, randomFaults?: {...}, reset?: true}`; `match` is a RegExp source. `seed-key` stores one key,
 * `seed-keys` `{count, session}` a fleet of random values at once.
 */
export function controlSurface(deps: ControlDeps): Surface {
  const routes = new Routes()
    .add('POST', '/_emulator/faults', (req) => {
      const b = parseJson(req.body);
      if (!isRecord(b)) return bad('body must be a JSON object');
      if (b['reset'] === true) deps.faults.reset();
      if (typeof b['latencyMs'] === 'number') deps.faults.latencyMs = b['latencyMs'];
      const fail = b['failNext'];
      if (isRecord(fail)) deps.faults.failNext(num(fail['n'], 1), { status: num(fail['status'], 500), match: regex(fail['match']) });
      const limit = b['rateLimitNext'];
      if (isRecord(limit)) deps.faults.rateLimitNext(num(limit['n'], 1), num(limit['retryAfterSeconds'], 1), regex(limit['match']));
      const hang = b['hangNext'];
      if (isRecord(hang)) deps.faults.hangNext(num(hang['n'], 1), regex(hang['match']));
      const random = b['randomFaults'];
      if (isRecord(random)) {
        const [error500, rateLimit429, hang] = [num(random['error500'], 0), num(random['rateLimit429'], 0), num(random['hang'], 0)];
        deps.faults.randomFaults({
          error500,
          rateLimit429,
          hang,
          retryAfterSeconds: num(random['retryAfterSeconds'], 1),
          seed: num(random['seed'], 1),
        });
      }
      return json(200, { ok: true });
    })
    .add('POST', '/_emulator/seed-key', (req) => {
      const b = parseJson(req.body);
      if (!isRecord(b) || !isRecord(b['session'])) return bad('body must be {raw?, orgId?, session}');
      const raw = typeof b['raw'] === 'string' ? b['raw'] : undefined;
      const orgId = typeof b['orgId'] === 'string' ? b['orgId'] : undefined;
      try {
        return json(200, deps.seedKey({ ...(raw ? { raw } : {}), ...(orgId ? { orgId } : {}), session: b['session'] as Partial<Session> }));
      } catch (err) {
        return bad((err as Error).message);
      }
    })
    .add('POST', '/_emulator/seed-keys', (req) => {
      // `{count, session}`: `count` keys of that session with random values, aliases `<alias>-<i>`, in one call (a bench's fleet)
      const b = parseJson(req.body);
      if (!isRecord(b) || !isRecord(b['session']) || typeof b['count'] !== 'number') return bad('body must be {count, session}');
      const session = b['session'] as Partial<Session>;
      try {
        for (let i = 0; i < b['count']; i++)
          deps.seedKey({ raw: randomBytes(16).toString('hex'), session: { ...session, alias: `${session.alias ?? 'key'}-${i}` } });
      } catch (err) {
        return bad((err as Error).message);
      }
      return json(200, { seeded: b['count'] });
    })
    .add('GET', '/_emulator/stats', () => json(200, deps.stats()))
    .add('POST', '/_emulator/reset', () => {
      deps.reset();
      return json(200, { ok: true });
    });
  return {
    prefix: '/_emulator/',
    routes,
    management: false,
    authorize: () => undefined,
    error: (status, message) => json(status, { error: message }),
    notFound: () => text(404, 'unknown emulator control route\n'),
    methodNotAllowed: () => text(405, 'method not allowed\n'),
  };
}
