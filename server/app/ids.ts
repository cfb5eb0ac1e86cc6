import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): a millisecond timestamp then random bits. Ticket ids are
 * keys of several indexes (tickets, events by ticket, identities); ids that grow
 * with time keep those inserts at the end of each index instead of on random
 * pages, which is what keeps issuing fast with a million tickets of history.
 */
export function timeOrderedId(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A ticket's tracking token (the phone page's secret): 12 random bytes (96 bits)
 * after a 6-byte millisecond timestamp, base64url, 24 characters. The random part
 * makes it unguessable; the timestamp keeps each new token near the last one in the
 * track-token index, so issuing does not touch a random page of a year's history.
 */
export function trackingToken(now = Date.now()): string {
  const b = randomBytes(18);
  b.writeUIntBE(now, 0, 6);
  return b.toString('base64url');
}
