/** Test-side HTTP helper: one request, whole reply, no retries. */
export interface RawReply {
  status: number;
  text: string;
  headers: Headers;
  /** parsed body; undefined when the body is not JSON */
  json: unknown;
}

export interface CallOptions {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** objects are sent as JSON, strings as they are */
  body?: unknown;
}

export async function call(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<RawReply> {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const res = await fetch(url, { method, headers: opts.headers ?? {}, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, headers: res.headers, json };
}

/** Callers bound to one API's auth header. */
export function clients(emu: { url: string; options: { gatewaySecret: string; dashboardKey: string; portalToken: string } }) {
  const bind =
    (headers: Record<string, string>) =>
    (method: string, path: string, opts: CallOptions = {}) =>
      call(emu.url, method, path, { ...opts, headers: { ...headers, ...opts.headers } });
  return {
    gateway: bind({ 'x-tyk-authorization': emu.options.gatewaySecret }),
    dashboard: bind({ authorization: emu.options.dashboardKey }),
    portal: bind({ authorization: emu.options.portalToken }),
    anonymous: bind({}),
  };
}
