-- A live ticket's place in the hall's queue (queued_at: what the hall's own live view,
-- metrics and alerts count the longest wait from) and the start of its current wait as
-- the hall's report measures it (wait_from: the issue, transfer, joint-handling step,
-- restore or arrival). They differ when the hall keeps a ticket's place (a transfer, a
-- step of a joint case, a restore, an online number arriving under the "keep" rule).
-- NULL on rows written before: their queued_at held the wait's start.
ALTER TABLE live_tickets ADD COLUMN wait_from TIMESTAMPTZ;

-- The hall report's restores (過號恢復) and online numbers (线上取号: issued, expired
-- unarrived) per day and service, so the region reports them as the halls do.
ALTER TABLE daily_service
  ADD COLUMN restored INT NOT NULL DEFAULT 0,
  ADD COLUMN remote INT NOT NULL DEFAULT 0,
  ADD COLUMN expired INT NOT NULL DEFAULT 0;
