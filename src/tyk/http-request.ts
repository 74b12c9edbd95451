import { Secret } from '../secret.js';
import type { TykRequest } from './http.js';

/*
 * How a TykRequest becomes the concrete URL and body. Secrets are revealed here and only here; the
 * concrete URL goes to the HTTP request and nowhere else (logs and errors use the path template).
 */

export const reveal = (v: string | Secret): string => (v instanceof Secret ? v.reveal() : v);

/** Fills the template; every value is URL-encoded (a key may hold `/`, `+`, `=`). */
export function concreteUrl(req: TykRequest<unknown>): string {
  const path = req.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`tyk call ${req.method} ${req.path}: no value for path parameter ${name}`);
    return encodeURIComponent(reveal(value));
  });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, v);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** `application/x-www-form-urlencoded` body. */
export function formBody(form: Record<string, string | Secret | undefined>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, reveal(v));
  return body;
}
