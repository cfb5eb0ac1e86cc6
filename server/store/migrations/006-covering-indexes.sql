-- people-ahead counts read only this index (no row look-ups per waiting ticket)
CREATE INDEX tickets_ahead ON tickets(service_id, target_window_id, priority, queued_at, seq, id) WHERE status = 'waiting';
