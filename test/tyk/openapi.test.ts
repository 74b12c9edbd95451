import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';
import { clientsFor } from '../tyk-contract/clients.js';
import { driveDashboard, driveGateway, drivePortal } from '../tyk-contract/drive-clients.js';
import { type Exchange, type RecordingProxy, startRecordingProxy } from '../tyk-contract/recording-proxy.js';
import {
  checkExchange,
  describedBy,
  loadSpec,
  operationName,
  type SpecDocument,
  type SpecException,
  type SpecFinding,
} from '../tyk-contract/spec-check.js';

/*
 * Where docs/tyk-api.md says the spec is wrong or incomplete, README wins. Each exception names the
 * operation, the part of the request or reply, and the README section that says so.
 */
const EXCEPTIONS: SpecException[] = [
  // docs/tyk-api.md §1.3 table (SPEC≠CODE): `hashed` is typed boolean, the gateway takes any non-empty value; the client sends `1`.
  ...['GET', 'PUT', 'DELETE'].map((m) => ({
    operation: `${m} /tyk/keys/{keyID}`,
    where: 'request' as const,
    at: '/query/hashed',
    why: 'docs/tyk-api.md §1.3: hashed is any non-empty value',
  })),
  // docs/tyk-api.md §1.2/1.3: GET takes the org for a raw key id from `api_id` or `org_id`, DELETE from `org_id`; the spec lists neither.
  {
    operation: 'GET /tyk/keys/{keyID}',
    where: 'request',
    at: '/query/api_id',
    why: 'docs/tyk-api.md §1.2: raw ids need the org of an API',
  },
  { operation: 'GET /tyk/keys/{keyID}', where: 'request', at: '/query/org_id', why: 'docs/tyk-api.md §1.2: raw ids need an org' },
  {
    operation: 'DELETE /tyk/keys/{keyID}',
    where: 'request',
    at: '/query/org_id',
    why: 'docs/tyk-api.md §1.2: DELETE of a raw id needs org_id',
  },
  // docs/tyk-api.md §1.3: POST /tyk/keys shares the custom-key code path and honours suppress_reset; the spec lists only `hashed`.
  {
    operation: 'POST /tyk/keys',
    where: 'request',
    at: '/query/suppress_reset',
    why: 'docs/tyk-api.md §1.3: suppress_reset on generated keys',
  },
  // docs/tyk-api.md §2.1/2.3: /api/users/me is documented for a session cookie; the bot sends its API key instead.
  { operation: 'GET /api/users/me', where: 'request', at: '/cookie', why: 'docs/tyk-api.md §2.1: API key, not a UI session cookie' },
  // Not in README: a real portal sends `"DeletedAt": ""` (portal-go testdata list_app_access_requests.txt,
  // which docs/tyk-api.md §3 cites), against the spec's date pattern.
  {
    operation: 'GET /apps/{app_id}/access-requests',
    where: 'reply',
    at: /^\/\d+\/DeletedAt$/,
    status: 200,
    why: 'real portals send an empty DeletedAt',
  },
  {
    operation: 'GET /apps/{app_id}',
    where: 'reply',
    at: /^\/AccessRequests\/\d+\/DeletedAt$/,
    status: 200,
    why: 'real portals send an empty DeletedAt',
  },
];

/*
 * Spec defects corrected in the in-memory copy, so the reply is still checked against what README
 * says it is (a correction checks more than an exception would).
 */
function correctPortalSpec(doc: SpecDocument): void {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const at = (path: string, method: string) =>
    doc.paths[path]?.[method] as { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
  // docs/tyk-api.md §3 (spec defect): get-credentials' 200 is typed `Status`; a real portal returns the credential.
  const getCredential = at('/apps/{app_id}/access-requests/{access-request_id}/credentials/{credential_id}', 'get');
  getCredential.responses['200']!.content['application/json']!.schema = ref('Credential-index-elem');
  // Not in README: Client-show's AccessRequests items are `Client-AccessRequest-index`, itself an
  // array (an array of arrays); an app's access requests are the objects the list route returns.
  const show = doc.components.schemas['Client-show'] as { allOf: Array<{ properties?: Record<string, { items?: unknown }> }> };
  const accessRequests = show.allOf.find((part) => part.properties?.['AccessRequests'])?.properties?.['AccessRequests'];
  if (accessRequests) accessRequests.items = ref('Client-AccessRequest-elem');
}

/** Calls no spec describes. The consumer route is the emulator's stand-in for the gateway's proxy. */
const UNDESCRIBED_ALLOWED = [/^GET \/consumer\//];

let emu: TykEmulator;
let proxy: RecordingProxy;
const used = new Set<SpecException>();

beforeAll(async () => {
  emu = await startTykEmulator();
  proxy = await startRecordingProxy(emu.url);
  const clients = clientsFor(emu, { url: proxy.url });
  await driveGateway(clients, emu);
  await driveDashboard(clients, emu);
  await drivePortal(clients, emu);
});
afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

async function check(
  files: Array<[string, string?, ((doc: SpecDocument) => void)?]>,
  pick: (x: Exchange) => boolean,
): Promise<{ findings: SpecFinding[]; checked: string[]; undescribed: string[] }> {
  const specs = await Promise.all(files.map(([file, root, correct]) => loadSpec(file, root, correct)));
  const findings: SpecFinding[] = [];
  const checked = new Set<string>();
  const undescribed: string[] = [];
  for (const x of proxy.exchanges.filter(pick)) {
    const match = describedBy(specs, x);
    if (!match) {
      const call = `${x.method} ${x.path}`;
      if (!UNDESCRIBED_ALLOWED.some((re) => re.test(call))) undescribed.push(call);
      continue;
    }
    checked.add(operationName(match.op));
    findings.push(...checkExchange(match.api, match.op, x, EXCEPTIONS, used));
  }
  return { findings, checked: [...checked].sort(), undescribed };
}

describe('OpenAPI contract', () => {
  it('Gateway: every request the client sends and every reply it gets match gateway-openapi-docs.yml', async () => {
    const r = await check([['gateway-openapi-docs.yml']], (x) => x.path.startsWith('/tyk/'));
    expect(r.undescribed).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.checked).toEqual(
      expect.arrayContaining([
        'POST /tyk/keys/{keyID}',
        'POST /tyk/keys',
        'GET /tyk/keys/{keyID}',
        'PUT /tyk/keys/{keyID}',
        'DELETE /tyk/keys/{keyID}',
        'GET /tyk/keys',
        'GET /tyk/apis',
        'GET /tyk/policies',
        'GET /tyk/oauth/clients/{apiID}/{keyName}',
        'GET /tyk/oauth/clients/{apiID}',
        'PUT /tyk/oauth/clients/{apiID}/{keyName}/rotate',
        'GET /tyk/oauth/clients/{apiID}/{keyName}/tokens',
        'POST /tyk/oauth/revoke_all',
      ]),
    );
  });

  it('Dashboard: every request and reply match dashboard-api.yml (admin routes: dashboard-admin-api.yml)', async () => {
    const r = await check(
      [['dashboard-api.yml'], ['dashboard-admin-api.yml']],
      (x) => x.path.startsWith('/api/') || x.path.startsWith('/admin/'),
    );
    expect(r.undescribed).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.checked.length).toBeGreaterThanOrEqual(14);
  });

  it('Portal: every request and reply match portal-api.yaml', async () => {
    const r = await check([['portal-api.yaml', '/portal-api', correctPortalSpec]], (x) => x.path.startsWith('/portal-api/'));
    expect(r.undescribed).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.checked.length).toBeGreaterThanOrEqual(12);
  });

  it('needs every exception it allows (none is stale)', () => {
    expect(EXCEPTIONS.filter((e) => !used.has(e)).map((e) => `${e.operation} ${e.where} ${String(e.at)}`)).toEqual([]);
  });
});
