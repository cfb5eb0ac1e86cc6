-- A new epoch in two steps: the hall PROPOSES a common point (the region computes how many
-- events and which dates it would set aside), a region admin CONFIRMS it. problem_floor is
-- the lowest common point the hall's own reports allow (the head it reported when BEHIND,
-- the diverged seq - 1 when DIVERGED); a hall cannot propose below it.
ALTER TABLE hall_uplink
  ADD COLUMN problem_floor BIGINT,
  ADD COLUMN proposal JSONB;
