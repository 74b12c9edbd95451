import { type ApiRef, resolveApi } from './api-ref.js';
import { isGlobal, type KongPlugin, kongPlugins, refsOf } from './kong-plugins.js';
import { isObject } from './own-property.js';
import type { ImportOptions } from './types.js';

/** A key-auth protected service and its ACL, if any (docs/import-mapping.md §1.4 "Protected", "ACL-allowed"). */
export interface KongService {
  api: ApiRef;
  acl?: { allow?: string[]; deny?: string[] };
}

const listOf = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** Services in file order that a key-auth credential can call at all. */
export function kongServices(dump: Record<string, unknown>, options: ImportOptions): KongService[] {
  const top = kongPlugins(dump.plugins);
  const enabled = (p: KongPlugin, name: string) => p.enabled && p.name === name;
  const globalKeyAuth = top.some((p) => enabled(p, 'key-auth') && isGlobal(p));
  const globalAcl = top.find((p) => enabled(p, 'acl') && isGlobal(p));
  const services = Array.isArray(dump.services) ? dump.services.filter(isObject) : [];
  return services.flatMap((service) => {
    const ref = refsOf(service, 'name', 'id')[0];
    if (ref === undefined) return [];
    const serviceRefs = refsOf(service, 'name', 'id');
    const routes = Array.isArray(service.routes) ? service.routes.filter(isObject) : [];
    const routeRefs = routes.flatMap((r) => refsOf(r, 'name', 'id'));
    const own = kongPlugins(service.plugins);
    const aboutService = top.filter((p) => p.consumer === undefined && p.consumerGroup === undefined);
    const keyAuth =
      globalKeyAuth ||
      own.some((p) => enabled(p, 'key-auth')) ||
      routes.some((r) => kongPlugins(r.plugins).some((p) => enabled(p, 'key-auth'))) ||
      aboutService.some(
        (p) =>
          enabled(p, 'key-auth') &&
          ((p.service !== undefined && serviceRefs.includes(p.service)) || (p.route !== undefined && routeRefs.includes(p.route))),
      );
    if (!keyAuth) return [];
    // route-level ACLs are not evaluated (v1 limitation, docs/import-mapping.md §1.4)
    const acl =
      own.find((p) => enabled(p, 'acl')) ??
      aboutService.find((p) => enabled(p, 'acl') && p.route === undefined && p.service !== undefined && serviceRefs.includes(p.service)) ??
      globalAcl;
    const api = resolveApi(options, ref, { api_id: ref, api_name: ref });
    if (!acl) return [{ api }];
    const allow = listOf(acl.config.allow);
    const deny = listOf(acl.config.deny);
    return [{ api, acl: { ...(allow ? { allow } : {}), ...(deny ? { deny } : {}) } }];
  });
}

/** allow → the consumer is in one of the groups; deny → in none of them; no ACL → allowed. */
export function isAclAllowed(service: KongService, groups: ReadonlySet<string>): boolean {
  const { acl } = service;
  if (!acl) return true;
  if (acl.allow) return acl.allow.some((g) => groups.has(g));
  if (acl.deny) return !acl.deny.some((g) => groups.has(g));
  return true;
}
