import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HealthState {
  db: boolean;
  scheduler: boolean;
}

/** `GET /healthz`: 200 with the state of the database and the scheduler, 503 when either is down. */
export function healthHandler(check: () => HealthState) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    const s = check();
    const ok = s.db && s.scheduler;
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', db: s.db ? 'ok' : 'unwritable', scheduler: s.scheduler ? 'ok' : 'stopped' }));
  };
}
