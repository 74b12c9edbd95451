import { type EmuReply, json } from './http-kit.js';

/** The Dashboard's capitalised message shape (docs/tyk-api.md §2.1). */
export const dashboardError = (status: number, message: string): EmuReply =>
  json(status, { Status: 'Error', Message: message, Meta: null });

export const dashboardOk = (message: string): EmuReply => json(200, { Status: 'OK', Message: message, Meta: null });

/** RBAC refusal text as in DASH-SPEC examples (two spaces included). */
export const accessDenied = (path: string): EmuReply => dashboardError(403, `access denied: You do not have permission to access  ${path}`);

const PAGE_SIZE = 10;

/** `p` from 1; missing or <= 0 returns everything; `pages` counts pages of 10 (docs/tyk-api.md §2.1). */
export function paginate<T>(items: T[], p: string | undefined): { items: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const page = Number.parseInt(p ?? '', 10);
  if (!(page > 0)) return { items, pages };
  return { items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), pages };
}
