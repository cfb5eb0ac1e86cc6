-- remote queueing, review of issue 13: a per-address daily cap on remote takes.
-- The keyed HMAC of the caller's address (as the edge resolves it, TRUST_PROXY's forwarded one behind a proxy);
-- never the clear address. Rows of days before the retention horizon go with the rest of remote_tickets.
ALTER TABLE remote_tickets ADD COLUMN address_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX remote_tickets_address ON remote_tickets(address_hash, business_day);
