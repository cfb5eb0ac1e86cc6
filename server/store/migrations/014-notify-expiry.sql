-- notifications (issue 13 review): a ticket message names its ticket, so the sender can drop it
-- once its moment has passed (state 'expired'), and each message is sent on its target's own lane.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with its rows.
CREATE TABLE notify_outbox_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','expired')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  ticket_id TEXT
);
INSERT INTO notify_outbox_new (id, key, target, kind, payload, status, attempts, next_at, last_error, created_at, sent_at, ticket_id)
  SELECT id, key, target, kind, payload, status, attempts, next_at, last_error, created_at, sent_at,
         CASE WHEN key LIKE 'near:%' THEN substr(key, 6)
              WHEN key LIKE 'called:%' THEN substr(key, 8, instr(substr(key, 8), ':') - 1) END
  FROM notify_outbox;
DROP TABLE notify_outbox;
ALTER TABLE notify_outbox_new RENAME TO notify_outbox;
CREATE INDEX notify_outbox_due ON notify_outbox(target, next_at) WHERE status = 'pending';
