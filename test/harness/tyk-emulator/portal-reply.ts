import { type EmuReply, type EmuRequest, json } from './http-kit.js';

/** `{"errors":[…]}` (404/422, docs/tyk-api.md §3). */
export const portalError = (status: number, message: string): EmuReply => json(status, { errors: [message] });

/** Integer path ids; anything else matches nothing. */
export function intParam(req: EmuRequest, name: string): number {
  const raw = req.params[name] ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : -1;
}

/** `page` from 1 (default 1), `per_page` (default 20), `limit` caps the rows only (docs/tyk-api.md §3). */
export function portalPage<T>(items: T[], query: Record<string, string>): T[] {
  const page = Math.max(1, Number.parseInt(query['page'] ?? '1', 10) || 1);
  const perPage = Math.max(1, Number.parseInt(query['per_page'] ?? '20', 10) || 20);
  const limit = Number.parseInt(query['limit'] ?? '', 10);
  const rows = items.slice((page - 1) * perPage, page * perPage);
  return limit > 0 ? rows.slice(0, limit) : rows;
}
