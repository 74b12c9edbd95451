/**
 * Schema versions, applied in order at start, each in one transaction; `PRAGMA user_version`
 * records the last one applied. Never edit a released migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: requests, approvals, jobs, history, vault
  `
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending','approved','running','succeeded','failed','partial','rejected','expired','cancelled')),
    requester TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL,
    params TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    approval_channel TEXT,
    approval_ts TEXT,
    error TEXT
  );
  CREATE INDEX requests_by_status ON requests (status, created_at);
  CREATE INDEX requests_by_requester ON requests (requester, created_at);

  -- What a request is about, for /key-history: fingerprints, client IDs, user IDs, credential IDs.
  CREATE TABLE request_refs (
    ref TEXT NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests (id),
    PRIMARY KEY (ref, request_id)
  ) WITHOUT ROWID;

  CREATE TABLE approvals (
    request_id TEXT NOT NULL REFERENCES requests (id),
    approver TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approve','reject')),
    reason TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (request_id, approver)
  ) WITHOUT ROWID;

  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    step TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','done','failed','cancelled')),
    due_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 8,
    claimed_by TEXT,
    lease_until INTEGER,
    payload TEXT NOT NULL DEFAULT '{}',
    last_error TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (request_id, step)
  );
  CREATE INDEX jobs_due ON jobs (due_at) WHERE status = 'pending';
  CREATE INDEX jobs_running ON jobs (lease_until) WHERE status = 'running';

  CREATE TABLE runners (
    id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
  );

  -- /healthz commits a write here: the only proof that the file really takes writes.
  CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);

  CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX history_by_request ON history (request_id, seq);
  CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
  CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

  -- Secrets at rest: AES-256-GCM under KEYBOT_SECRET_KEY; ciphertext is NULL once erased.
  CREATE TABLE vault (
    id TEXT PRIMARY KEY,
    -- deferred: a request's first vault row is written in the transaction that creates the request
    request_id TEXT REFERENCES requests (id) DEFERRABLE INITIALLY DEFERRED,
    purpose TEXT NOT NULL,
    label TEXT,
    recipient TEXT,
    iv BLOB,
    ciphertext BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    claimed_at INTEGER,
    erased_at INTEGER
  );
  CREATE INDEX vault_by_request ON vault (request_id, purpose);
  CREATE INDEX vault_expiring ON vault (expires_at) WHERE ciphertext IS NOT NULL;
  `,
  // 2: import batches, one row per candidate key, checkpointed as the batch runs
  `
  CREATE TABLE import_items (
    request_id TEXT NOT NULL, -- no foreign key: items are staged before their request is drafted
    idx INTEGER NOT NULL,
    ref TEXT NOT NULL,
    line INTEGER,
    fingerprint TEXT,
    alias TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reason TEXT,
    warnings TEXT NOT NULL DEFAULT '',
    -- the key and its session, AES-256-GCM, only while the batch runs
    iv BLOB,
    sealed BLOB,
    -- the Tyk key ID of a key this batch created, encrypted, so Undo can delete exactly those
    token_iv BLOB,
    token_sealed BLOB,
    key_hash TEXT,
    error TEXT,
    PRIMARY KEY (request_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX import_items_by_status ON import_items (request_id, status);
  `,
  // 3: the history chain is keyed (HMAC under a key derived from KEYBOT_SECRET_KEY, store/history.ts).
  // `mac` is written once: the only update a row may ever get is setting it where it is still NULL
  // (rows written before this version are keyed at the first start, store/history.ts adoptLegacy).
  `
  ALTER TABLE history ADD COLUMN mac TEXT;
  DROP TRIGGER history_no_update;
  CREATE TRIGGER history_no_update BEFORE UPDATE OF seq, request_id, event, actor, at, data, prev_hash, hash ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
  CREATE TRIGGER history_mac_once BEFORE UPDATE OF mac ON history WHEN OLD.mac IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
  `,
  // 4: Slack deliveries already handled (signature, trigger_id, view, action_ts), so a replay is
  // refused also after a restart; rows older than the replay window are pruned.
  `
  CREATE TABLE seen_interactions (
    id TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX seen_interactions_by_time ON seen_interactions (seen_at);
  `,
  // 5: the bot's scheduler records each cron tick and its interval, so the CLI can tell whether a
  // bot runs on this database (it retires the old keys of the rotations the CLI starts).
  `
  ALTER TABLE runners ADD COLUMN ticked_at INTEGER;
  ALTER TABLE runners ADD COLUMN tick_every_ms INTEGER;
  `,
  // 6: key inventory for hygiene (by a one-way ID and fingerprint, never a key value or clear hash)
  `
  CREATE TABLE key_inventory (
    -- SHA-256 of the key's key_hash: stable across scans and one-way (a key_hash is a secret where hashing is off)
    ident TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    alias TEXT NOT NULL DEFAULT '',
    owner_slack_id TEXT,
    owner_email TEXT,
    policies TEXT NOT NULL DEFAULT '',
    apis TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    expires INTEGER NOT NULL DEFAULT 0, -- unix seconds, 0 = never
    inactive INTEGER NOT NULL DEFAULT 0,
    tyk_created_at INTEGER, -- ms, Tyk's date_created
    last_seen_at INTEGER, -- ms, last traffic Tyk reported
    usage_checked_at INTEGER,
    quota_remaining INTEGER,
    -- the management reference (Tyk key ID or hash), AES-256-GCM, for the Request rotation button
    ref_iv BLOB,
    ref_sealed BLOB,
    scan_id TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- the rotation request keybot drafted for this key once it was overdue (auto_rotate): never a second one
    auto_request_id TEXT
  ) WITHOUT ROWID;
  CREATE INDEX key_inventory_by_scan ON key_inventory (scan_id);
  CREATE INDEX key_inventory_by_owner ON key_inventory (owner_slack_id);

  -- What only the bot knows about a key: when the source platform created it (import) and when the
  -- bot's rotation made it. Outlives scans; also the key list where Tyk cannot list keys.
  CREATE TABLE key_origins (
    ident TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    source_created_at INTEGER, -- ms
    rotated_at INTEGER, -- ms
    request_id TEXT,
    ref_iv BLOB,
    ref_sealed BLOB
  ) WITHOUT ROWID;
  `,
  // 7: a vault value's AES-GCM AAD binds it to its request, purpose and recipient (version 2), not only
  // to its row ID (version 1, rows written before): a sealed value moved to another request or
  // recipient in SQL no longer opens.
  `
  ALTER TABLE vault ADD COLUMN aad_version INTEGER NOT NULL DEFAULT 1;
  `,
  // 8: a job's `step` is the bare handler name (`remind`) and its new `key` the dedupe key, unique per
  // request (`remind:r3:3600000`, what `step` held before); what the step needs moves into `payload`
  // (confirm's attempt, report's undo, a reminder's offset; nudge's and review-remind's number only keep the key unique).
  // import_items gets `intent` ('new' | 'overwrite', written before a create): `reason` held it before
  // and is now only why an item was skipped or invalid. SQLite cannot drop a table's UNIQUE: jobs is rebuilt.
  `
  CREATE TABLE jobs_v8 (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    step TEXT NOT NULL,
    key TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','done','failed','cancelled')),
    due_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 8,
    claimed_by TEXT,
    lease_until INTEGER,
    payload TEXT NOT NULL DEFAULT '{}',
    last_error TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (request_id, key)
  );
  INSERT INTO jobs_v8 (id, request_id, step, key, status, due_at, attempts, max_attempts, claimed_by, lease_until, payload,
      last_error, created_at, finished_at)
    SELECT id, request_id, CASE WHEN instr(step, ':') > 0 THEN substr(step, 1, instr(step, ':') - 1) ELSE step END, step,
      status, due_at, attempts, max_attempts, claimed_by, lease_until,
      CASE
        WHEN step GLOB 'confirm:[0-9]*' THEN json_set(payload, '$.attempt', CAST(substr(step, 9) AS INTEGER))
        WHEN step = 'report:undo' THEN json_set(payload, '$.undo', json('true'))
        WHEN step GLOB 'remind:r*:[0-9]*' THEN json_set(payload, '$.offsetMs', CAST(substr(step, 8 + instr(substr(step, 8), ':')) AS INTEGER))
        ELSE payload
      END,
      last_error, created_at, finished_at
    FROM jobs;
  DROP TABLE jobs;
  ALTER TABLE jobs_v8 RENAME TO jobs;
  CREATE INDEX jobs_due ON jobs (due_at) WHERE status = 'pending';
  CREATE INDEX jobs_running ON jobs (lease_until) WHERE status = 'running';

  ALTER TABLE import_items ADD COLUMN intent TEXT CHECK (intent IN ('new','overwrite'));
  UPDATE import_items SET intent = reason, reason = NULL
    WHERE reason IN ('new','overwrite') AND status IN ('creating','created','overwritten','failed','undone');
  `,
];
