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
