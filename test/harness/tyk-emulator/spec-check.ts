import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
import YAML from 'yaml';

/**
 * Validates emulator replies against a copied Tyk OpenAPI file (test/fixtures/tyk-specs/). Loaded in
 * openapi-backend's quick mode: the portal spec is OpenAPI 3.1 and fails openapi-backend's 3.0
 * document check (142 errors such as `examples` inside schemas), but its schemas still compile.
 * Operations without an operationId get `"<method> <path>"` so they can be named at all.
 */
export interface SpecCheck {
  /** undefined when valid, else the validator's messages */
  errors(method: string, path: string, status: number, body: unknown): string[] | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export async function loadSpec(file: string): Promise<SpecCheck> {
  const definition = YAML.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries(definition.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= `${method} ${path}`;
      ids.set(`${method.toUpperCase()} ${path}`, op.operationId);
    }
  }
  const api = new OpenAPIBackend({ definition: definition as never, quick: true, ajvOpts: { strict: false, logger: false } });
  await api.init();
  return {
    errors(method, path, status, body) {
      const id = ids.get(`${method} ${path}`);
      if (!id) return [`the spec has no ${method} ${path}`];
      const result = api.validateResponse(body, id, status);
      return result.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    },
  };
}
