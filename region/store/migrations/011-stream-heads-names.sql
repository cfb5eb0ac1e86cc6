-- Where each hall's own log ends, as its uplink last said (with each batch and when it
-- reconnects): the live view shows how far the region is behind the hall in events and
-- seconds, not only when it last heard from it. A table of its own, not hall_uplink: that
-- row is locked while a batch commits, and the head is written before the batch is.
-- `epoch` is the hall's epoch at the region when the head was written: a head from before
-- a new epoch says nothing about the new one (and may be lower than the old head).
CREATE TABLE hall_heads (
  hall_id TEXT PRIMARY KEY REFERENCES halls(id),
  seq BIGINT NOT NULL,
  at TIMESTAMPTZ,
  epoch INT NOT NULL,
  reported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The hall's name in its three languages, from its configuration snapshot (`name` stays zh-CN).
ALTER TABLE halls ADD COLUMN names JSONB;
