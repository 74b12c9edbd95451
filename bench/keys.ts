import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { TEST_ORG } from '../test/harness/tyk-emulator/index.js';

/** The bench's own secret for the emulator's Gateway API (the emulator's default). */
export const GATEWAY_SECRET = 'test-gateway-secret';
export const ORG_ID = TEST_ORG;

/** 32 hex digits: the size of a Tyk-generated key, above any min_token_length. */
export const newKey = (): string => randomBytes(16).toString('hex');

export const CSV_HEADER = 'key,alias,api_ids,rate,per,quota_max,quota_period,expires,tags,meta.team';
const csvRow = (key: string, i: number) => `${key},bench-${i},orders-api,100,60,10000,3600,0,bench,t${i % 10}`;

/** The Tyk session the CSV row maps to: what a hand-written loop would POST for the same key. */
export const sessionOf = (i: number): Record<string, unknown> => ({
  org_id: ORG_ID,
  alias: `bench-${i}`,
  rate: 100,
  per: 60,
  allowance: 100,
  quota_max: 10000,
  quota_renewal_rate: 3600,
  expires: 0,
  is_inactive: false,
  apply_policies: [],
  tags: ['bench'],
  meta_data: { team: `t${i % 10}` },
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
});

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { mode: 0o600 });
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** A generic-CSV export of `keys` (streamed: the 100,000-key file is never one string). */
export async function writeCsv(path: string, keys: readonly string[]): Promise<void> {
  await writeLines(
    path,
    (function* () {
      yield CSV_HEADER;
      for (let i = 0; i < keys.length; i++) yield csvRow(keys[i] as string, i);
    })(),
  );
}

/** A Tyk Dashboard `GET /api/keys/detailed` export of `keys` with the CSV's sessions, written entry by entry. */
export async function writeTykJson(path: string, keys: readonly string[]): Promise<void> {
  await writeLines(
    path,
    (function* () {
      yield '{"keys": [';
      for (let i = 0; i < keys.length; i++)
        yield `${i === 0 ? '' : ','}${JSON.stringify({ key_id: keys[i], key_hash: '', data: sessionOf(i) })}`;
      yield '], "pages": 1}';
    })(),
  );
}

/** `key<TAB>session JSON` per line: the input of the curl and Node baselines. */
export async function writeTsv(path: string, keys: readonly string[]): Promise<void> {
  await writeLines(
    path,
    keys.map((k, i) => `${k}\t${JSON.stringify(sessionOf(i))}`),
  );
}

export const newKeys = (n: number): string[] => Array.from({ length: n }, newKey);
