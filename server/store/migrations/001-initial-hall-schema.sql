-- initial hall schema
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  zone TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  department_id TEXT NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  number_width INTEGER NOT NULL,
  daily_quota INTEGER,
  promised_minutes INTEGER NOT NULL,
  guide TEXT NOT NULL,
  open INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE windows (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  department_id TEXT NOT NULL REFERENCES departments(id)
);

CREATE TABLE window_services (
  window_id TEXT NOT NULL REFERENCES windows(id) ON DELETE CASCADE,
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  weight REAL NOT NULL DEFAULT 1,
  PRIMARY KEY (window_id, service_id)
);

CREATE TABLE window_runtime (
  window_id TEXT PRIMARY KEY REFERENCES windows(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('closed','open','paused')),
  pause_reason TEXT,
  staff_id TEXT,
  current_ticket_id TEXT
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','supervisor','clerk')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  window_id TEXT REFERENCES windows(id) ON DELETE SET NULL
);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk','display')),
  name TEXT NOT NULL,
  token_hash TEXT UNIQUE,
  config TEXT NOT NULL DEFAULT '{}',
  revoked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  seq INTEGER NOT NULL,
  prefix TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  business_day TEXT NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  called_at TEXT,
  serving_at TEXT,
  finished_at TEXT,
  window_id TEXT,
  target_window_id TEXT,
  recall_count INTEGER NOT NULL DEFAULT 0,
  track_token TEXT NOT NULL,
  kiosk_id TEXT,
  transferred_from_id TEXT,
  masked_name TEXT,
  masked_id TEXT,
  birth_date TEXT,
  id_hmac TEXT
);
CREATE INDEX tickets_waiting ON tickets(service_id, queued_at) WHERE status = 'waiting';
CREATE INDEX tickets_queue ON tickets(service_id, priority, queued_at, seq, id)
  WHERE status = 'waiting' AND target_window_id IS NULL;
CREATE INDEX tickets_targeted ON tickets(target_window_id, queued_at, seq, id)
  WHERE status = 'waiting' AND target_window_id IS NOT NULL;
CREATE INDEX tickets_active ON tickets(status) WHERE status IN ('waiting','called','serving');
CREATE INDEX tickets_day ON tickets(business_day, service_id);
CREATE INDEX tickets_track ON tickets(track_token);
CREATE INDEX tickets_done ON tickets(service_id, finished_at) WHERE status = 'done';
CREATE INDEX tickets_hmac ON tickets(id_hmac, business_day) WHERE id_hmac IS NOT NULL;

CREATE TABLE counters (
  business_day TEXT NOT NULL,
  prefix TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (business_day, prefix)
);

CREATE TABLE streaks (service_id TEXT PRIMARY KEY, streak INTEGER NOT NULL);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT,
  window_id TEXT,
  device_id TEXT,
  ticket_id TEXT,
  data TEXT NOT NULL
);
CREATE INDEX events_ticket ON events(ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX events_type_at ON events(type, at);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

CREATE TABLE idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
