-- The drill-down into one hall: which ticket (its public number, never an identity)
-- each window is serving.
ALTER TABLE live_tickets ADD COLUMN number TEXT, ADD COLUMN window_id TEXT;
CREATE INDEX live_tickets_called ON live_tickets (hall_id, window_id) WHERE status = 'called';
