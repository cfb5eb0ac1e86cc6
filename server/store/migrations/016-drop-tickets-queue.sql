-- tickets_queue (service_id, priority, queued_at, seq, id) WHERE waiting and untargeted repeats
-- tickets_ahead (service_id, target_window_id, priority, queued_at, seq, id) WHERE waiting, which
-- serves the queue heads (target_window_id IS NULL is an equality on its second column) in the
-- same order. Every issued ticket paid for the copy: one more B-tree insert and, per commit, one
-- more dirty page per service in the WAL.
DROP INDEX IF EXISTS tickets_queue;
