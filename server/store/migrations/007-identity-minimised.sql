-- onestop: vacuum-after
-- Issue 10 #3: no stored field may help rebuild an ID number. The old mask
-- (4101**********1234: area, sequence and check digit) plus the stored birth
-- date left ~9 candidates, which the HMAC then picked from. Masks now keep only
-- the last character; birth dates are dropped (the elderly rule reads the card's
-- birth date at issue time, in memory). The file is vacuumed afterwards
-- (the marker above) so the old values do not linger in free pages.

UPDATE tickets
   SET masked_id = substr('**************************************************', 1, length(masked_id) - 1) || substr(masked_id, -1)
 WHERE masked_id IS NOT NULL AND length(masked_id) > 8;
UPDATE ticket_identities
   SET masked_id = substr('**************************************************', 1, length(masked_id) - 1) || substr(masked_id, -1)
 WHERE masked_id IS NOT NULL AND length(masked_id) > 8;
UPDATE appointments
   SET masked_id = substr('**************************************************', 1, length(masked_id) - 1) || substr(masked_id, -1)
 WHERE length(masked_id) > 8;

ALTER TABLE tickets DROP COLUMN birth_date;
ALTER TABLE ticket_identities DROP COLUMN birth_date;

-- Events written before migration 004 carried the identity; it lives in
-- ticket_identities since (where retention deletes it). Blank it in those
-- events: the one edit the append-only log ever gets, for personal data only.
DROP TRIGGER events_no_update;
UPDATE events SET data = json_set(data, '$.ticket.identity', json('null'))
 WHERE type = 'ticket.issued' AND json_type(data, '$.ticket.identity') = 'object';
UPDATE events SET data = json_set(data, '$.next.identity', json('null'))
 WHERE type = 'ticket.transferred' AND json_type(data, '$.next.identity') = 'object';
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
