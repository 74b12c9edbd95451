import { type EmuReply, goJson } from './http-kit.js';

/** `apiError`: the gateway's one error shape (docs/tyk-api.md §1.1). */
export const gatewayError = (status: number, message: string): EmuReply => goJson(status, { status: 'error', message });

/** `apiOk`-style success, e.g. reload and revoke_all. */
export const gatewayOk = (message: string): EmuReply => goJson(200, { status: 'ok', message });

/** `hashed` is any non-empty value, `hashed=false` included (docs/tyk-api.md §1.3, SPEC≠CODE). */
export const isHashedQuery = (query: Record<string, string>): boolean => (query['hashed'] ?? '') !== '';

/** `suppress_reset` counts only when exactly "1". */
export const isSuppressReset = (query: Record<string, string>): boolean => query['suppress_reset'] === '1';

export const SECURITY_REFUSAL = 'Failed to create key, ensure security settings are correct.';
