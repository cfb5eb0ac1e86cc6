-- kiosk agents (issue 13 review, item 5): the network address each kiosk's agent last connected from,
-- so a connection from another address (a copied kiosk token) is seen, alerted and audited.
-- A kiosk PC's address, not a person's.
CREATE TABLE kiosk_agent_addresses (
  kiosk_id TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  seen_at TEXT NOT NULL
);
