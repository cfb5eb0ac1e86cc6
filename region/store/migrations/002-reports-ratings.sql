-- Cross-hall reports and the ratings feed. Both are projections moved in the same
-- transaction as the events that move them (so a resent batch moves nothing twice).

-- When a live ticket was last called and started: the service time of a served record
-- runs from its start (or its last call when never started) to its finish.
ALTER TABLE live_tickets ADD COLUMN called_at TIMESTAMPTZ, ADD COLUMN serving_at TIMESTAMPTZ;

-- One sample per wait (kind 'w': queue → the call that took it out) and per service
-- (kind 's': start or last call → finish), keyed by the event that ended it. Averages,
-- medians, P90 and promised-time compliance are computed from these in SQL.
CREATE TABLE ticket_samples (
  hall_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind CHAR(1) NOT NULL CHECK (kind IN ('w', 's')),
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  seconds DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (hall_id, seq, kind)
);
CREATE INDEX ticket_samples_day ON ticket_samples (business_day, hall_id);

-- Every rating of every hall. `feed_xid` is the transaction that stored it: the feed
-- hands out rows only below the oldest transaction still running, in (feed_xid, hall,
-- seq) order, so a cursor never skips a row committed late and never repeats one.
CREATE TABLE ratings (
  hall_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  business_day TEXT,
  service_id TEXT,
  window_id TEXT,
  grade SMALLINT NOT NULL CHECK (grade BETWEEN 1 AND 5),
  reasons TEXT[] NOT NULL DEFAULT '{}',
  source TEXT,
  feed_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (hall_id, seq)
);
CREATE INDEX ratings_feed ON ratings (feed_xid, hall_id, seq);
CREATE INDEX ratings_day ON ratings (business_day, hall_id);
