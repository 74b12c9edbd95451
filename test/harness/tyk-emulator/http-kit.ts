import type { IncomingHttpHeaders } from 'node:http';

/** A request as the route handlers see it: body already read, path params matched. */
export interface EmuRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  params: Record<string, string>;
}

/** `destroy` drops the connection without a reply (what a Go handler panic looks like to a client). */
export interface EmuReply {
  status: number;
  body: string;
  headers: Record<string, string>;
  destroy?: boolean;
}

export type Handler = (req: EmuRequest) => EmuReply;

const JSON_TYPE = { 'content-type': 'application/json' };

/** Go's json.Encoder ends every document with a newline; the gateway writes all replies with it (docs/tyk-api.md §1.1). */
export const goJson = (status: number, value: unknown, headers: Record<string, string> = {}): EmuReply => ({
  status,
  body: `${JSON.stringify(value)}\n`,
  headers: { ...JSON_TYPE, ...headers },
});

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): EmuReply => ({
  status,
  body: JSON.stringify(value),
  headers: { ...JSON_TYPE, ...headers },
});

export const text = (status: number, body: string): EmuReply => ({
  status,
  body,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
});

export const withHeader = (reply: EmuReply, name: string, value: string): EmuReply => ({
  ...reply,
  headers: { ...reply.headers, [name]: value },
});

/** Parses a JSON body; undefined when it is not JSON (each API words that error its own way). */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch = { handler: Handler; params: Record<string, string> } | 'method-not-allowed' | undefined;

/** Path templates with `{name}` segments, matched literally first so `/tyk/keys/create` beats `/tyk/keys/{id}`. */
export class Routes {
  readonly #routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    this.#routes.push({ method, segments: template.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    const candidates = this.#routes
      .map((route) => ({ route, params: matchSegments(route.segments, parts) }))
      .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== undefined)
      .sort((a, b) => literalCount(b.route) - literalCount(a.route));
    if (candidates.length === 0) return undefined;
    const best = literalCount(candidates[0]!.route);
    const hit =
      candidates.find((c) => c.route.method === method && literalCount(c.route) === best) ??
      candidates.find((c) => c.route.method === method);
    return hit ? { handler: hit.route.handler, params: hit.params } : 'method-not-allowed';
  }
}

const literalCount = (r: Route): number => r.segments.filter((s) => !s.startsWith('{')).length;

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
  if (template.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const p = parts[i]!;
    if (t.startsWith('{')) params[t.slice(1, -1)] = safeDecode(p);
    else if (t !== p) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
