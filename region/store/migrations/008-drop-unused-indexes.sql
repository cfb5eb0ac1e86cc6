-- Indexes no query reads, dropped (every batch paid for them; region/store/*.ts was checked
-- statement by statement):
-- - events (type, at): no report reads events (they read daily_service and ticket_samples);
--   events are read by (hall, at, seq) — the primary key — or by (hall, seq) for resends and epochs.
-- - ratings (business_day, hall_id): the ratings export filters on
--   COALESCE(business_day, the rating's date), which this index cannot serve; the feed reads
--   ratings_feed, epochs the primary key.
-- Dropping a partitioned index drops it on every partition.
DROP INDEX IF EXISTS events_type_at;
DROP INDEX IF EXISTS ratings_day;
