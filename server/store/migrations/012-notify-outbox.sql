-- outbound notifications (webhook, booking-platform callbacks): a durable outbox.
-- A message is written in the transaction of what caused it and sent afterwards with retries;
-- `key` is the idempotency key the receiver sees (one message per ticket and condition).
CREATE TABLE notify_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX notify_outbox_due ON notify_outbox(next_at) WHERE status = 'pending';
