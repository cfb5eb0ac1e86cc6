-- The region's store. Halls and their append-only event streams; projections moved in
-- the same transaction as the events that move them.

CREATE TABLE halls (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A hall's region tokens: only the SHA-256 is kept; revoked ones stay for the audit.
CREATE TABLE hall_tokens (
  token_hash TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);
CREATE INDEX hall_tokens_hall ON hall_tokens (hall_id);

CREATE TABLE region_users (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  -- a viewer sees the halls of these areas plus these halls (empty = nothing)
  areas TEXT[] NOT NULL DEFAULT '{}',
  hall_ids TEXT[] NOT NULL DEFAULT '{}',
  active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE region_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES region_users(id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL
);

-- Where each hall's stream stands: the row is locked while a batch commits.
CREATE TABLE hall_uplink (
  hall_id TEXT PRIMARY KEY REFERENCES halls(id),
  high_water BIGINT NOT NULL DEFAULT 0,
  last_event_at TIMESTAMPTZ,
  last_received_at TIMESTAMPTZ,
  business_day TEXT
);

-- Every event of every hall, partitioned by the hall's event time (one partition a month,
-- created ahead by the region nodes). (hall_id, seq) is unique by the high-water rule.
CREATE TABLE events (
  hall_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  type TEXT NOT NULL,
  window_id TEXT,
  ticket_id TEXT,
  data JSONB NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (hall_id, at, seq)
) PARTITION BY RANGE (at);
-- reports: one hall's events in a period; one kind of event across halls in a period
CREATE INDEX events_type_at ON events (type, at);
CREATE INDEX events_hall_seq ON events (hall_id, seq);

-- Versioned configuration snapshots: a new version whenever the content changes.
CREATE TABLE hall_config (
  hall_id TEXT NOT NULL REFERENCES halls(id),
  version INT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  snapshot JSONB NOT NULL,
  PRIMARY KEY (hall_id, version)
);

-- Live projection: each hall's tickets of the current days and its windows.
CREATE TABLE live_tickets (
  hall_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  status TEXT NOT NULL,
  queued_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (hall_id, ticket_id)
);
CREATE INDEX live_tickets_waiting ON live_tickets (hall_id, queued_at) WHERE status = 'waiting';

CREATE TABLE live_windows (
  hall_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (hall_id, window_id)
);

CREATE TABLE live_alerts (
  hall_id TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  raised_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (hall_id, key)
);

-- Daily aggregates per hall, business day and service (the day a ticket record was issued on).
CREATE TABLE daily_service (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  issued INT NOT NULL DEFAULT 0,
  served INT NOT NULL DEFAULT 0,
  no_shows INT NOT NULL DEFAULT 0,
  cancelled INT NOT NULL DEFAULT 0,
  transferred INT NOT NULL DEFAULT 0,
  waits INT NOT NULL DEFAULT 0,
  wait_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
  ratings INT[] NOT NULL DEFAULT '{0,0,0,0,0}',
  PRIMARY KEY (hall_id, business_day, service_id)
);
