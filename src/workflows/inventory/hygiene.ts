import type { KeyInput, RotateKeyArgs } from '../../command-args/rotate-key.js';
import { Secret } from '../../secret.js';
import type { ChainHead } from '../../store/history.js';
import type { RequestRecord } from '../../store/requests.js';
import { recordChainHeadPosted } from '../chain-head.js';
import { AUTO_REQUESTER } from '../credential/recipients.js';
import type { WorkflowDeps } from '../deps.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { draftRotation } from '../rotate-key/draft.js';
import { hygieneCsv, hygieneCsvName } from './hygiene-csv.js';
import { allEntries, type HygieneEntry, type HygieneReport, hygieneReport } from './report.js';
import { type ScanProgress, type ScanResult, scanInventory } from './scan.js';
import { refOf } from './scanned-key.js';

/** Where the digest goes; implemented by the Slack layer (the CLI prints instead). */
export interface HygienePublisher {
  /** the digest, with the head of the history chain at the time of posting (shown as the daily post shows it) */
  digest(report: HygieneReport, csv: { filename: string; content: () => Iterable<string> }, head: ChainHead): Promise<void>;
  /** an owner's own overdue keys */
  ownerDm(user: string, report: HygieneReport, theirs: HygieneEntry[]): Promise<void>;
}

export const AUTO_REASON = 'max age reached';

/** The key inventory, the digest and its Request rotation button. */
export interface HygieneService {
  /** scans Tyk's keys (and their usage) into the inventory */
  scan(progress?: ScanProgress): Promise<ScanResult>;
  /** the inventory judged against the rotation policy: overdue, due soon, fine */
  report(): HygieneReport;
  /** the inventory as CSV for auditors, produced chunk by chunk */
  csv(): { filename: string; content: () => Generator<string> };
  /** the scheduled run (HYGIENE_CRON): scan, then tell the channel and the owners, then auto_rotate */
  run(publisher: HygienePublisher): Promise<{ scan: ScanResult; report: HygieneReport; drafted: string[] }>;
  /** `Request rotation` in the digest: a normal rotation request by the clicker */
  requestRotation(ident: string, user: string): Promise<RequestRecord | Refusal>;
  /** overdue keys right now (for the `keybot_keys_overdue` gauge) */
  overdueCount(): number;
  /** App Home "Keys due": the person's own overdue and due-soon keys, most urgent first */
  dueFor(user: string): Promise<HygieneEntry[]>;
}

// long: a factory of the hygiene methods (scan, report, run, requestRotation) over one set of deps
/** Key hygiene: scan → report → digest, owner DMs and (auto_rotate) one rotation request per overdue key. */
export function hygieneService(d: WorkflowDeps, engine: RequestEngine): HygieneService {
  const now = () => d.clock.now();
  const report = (): HygieneReport => hygieneReport(d.config, d.store.inventory.all(), now());
  const csv = () => ({
    filename: hygieneCsvName(now()),
    content: () => hygieneCsv(allEntries(d.config, d.store.inventory.all(), now()), now()),
  });

  /** Drafts a rotation of an inventory key, as `/rotate-key` would for the person asking. */
  async function draftFor(ident: string, requester: string, reason: string): Promise<RequestRecord | Refusal> {
    const k = d.store.inventory.get(ident);
    if (!k?.ref)
      return refuse('not-found', 'That key is no longer in the inventory (it may have been rotated or deleted). Nothing was requested.');
    const { ref } = refOf(k.ref);
    const key: KeyInput = 'token' in ref ? { kind: 'value', value: ref.token } : { kind: 'hash', hash: new Secret(ref.hash) };
    const args: Extract<RotateKeyArgs, { help: false }> = { help: false, key, graceMs: d.config.grace.defaultMs, reason, now: false };
    return draftRotation(d, engine, args, requester);
  }

  /** auto_rotate: keybot asks once per key; a claim that fails means an earlier scan already asked. */
  async function autoRotate(overdue: HygieneEntry[]): Promise<string[]> {
    const drafted: string[] = [];
    for (const e of overdue) {
      if (!e.policy.autoRotate || e.key.autoRequestId) continue;
      const r = await draftFor(e.key.ident, AUTO_REQUESTER, AUTO_REASON).catch((err: unknown) => {
        d.log.warn({ err, fingerprint: e.key.fingerprint }, 'automatic rotation request not drafted');
        return null;
      });
      if (!r || 'refused' in r) continue;
      d.store.inventory.claimAutoRequest(e.key.ident, r.id);
      scheduleNudges(r);
      drafted.push(r.id);
    }
    return drafted;
  }

  /** A request nobody drafted by hand can sit unnoticed: approvers are reminded at a third and two thirds of REQUEST_TTL. */
  function scheduleNudges(r: RequestRecord): void {
    const ttl = d.config.requestTtlMs;
    for (const n of [1, 2])
      d.store.jobs.enqueue({ requestId: r.id, step: 'nudge', key: `nudge:${n}`, dueAt: r.createdAt + (ttl * n) / 3 }, now());
  }

  async function notifyOwners(r: HygieneReport, publisher: HygienePublisher): Promise<number> {
    const byOwner = new Map<string, HygieneEntry[]>();
    for (const e of r.overdue) {
      const user = e.key.ownerSlackId ?? (e.key.ownerEmail ? await d.directory.userIdByEmail(e.key.ownerEmail) : null);
      if (user) byOwner.set(user, [...(byOwner.get(user) ?? []), e]);
    }
    for (const [user, theirs] of byOwner) await publisher.ownerDm(user, r, theirs);
    return byOwner.size;
  }

  return {
    scan: (progress?: ScanProgress): Promise<ScanResult> => scanInventory(d, progress),
    report,
    csv,
    /** The scheduled run (HYGIENE_CRON): scan, then tell the channel and the owners, then auto_rotate. */
    async run(publisher: HygienePublisher): Promise<{ scan: ScanResult; report: HygieneReport; drafted: string[] }> {
      const scan = await scanInventory(d);
      const r = report();
      const head = d.store.history.head();
      await publisher.digest(r, csv(), head);
      recordChainHeadPosted(d, head, now());
      await notifyOwners(r, publisher);
      const drafted = await autoRotate(r.overdue);
      d.log.info({ ...r.counts, keys: r.total, drafted: drafted.length }, 'key hygiene digest sent');
      return { scan, report: r, drafted };
    },
    /** `Request rotation` in the digest: a normal rotation request by the clicker. */
    requestRotation: (ident: string, user: string) => draftFor(ident, user, 'Requested from the key hygiene digest'),
    /** Overdue keys right now (for the `keybot_keys_overdue` gauge). */
    overdueCount: (): number => report().counts.overdue,
    /** App Home "Keys due": the person's own overdue and due-soon keys, most urgent first. */
    async dueFor(user: string): Promise<HygieneEntry[]> {
      const due = allEntries(d.config, d.store.inventory.all(), now()).filter((e) => e.standing !== 'ok');
      const mine: HygieneEntry[] = [];
      for (const e of due) {
        const owner = e.key.ownerSlackId ?? (e.key.ownerEmail ? await d.directory.userIdByEmail(e.key.ownerEmail) : null);
        if (owner === user) mine.push(e);
      }
      return mine;
    },
  };
}
