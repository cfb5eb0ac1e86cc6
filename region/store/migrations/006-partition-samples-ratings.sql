-- ticket_samples and ratings partitioned by month like events, on the time of the event
-- that made them (so a batch's months are known before its transaction opens and
-- retention can drop whole months of raw rows). The daily aggregates are not touched.
-- A sample whose event is gone (its events partition was archived and dropped) takes
-- 12:00 UTC of its business day. The move RAISEs (and rolls back) if any count differs.

ALTER TABLE ticket_samples RENAME TO ticket_samples_unpartitioned;
ALTER INDEX ticket_samples_pkey RENAME TO ticket_samples_unpartitioned_pkey;
ALTER INDEX ticket_samples_day RENAME TO ticket_samples_unpartitioned_day;
CREATE TABLE ticket_samples (
  hall_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind CHAR(1) NOT NULL CHECK (kind IN ('w', 's')),
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  seconds DOUBLE PRECISION NOT NULL,
  -- the time of the event that ended the wait or service: the partition key
  at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (hall_id, at, seq, kind)
) PARTITION BY RANGE (at);
CREATE INDEX ticket_samples_day ON ticket_samples (business_day, hall_id);

ALTER TABLE ratings RENAME TO ratings_unpartitioned;
ALTER INDEX ratings_pkey RENAME TO ratings_unpartitioned_pkey;
ALTER INDEX ratings_feed RENAME TO ratings_unpartitioned_feed;
ALTER INDEX ratings_day RENAME TO ratings_unpartitioned_day;
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
  -- the hall's epoch when stored: after a restored hall's new epoch a seq may carry another rating
  epoch INT NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, at, seq)
) PARTITION BY RANGE (at);
CREATE INDEX ratings_feed ON ratings (feed_xid, hall_id, seq);
CREATE INDEX ratings_day ON ratings (business_day, hall_id);

-- a partition for every month that holds rows now (region/store/partitions.ts makes the later ones)
DO $$
DECLARE m date;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC')::date FROM (
      SELECT at FROM ratings_unpartitioned
      UNION ALL SELECT COALESCE(e.at, (s.business_day || ' 12:00:00+00')::timestamptz)
        FROM ticket_samples_unpartitioned s LEFT JOIN events e ON e.hall_id = s.hall_id AND e.seq = s.seq
      UNION ALL SELECT at FROM events
    ) t
  LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF ticket_samples FOR VALUES FROM (%L) TO (%L)',
      'ticket_samples_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM'), m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF ratings FOR VALUES FROM (%L) TO (%L)',
      'ratings_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM'), m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
  END LOOP;
END $$;

INSERT INTO ticket_samples (hall_id, seq, kind, business_day, service_id, seconds, at)
SELECT s.hall_id, s.seq, s.kind, s.business_day, s.service_id, s.seconds, COALESCE(e.at, (s.business_day || ' 12:00:00+00')::timestamptz)
FROM ticket_samples_unpartitioned s LEFT JOIN events e ON e.hall_id = s.hall_id AND e.seq = s.seq;
INSERT INTO ratings SELECT * FROM ratings_unpartitioned;

DO $$
DECLARE a bigint; b bigint;
BEGIN
  SELECT count(*) INTO a FROM ticket_samples_unpartitioned;
  SELECT count(*) INTO b FROM ticket_samples;
  IF a <> b THEN RAISE EXCEPTION 'migration 006: % ticket samples before the move, % after', a, b; END IF;
  SELECT count(*) INTO a FROM ratings_unpartitioned;
  SELECT count(*) INTO b FROM ratings;
  IF a <> b THEN RAISE EXCEPTION 'migration 006: % ratings before the move, % after', a, b; END IF;
END $$;

DROP TABLE ticket_samples_unpartitioned;
DROP TABLE ratings_unpartitioned;
