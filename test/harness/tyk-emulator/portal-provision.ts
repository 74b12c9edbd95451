import type { EmuContext } from './context.js';
import { createKey, type WriteOutcome } from './key-write.js';
import type { PortalCatalogItem } from './portal-store.js';
import type { AccessRight } from './types.js';

/**
 * The gateway key behind a portal credential: the org's key with access to the plan's and
 * products' APIs (docs/tyk-api.md §3: a portal credential is a gateway token, CredentialHash its hash).
 * `customId` imports an existing value (Tyk-managed custom credential).
 */
export function provisionKey(ctx: EmuContext, grants: PortalCatalogItem[], customId?: string): WriteOutcome {
  const access_rights: Record<string, AccessRight> = {};
  for (const apiId of new Set(grants.flatMap((g) => g.apiIds))) {
    const name = ctx.options.apis.find((a) => a.api_id === apiId)?.name ?? '';
    access_rights[apiId] = { api_id: apiId, api_name: name, versions: ['Default'] };
  }
  const session = { org_id: ctx.options.orgId, access_rights, quota_max: -1, meta_data: { portal: true } };
  return createKey(ctx, { ...(customId === undefined ? {} : { id: customId }), session, suppressReset: false });
}
