-- Ratings set aside by a new epoch (their events moved to superseded_events) are retracted
-- in the ratings feed: a provincial platform that already pulled one learns it no longer
-- counts. One row per rating deleted by the epoch, with the rating's own id parts (hall,
-- seq, the epoch it was stored under). `feed_xid` orders it in the feed with the ratings
-- (the same "below the oldest running transaction" rule), so a cursor hands it out once.
CREATE TABLE rating_retractions (
  hall_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  epoch INT NOT NULL,
  rated_at TIMESTAMPTZ NOT NULL,
  business_day TEXT,
  retracted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  feed_xid XID8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (hall_id, epoch, seq)
);
CREATE INDEX rating_retractions_feed ON rating_retractions (feed_xid, hall_id, seq);
