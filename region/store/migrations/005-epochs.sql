-- A hall restored from an older backup: its log no longer continues what the region
-- stored. The uplink reports it (problem), a region admin asks for a new epoch
-- (resync_requested_*), and the hall's uplink then names the last event both logs
-- share: the region moves what follows into superseded_events (kept, never counted),
-- recomputes the projections of the days it touched and takes the hall's log from there.
ALTER TABLE hall_uplink
  ADD COLUMN epoch INT NOT NULL DEFAULT 0,
  ADD COLUMN problem TEXT,
  ADD COLUMN problem_at TIMESTAMPTZ,
  ADD COLUMN resync_requested_at TIMESTAMPTZ,
  ADD COLUMN resync_requested_by TEXT,
  ADD COLUMN last_epoch JSONB;

CREATE TABLE superseded_events (
  hall_id TEXT NOT NULL,
  epoch INT NOT NULL,
  seq BIGINT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  type TEXT NOT NULL,
  window_id TEXT,
  ticket_id TEXT,
  data JSONB NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  superseded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (hall_id, epoch, seq)
);
