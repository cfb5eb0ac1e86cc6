-- remote queueing (线上取号): tickets taken from a phone wait as status 'remote' until they arrive.
-- One row per remote ticket: its arrival code (typed at the kiosk) and the keyed hash of the phone's
-- browser-stored device id (per-device limit). No clear device id, address or phone number is kept.
CREATE TABLE remote_tickets (
  ticket_id TEXT PRIMARY KEY,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  device_hash TEXT NOT NULL,
  arrival_code TEXT NOT NULL,
  arrived_at TEXT
);
CREATE UNIQUE INDEX remote_tickets_code ON remote_tickets(business_day, arrival_code);
CREATE INDEX remote_tickets_device ON remote_tickets(device_hash, business_day);
CREATE INDEX remote_tickets_service ON remote_tickets(business_day, service_id);
-- the expiry sweep and the kiosk's card check-in read the not-yet-arrived tickets
CREATE INDEX tickets_remote ON tickets(business_day) WHERE status = 'remote';
