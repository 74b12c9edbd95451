import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { KeybotError } from '../../src/errors.js';
import { createLog } from '../../src/log.js';
import { createStore } from '../../src/store/index.js';
import type { RequestKind, RequestRecord } from '../../src/store/requests.js';
import { reviewOf } from '../../src/workflows/break-glass/review.js';
import type { WorkflowDeps } from '../../src/workflows/deps.js';
import type { RequestEngine } from '../../src/workflows/requests.js';
import { rotateKeyWorkflow } from '../../src/workflows/rotate-key/definition.js';
import { jobRunner } from '../../src/workflows/run-job.js';
import { paramsOf, stateOf } from '../../src/workflows/saved.js';
import { tempDir } from '../harness/env.js';

const row = (kind: RequestKind, params: unknown, state: unknown = {}): RequestRecord => ({
  id: 'req_old',
  kind,
  status: 'running',
  requester: 'U1',
  reason: '',
  summary: { title: 't', fields: [] },
  params,
  state: state as Record<string, unknown>,
  createdAt: 1,
  updatedAt: 1,
  expiresAt: 2,
  approval: null,
  error: null,
});

describe('saved request JSON', () => {
  it('reads rows written by older versions: fields added later get their defaults, the engine’s own state keys are left alone', () => {
    // a rotation drafted before oldRefs and recipients existed
    const old = row(
      'rotate-key',
      { alias: '', fingerprint: 'fp1', graceMs: 1000, action: 'expire', oldRef: 'v1' },
      { approval: {}, round: 2 },
    );
    expect(paramsOf('rotate-key', old)).toEqual({
      alias: '',
      fingerprint: 'fp1',
      graceMs: 1000,
      action: 'expire',
      oldRef: 'v1',
      oldRefs: [],
    });
    expect(stateOf('rotate-key', old)).toEqual({ round: 2 });
    // an import drafted before --allow-unknown and the file digests
    const imp = row('import-keys', {
      format: 'kong',
      target: 'gateway',
      onConflict: 'skip',
      dryRun: false,
      allOrNothing: false,
      exportTime: 1,
      apiMap: {},
      files: [{ name: 'kong.yaml', role: 'decK dump' }],
      total: 3,
    });
    expect(paramsOf('import-keys', imp)).toMatchObject({ allowUnknown: false, total: 3 });
    expect(paramsOf('rotate-secret', row('rotate-secret', { apiId: 'a', clientId: 'c', fingerprint: 'f', revokeTokens: false }))).toEqual({
      apiId: 'a',
      clientId: 'c',
      fingerprint: 'f',
      revokeTokens: false,
    });
  });

  it('refuses a row that does not parse with an INTERNAL error naming the request, its kind and the path', () => {
    const bad = row('rotate-key', { alias: '', fingerprint: 'fp1', graceMs: 'soon', action: 'expire', oldRef: 'v1' });
    const caught = (() => {
      try {
        paramsOf('rotate-key', bad);
      } catch (e) {
        return e;
      }
    })();
    expect(caught).toBeInstanceOf(KeybotError);
    expect(caught).toMatchObject({ code: 'INTERNAL', retryable: false });
    expect((caught as KeybotError).userMessage).toMatch(/req_old \(rotate-key\).*params\.graceMs/);
    expect(() => stateOf('rotate-key', row('rotate-key', {}, { before: { expires: 'never' } }))).toThrow(/state\.before\.expires/);
    expect(() => paramsOf('import-keys', bad)).toThrow(/req_old is a rotate-key, not a import-keys/);
    // keys every kind's state may hold are checked the same way
    expect(reviewOf(row('revoke-key', {}, { round: 1 }))).toBeUndefined();
    expect(() => reviewOf(row('revoke-key', {}, { breakGlass: { by: 7, dueAt: 1 } }))).toThrow(/state\.breakGlass\.by/);
  });

  it('the job runner parses before the step runs: a broken row fails the request instead of crashing inside a step', async () => {
    const store = createStore(join(tempDir(), 'keybot.db'), randomBytes(32));
    const clock = new ManualClock();
    const now = clock.now();
    store.requests.insert({
      id: 'req_bad',
      kind: 'rotate-key',
      requester: 'U1',
      reason: '',
      summary: { title: 't', fields: [] },
      params: { alias: '', fingerprint: 'fp1', graceMs: 1000, action: 'shred', oldRef: 'v1' },
      now,
      expiresAt: now + 1000,
      refs: [],
    });
    store.jobs.enqueue({ requestId: 'req_bad', step: 'execute', dueAt: now }, now);
    const [job] = store.jobs.claimDue(now, 'run_1', 10, 60_000);
    const fail = vi.fn();
    const deps = { store, clock, log: createLog({ level: 'silent' }), kick: () => undefined } as unknown as WorkflowDeps;
    const runner = jobRunner(deps, { fail } as unknown as RequestEngine, [rotateKeyWorkflow]);
    const error = await runner.run(job!).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as KeybotError).userMessage).toMatch(/req_bad \(rotate-key\).*params\.action/);
    await runner.onGaveUp(job!, error);
    expect(fail).toHaveBeenCalledTimes(1);
    expect(fail.mock.calls[0]?.[0]).toMatchObject({ request: { id: 'req_bad' } });
    expect(fail.mock.calls[0]?.[1]).toBe(error);
  });
});
