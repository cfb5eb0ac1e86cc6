-- priority categories, per-person limits, priority-only windows, appointments, booking platforms

CREATE TABLE priority_categories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  priority_class TEXT NOT NULL CHECK (priority_class IN ('green','priority')),
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO priority_categories (id, name, priority_class, sort_order) VALUES
  ('green-investment', '{"zh-CN":"重大投资项目绿色通道","zh-TW":"重大投資項目綠色通道","en":"Green channel: major investment project"}', 'green', 1),
  ('elderly', '{"zh-CN":"老年人","zh-TW":"老年人","en":"Elderly"}', 'priority', 2),
  ('disabled', '{"zh-CN":"残疾人","zh-TW":"殘疾人","en":"Disabled"}', 'priority', 3),
  ('pregnant', '{"zh-CN":"孕妇","zh-TW":"孕婦","en":"Pregnant"}', 'priority', 4),
  ('veteran', '{"zh-CN":"现役军人和退役军人","zh-TW":"現役軍人和退役軍人","en":"Service members and veterans"}', 'priority', 5);

ALTER TABLE services ADD COLUMN id_card_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN max_waiting_per_person INTEGER;
ALTER TABLE services ADD COLUMN appointment_capacity INTEGER;

ALTER TABLE windows ADD COLUMN priority_only INTEGER NOT NULL DEFAULT 0;

-- Admin-defined slots of one service on one day replace the generated ones (no rows: generated).
CREATE TABLE appointment_days (
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  slots TEXT NOT NULL,
  PRIMARY KEY (service_id, day)
);

-- Only masked identity and a keyed HMAC of the ID number; never the number or the phone in clear.
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL REFERENCES services(id),
  day TEXT NOT NULL,
  slot_start TEXT NOT NULL,
  slot_end TEXT NOT NULL,
  masked_name TEXT NOT NULL,
  masked_id TEXT NOT NULL,
  id_hmac TEXT NOT NULL,
  masked_phone TEXT,
  status TEXT NOT NULL CHECK (status IN ('booked','checked_in','cancelled','no_show')),
  ticket_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  client_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX appointments_slot ON appointments(service_id, day, slot_start) WHERE status <> 'cancelled';
CREATE INDEX appointments_person ON appointments(id_hmac, day);
CREATE INDEX appointments_booked ON appointments(day) WHERE status = 'booked';

CREATE TABLE appointment_idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  appointment_id TEXT NOT NULL REFERENCES appointments(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);

-- Booking platforms are clients too: rebuild the table to widen its kind check.
CREATE TABLE clients_new (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk','display','platform')),
  name TEXT NOT NULL,
  token_hash TEXT UNIQUE,
  config TEXT NOT NULL DEFAULT '{}',
  revoked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
INSERT INTO clients_new (id, kind, name, token_hash, config, revoked, created_at)
  SELECT id, kind, name, token_hash, config, revoked, created_at FROM clients;
DROP TABLE clients;
ALTER TABLE clients_new RENAME TO clients;
