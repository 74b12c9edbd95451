import { GATEWAY_SECRET } from './keys.js';
import { runPool } from './stats.js';

export interface ImportChecks {
  /** created keys a consumer can use with their original value (`/consumer/orders-api/anything`) */
  usable: number;
  /** pre-existing keys that still carry the settings they had before the import */
  untouched: number;
}

/**
 * After the import: every created key authenticates with its original value, and every key that
 * existed before with other settings was left alone (rate 5 as seeded, not 100 as in the file).
 */
export async function checkImport(url: string, created: readonly string[], existing: readonly string[]): Promise<ImportChecks> {
  let usable = 0;
  let untouched = 0;
  await runPool(created, 20, async (key) => {
    const res = await fetch(`${url}/consumer/orders-api/anything`, { headers: { authorization: key } });
    await res.arrayBuffer();
    if (res.status === 200) usable += 1;
  });
  await runPool(existing, 20, async (key) => {
    const res = await fetch(`${url}/tyk/keys/${key}?api_id=orders-api`, { headers: { 'x-tyk-authorization': GATEWAY_SECRET } });
    const body = (await res.json()) as { rate?: number };
    if (res.status === 200 && body.rate === 5) untouched += 1;
  });
  return { usable, untouched };
}
