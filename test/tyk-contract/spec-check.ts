import { readFileSync } from 'node:fs';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import YAML from 'yaml';
import type { Exchange } from './recording-proxy.js';

const SPEC_DIR = new URL('../fixtures/tyk-specs', import.meta.url).pathname;

/** A known disagreement between a spec and what Tyk really does, allowed by name and reason. */
export interface SpecException {
  /** `METHOD /spec/path/{template}` */
  operation: string;
  where: 'request' | 'reply';
  /** ajv instancePath prefix (e.g. `/query/hashed`; '' = all of it), or a pattern for array items */
  at: string | RegExp;
  status?: number;
  why: string;
}

export interface SpecFinding {
  call: string;
  where: 'request' | 'reply';
  problems: string[];
}

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

type Backend = OpenAPIBackend;

/** A spec document as parsed, for corrections to the in-memory copy. */
export type SpecDocument = {
  paths: Record<string, Record<string, { operationId?: string }>>;
  components: { schemas: Record<string, unknown> };
} & Record<string, unknown>;

/**
 * Loads a copied spec for validation; `correct` may fix known defects in the in-memory copy (the
 * files stay byte-for-byte copies). Operations without an operationId (the portal's
 * custom-credential routes) get `METHOD path` as one: openapi-backend validates by operationId only.
 */
export async function loadSpec(file: string, apiRoot = '/', correct?: (doc: SpecDocument) => void): Promise<Backend> {
  const definition = YAML.parse(readFileSync(`${SPEC_DIR}/${file}`, 'utf8')) as SpecDocument;
  correct?.(definition);
  for (const [path, item] of Object.entries(definition.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && ['get', 'put', 'post', 'delete', 'patch'].includes(method))
        op.operationId ??= `${method.toUpperCase()} ${path}`;
    }
  }
  const api = new OpenAPIBackend({
    definition: definition as never,
    apiRoot,
    quick: true,
    validate: true,
    strict: false,
    // every problem, not the first; formats (date-time…) are not what this contract is about
    ajvOpts: { allErrors: true, validateFormats: false, logger: false },
  });
  await api.init();
  return api;
}

const parseBody = (text: string, contentType: string | undefined): unknown => {
  if (text === '') return undefined;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export const operationName = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

/** The spec operation describing an exchange, from the first spec that has one. */
export function describedBy(specs: Backend[], x: Exchange): { api: Backend; op: Operation } | undefined {
  for (const api of specs) {
    const op = api.matchOperation({ method: x.method, path: x.path, query: x.query, headers: {} });
    if (op) return { api, op };
  }
  return undefined;
}

/** Validates one exchange's request and reply; problems not covered by an exception are returned, the exceptions that applied go to `used`. */
export function checkExchange(
  api: Backend,
  op: Operation,
  x: Exchange,
  exceptions: SpecException[],
  used: Set<SpecException>,
): SpecFinding[] {
  const name = operationName(op);
  const allowed = (where: 'request' | 'reply', at: string) => {
    const hit = exceptions.find(
      (e) =>
        e.operation === name &&
        e.where === where &&
        (typeof e.at === 'string' ? at.startsWith(e.at) : e.at.test(at)) &&
        (e.status === undefined || e.status === x.status),
    );
    if (hit) used.add(hit);
    return hit !== undefined;
  };
  // an unexpected property is reported on its parent; name it, so exceptions can be that precise
  const at = (e: AjvError) =>
    `${e.instancePath ?? ''}${typeof e.params?.additionalProperty === 'string' ? `/${e.params.additionalProperty}` : ''}`;
  const render = (errors: AjvError[] | null | undefined, where: 'request' | 'reply') =>
    (errors ?? []).filter((e) => !allowed(where, at(e))).map((e) => `${at(e) || '(root)'} ${e.message ?? ''}`);

  const req = {
    method: x.method,
    path: x.path,
    query: x.query,
    headers: x.headers as Record<string, string>,
    body: parseBody(x.body, x.headers['content-type']),
  };
  const findings: SpecFinding[] = [];
  const requestProblems = render(api.validateRequest(req, op).errors, 'request');
  if (requestProblems.length) findings.push({ call: `${name} (sent)`, where: 'request', problems: requestProblems });
  const reply = parseBody(x.replyBody, x.replyHeaders['content-type']);
  if (typeof reply === 'string') return findings; // not JSON (gorilla's plain 404): nothing to hold against a schema
  const replyProblems = render(api.validateResponse(reply, op, x.status).errors, 'reply');
  if (replyProblems.length) findings.push({ call: `${name} → ${x.status}`, where: 'reply', problems: replyProblems });
  return findings;
}
