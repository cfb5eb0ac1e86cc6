-- ratings (好差评), supervision alerts, and identities kept out of the event log

-- One rating per ticket record; no citizen identity, only the case (ticket, service, window, staff).
CREATE TABLE ratings (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL UNIQUE,
  ticket_number TEXT NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  staff_id TEXT,
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
  reasons TEXT NOT NULL DEFAULT '[]',
  source TEXT NOT NULL CHECK (source IN ('evaluator','screen')),
  at TEXT NOT NULL
);
CREATE INDEX ratings_day ON ratings(business_day, at);

-- A condition seen by the supervision sweep: raised once, resolved when it no longer holds, acknowledged by a person.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  window_id TEXT,
  service_id TEXT,
  ticket_id TEXT,
  value INTEGER NOT NULL,
  threshold INTEGER NOT NULL,
  message TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  resolved_at TEXT,
  acked_at TEXT,
  acked_by TEXT
);
CREATE UNIQUE INDEX alerts_live ON alerts(key) WHERE resolved_at IS NULL;
CREATE INDEX alerts_unacked ON alerts(id) WHERE acked_at IS NULL;

-- Personal data of a ticket, apart from the append-only event log so retention can delete it.
CREATE TABLE ticket_identities (
  ticket_id TEXT PRIMARY KEY,
  business_day TEXT NOT NULL,
  masked_name TEXT,
  masked_id TEXT,
  birth_date TEXT,
  id_hmac TEXT NOT NULL
);
CREATE INDEX ticket_identities_day ON ticket_identities(business_day);
INSERT INTO ticket_identities (ticket_id, business_day, masked_name, masked_id, birth_date, id_hmac)
  SELECT id, business_day, masked_name, masked_id, birth_date, id_hmac FROM tickets WHERE id_hmac IS NOT NULL;

-- The sweep asks when each window last acted.
CREATE INDEX events_window ON events(window_id, id) WHERE window_id IS NOT NULL;
