import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';

/** Something the bot cannot work without: Slack, or one of the configured Tyk APIs. */
export interface Dependency {
  /** `slack`, `gateway`, `dashboard` or `portal`: the name /readyz reports */
  name: string;
  /** one cheap call; its answer reaches `answered` through the client's own hook, so its outcome is ignored */
  probe(): Promise<unknown>;
  /** counts as answering right now (Socket Mode: the socket is connected) */
  isUp?(): boolean;
}

export interface ReadinessOptions {
  clock: Clock;
  /** an answer older than this makes the bot unready (docs/design.md "Operations": a minute) */
  windowMs?: number;
  /** a dependency quiet for this long is probed, so a quiet bot does not turn unready */
  probeAfterMs?: number;
  /** at most one probe per dependency in this time, answered or not */
  probeGapMs?: number;
  /** how long /readyz waits for its probes before it answers with what it knows */
  probeWaitMs?: number;
}

interface Watched extends Dependency {
  lastAnswerAt: number | null;
  lastProbeAt: number | null;
}

export interface ReadinessReport {
  ready: boolean;
  /** the dependencies that did not answer within the window */
  notAnswering: string[];
  lastAnswerAt: Record<string, string | null>;
}

/** `/readyz`: which dependencies answered lately. */
export interface Readiness {
  /** watches one more dependency (Slack, a Tyk API, the store) */
  watch(dep: Dependency): void;
  /** a reply came from `name` (an unwatched name is ignored) */
  answered(name: string): void;
  /** probes what has not answered lately and reports every dependency */
  check(): Promise<ReadinessReport>;
  /** `GET /readyz`: 200 when ready, else 503; the body names what did not answer and when each last did */
  handler(_req: IncomingMessage, res: ServerResponse): void;
}

// long: a factory: probes and the report share the last-answer table
/**
 * Readiness: every dependency answered (any HTTP reply, a 4xx included: the service is up and
 * talking) within the last minute. Answers come from the clients' hooks, so real traffic keeps
 * the bot ready at no cost; only a dependency quiet for `probeAfterMs` gets a probe, and never
 * more than one per `probeGapMs`, so /readyz polled every second costs Tyk and Slack nothing more.
 */
export function createReadiness(o: ReadinessOptions): Readiness {
  const windowMs = o.windowMs ?? 60_000;
  const probeAfterMs = o.probeAfterMs ?? 45_000;
  const probeGapMs = o.probeGapMs ?? 30_000;
  const probeWaitMs = o.probeWaitMs ?? 2_000;
  const deps = new Map<string, Watched>();

  /** a connected socket is an answer right now */
  const lastAnswer = (d: Watched, now: number): number | null => (d.isUp?.() ? now : d.lastAnswerAt);
  const ageOf = (d: Watched, now: number): number => {
    const at = lastAnswer(d, now);
    return at === null ? Infinity : now - at;
  };

  /** Probes the quiet dependencies; resolves when their probes ended or `probeWaitMs` passed. */
  async function probeQuiet(): Promise<void> {
    const now = o.clock.now();
    const quiet = [...deps.values()].filter(
      (d) => ageOf(d, now) >= probeAfterMs && (d.lastProbeAt === null || now - d.lastProbeAt >= probeGapMs),
    );
    if (quiet.length === 0) return;
    const probes = quiet.map((d) => {
      d.lastProbeAt = now;
      return d.probe().catch(() => undefined);
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, probeWaitMs).unref()));
    await Promise.race([Promise.all(probes), waited]);
    clearTimeout(timer);
  }

  function report(): ReadinessReport {
    const now = o.clock.now();
    const all = [...deps.values()];
    const notAnswering = all.filter((d) => ageOf(d, now) > windowMs).map((d) => d.name);
    const lastAnswerAt = Object.fromEntries(
      all.map((d) => {
        const at = lastAnswer(d, now);
        return [d.name, at === null ? null : new Date(at).toISOString()];
      }),
    );
    return { ready: notAnswering.length === 0, notAnswering, lastAnswerAt };
  }

  async function check(): Promise<ReadinessReport> {
    await probeQuiet();
    return report();
  }

  return {
    watch(dep: Dependency): void {
      deps.set(dep.name, { ...dep, lastAnswerAt: null, lastProbeAt: null });
    },
    /** A reply came from `name` (an unwatched name is ignored). */
    answered(name: string): void {
      const d = deps.get(name);
      if (d) d.lastAnswerAt = o.clock.now();
    },
    check,
    /** `GET /readyz`: 200 when ready, else 503; the body names what did not answer and when each last did. */
    handler(_req: IncomingMessage, res: ServerResponse): void {
      void check().then((r) => {
        res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: r.ready ? 'ready' : 'not ready', notAnswering: r.notAnswering, lastAnswerAt: r.lastAnswerAt }));
      });
    },
  };
}
