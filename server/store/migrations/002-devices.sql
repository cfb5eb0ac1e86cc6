-- devices bound to kiosks, windows and the hall
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('printer','idcard','led','keypad','evaluator')),
  uri TEXT NOT NULL,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('kiosk','window','hall')),
  owner_id TEXT,
  options TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1
);
