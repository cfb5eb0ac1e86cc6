import { describe, expect, it } from 'vitest';
import { timeOrderedId, trackingToken } from '../../../server/app/ids.js';

describe('ids', () => {
  it('ticket ids are UUIDv7 and sort by time', () => {
    const a = timeOrderedId(1_700_000_000_000);
    const b = timeOrderedId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });

  it('tracking tokens: 24 url-safe characters, a shared time prefix, 96 random bits after it', () => {
    const at = 1_764_300_000_000;
    const tokens = Array.from({ length: 1000 }, () => trackingToken(at));
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // Same millisecond: the same first 8 characters (6 bytes of time), all different after them.
    expect(new Set(tokens.map((t) => t.slice(0, 8))).size).toBe(1);
    expect(new Set(tokens.map((t) => t.slice(8))).size).toBe(1000);
    expect(Buffer.from(tokens[0], 'base64url').readUIntBE(0, 6)).toBe(at);
    // Tokens a minute apart share a prefix, so their index entries are neighbours.
    expect(trackingToken(at + 60_000).slice(0, 5)).toBe(tokens[0].slice(0, 5));
  });
});
