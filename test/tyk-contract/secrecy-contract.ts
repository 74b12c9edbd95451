import { describe, expect, it } from 'vitest';
import type { Secret } from '../../src/secret.js';
import { TykError } from '../../src/tyk/errors.js';
import { createGatewayClient } from '../../src/tyk/gateway.js';
import { type ContractContext, ordersSession } from './fixtures.js';

/** Every way an error can be shown or logged, as text. */
function renderings(e: TykError): string[] {
  return [e.message, String(e), e.stack ?? '', JSON.stringify(e), e.toKeybotError().userMessage, JSON.stringify(e.toKeybotError())];
}

const expectNoSecret = (texts: string[], secrets: Secret[]) => {
  for (const s of secrets) for (const text of texts) expect(text).not.toContain(s.reveal());
};

/** docs/design.md "Secrets": errors and logs carry path templates and fingerprints, never key values. */
export function defineSecrecyContract(ctx: () => ContractContext, wrongSecret: () => Secret): void {
  describe('secrecy', () => {
    it('names failed calls by path template and Tyk message, never by key value', async () => {
      const { target: t, gateway } = ctx();
      const missing = ctx().newRaw('missing');
      const { token } = await gateway.createCustomKey(ctx().newRaw('present'), ordersSession(t));
      ctx().remember(token);
      await gateway.deleteKey({ token });
      const failures = await Promise.all(
        [
          gateway.getKey({ raw: missing, apiId: t.apiIds.orders }),
          gateway.deleteKey({ raw: missing, orgId: t.orgId }),
          gateway.updateKey({ token }, ordersSession(t)),
          gateway.getKey({ token }),
        ].map((p) =>
          p.then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      for (const e of failures) {
        expect(e).toBeInstanceOf(TykError);
        const err = e as TykError;
        expect(err.kind).toBe('not_found');
        expect(err.path).toBe('/tyk/keys/{id}');
        expect(err).not.toHaveProperty('cause');
        expectNoSecret(renderings(err), ctx().secrets());
      }
      expect((failures[0] as TykError).toKeybotError().userMessage).toMatch(
        /^Tyk Gateway could not find it \(GET \/tyk\/keys\/\{id\}, HTTP 404\)/,
      );
    });

    it("reports a wrong gateway secret with Tyk's own words", async () => {
      const { target: t } = ctx();
      const intruder = createGatewayClient({ url: t.gatewayUrl, secret: wrongSecret(), timeoutMs: 5_000, retries: 2, log: ctx().log });
      const err = await intruder.getKey({ raw: ctx().newRaw('intruder'), apiId: t.apiIds.orders }).then(
        () => undefined,
        (e: unknown) => e as TykError,
      );
      expect(err?.kind).toBe('forbidden');
      expect(err?.toKeybotError().userMessage).toContain('Attempted administrative access with invalid or missing key!');
      expectNoSecret(renderings(err as TykError), [...ctx().secrets(), wrongSecret()]);
    });

    it('leaves no key value, token or gateway secret in any log line', () => {
      const text = ctx().logText();
      expect(text).toContain('/tyk/keys/{id}');
      for (const s of ctx().secrets()) expect(text).not.toContain(s.reveal());
      expect(text).not.toContain(ctx().target.gatewaySecret);
    });
  });
}
