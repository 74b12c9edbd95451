import type { Config } from '../config.js';
import { isKeybotError } from '../errors.js';
import type { TykClients } from '../tyk/create-services.js';
import { isTykError } from '../tyk/errors.js';
import type { TykApi } from '../tyk/gateway.js';
import { type CheckResult, failed, pass } from './check.js';

interface Api {
  service: 'Tyk Gateway' | 'Tyk Dashboard' | 'Tyk Portal';
  url: string;
  urlVariable: string;
  secretVariable: string;
  /** where the right credential comes from */
  fix: string;
}

/** A failed call, in the words an operator needs: which API, which URL, which variable to fix. */
function refusal(a: Api, e: unknown): CheckResult {
  if (isTykError(e)) {
    const at = `${a.service} at ${a.url}`;
    if (e.kind === 'unauthorized' || e.kind === 'forbidden')
      return failed(a.service, `${at} refused ${a.secretVariable} (${e.status}): ${a.fix}`);
    if (e.kind === 'network' || e.kind === 'timeout') {
      return failed(a.service, `${at} could not be reached (${e.kind}): check ${a.urlVariable} and that ${a.service} is running`);
    }
    if (e.kind === 'not_found') return failed(a.service, `${at} has no ${e.path} (404): is ${a.urlVariable} the address of ${a.service}?`);
    return failed(a.service, `${at} answered ${e.status ?? e.kind}${e.tykMessage ? `: ${e.tykMessage}` : ''} (${e.method} ${e.path})`);
  }
  if (isKeybotError(e)) return failed(a.service, e.userMessage);
  return failed(a.service, `${a.service} at ${a.url} failed: ${(e as Error)?.message ?? String(e)}`);
}

const orgsOf = (apis: TykApi[]) => [...new Set(apis.map((x) => x.orgId).filter(Boolean))];

/** The org check: TYK_ORG_ID must be the Dashboard user's org, or (Gateway only) the org of the Gateway's APIs. */
function orgCheck(config: Config, dashboardOrg: string | undefined, gatewayApis: TykApi[] | undefined): CheckResult | undefined {
  const wanted = config.tyk.orgId;
  if (dashboardOrg !== undefined) {
    if (!wanted) return pass('TYK_ORG_ID', `not set; the Dashboard user's org ${dashboardOrg} is used`);
    return wanted === dashboardOrg
      ? pass('TYK_ORG_ID', `${wanted} is the Dashboard user's org`)
      : failed(
          'TYK_ORG_ID',
          `${wanted} is not the org of the Dashboard user (${dashboardOrg}): set TYK_ORG_ID=${dashboardOrg} or leave it unset`,
        );
  }
  if (!wanted || !gatewayApis) return undefined;
  if (gatewayApis.length === 0) return pass('TYK_ORG_ID', `${wanted}: the Gateway has no APIs yet, so the org cannot be confirmed`);
  const orgs = orgsOf(gatewayApis);
  return orgs.includes(wanted)
    ? pass(
        'TYK_ORG_ID',
        `${wanted} owns ${gatewayApis.filter((x) => x.orgId === wanted).length} of the Gateway's ${gatewayApis.length} APIs`,
      )
    : failed(
        'TYK_ORG_ID',
        `no API on the Tyk Gateway at ${config.tyk.gateway?.url} belongs to org ${wanted} (the APIs' orgs: ${orgs.join(', ') || 'none'}): set TYK_ORG_ID to your APIs' org_id`,
      );
}

/** One configured API's check: call it once with its credential and say what it answered. */
async function checkApi(a: Api, call: () => Promise<string>): Promise<CheckResult> {
  try {
    return pass(a.service, `${a.url} accepts ${a.secretVariable} (${await call()})`, a.service);
  } catch (e) {
    return refusal(a, e);
  }
}

/** Each configured Tyk API answers and accepts its credential; then the org exists. */
export async function tykChecks(config: Config, clients: TykClients): Promise<CheckResult[]> {
  const { tyk } = config;
  const results: CheckResult[] = [];
  let dashboardOrg: string | undefined;
  let gatewayApis: TykApi[] | undefined;
  if (clients.dashboard && tyk.dashboard) {
    const dashboard = clients.dashboard;
    const a: Api = {
      service: 'Tyk Dashboard',
      url: tyk.dashboard.url,
      urlVariable: 'TYK_DASHBOARD_URL',
      secretVariable: 'TYK_DASHBOARD_API_KEY',
      fix: "set it to a Dashboard user's API key (Users → the user → Tyk Dashboard API Access Credentials)",
    };
    results.push(
      await checkApi(a, async () => {
        const me = await dashboard.me();
        dashboardOrg = me.orgId;
        return `user ${me.email || me.id}`;
      }),
    );
  }
  if (clients.gateway && tyk.gateway) {
    const gateway = clients.gateway;
    const a: Api = {
      service: 'Tyk Gateway',
      url: tyk.gateway.url,
      urlVariable: 'TYK_GATEWAY_URL',
      secretVariable: 'TYK_GATEWAY_SECRET',
      fix: "set it to the `secret` in the Gateway's tyk.conf (or TYK_GW_SECRET)",
    };
    results.push(
      await checkApi(a, async () => {
        gatewayApis = await gateway.listApis();
        return `${gatewayApis.length} APIs`;
      }),
    );
  }
  if (clients.portal && tyk.portal) {
    const portal = clients.portal;
    const a: Api = {
      service: 'Tyk Portal',
      url: tyk.portal.url,
      urlVariable: 'TYK_PORTAL_URL',
      secretVariable: 'TYK_PORTAL_TOKEN',
      fix: "set it to a portal admin's API token (the admin's profile page in the portal)",
    };
    results.push(await checkApi(a, async () => `${(await portal.listApps()).length} apps`));
  }
  const org = orgCheck(config, dashboardOrg, gatewayApis);
  if (org) results.push(org);
  return results;
}
