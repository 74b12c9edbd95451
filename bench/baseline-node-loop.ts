import { readFileSync } from 'node:fs';
import http from 'node:http';

/**
 * Baseline B of `npm run bench`: the import a person would write by hand in Node, one key at a
 * time over one keep-alive connection, with no existence check and no confirmation beyond the
 * status. Usage: node dist/bench/baseline-node-loop.js GATEWAY_URL FILE.tsv (secret in TYK_GATEWAY_SECRET).
 * Prints how many creates answered 200.
 */
const [url, file] = process.argv.slice(2) as [string, string];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const secret = process.env['TYK_GATEWAY_SECRET'] ?? '';

const post = (key: string, body: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/tyk/keys/${encodeURIComponent(key)}`,
      {
        method: 'POST',
        agent,
        headers: { 'x-tyk-authorization': secret, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(body);
  });

let ok = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line) continue;
  const tab = line.indexOf('\t');
  if ((await post(line.slice(0, tab), line.slice(tab + 1))) === 200) ok += 1;
}
agent.destroy();
process.stdout.write(`${ok}\n`);
