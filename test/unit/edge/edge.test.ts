import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../../server/edge/origin.js';
import { compileTrust, peerOf } from '../../../server/edge/peer.js';
import { edgeSettingsFromEnv, parseTrustProxy } from '../../../server/edge/settings.js';
import { TokenBucket, TokenBuckets } from '../../../server/edge/token-bucket.js';

describe('TRUST_PROXY and the caller address', () => {
  it('parses like express reads `trust proxy`', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });

  it('takes the client address from X-Forwarded-For only through trusted hops', () => {
    const headers = { 'x-forwarded-for': '203.0.113.9, 10.0.0.4' };
    expect(peerOf('127.0.0.1', headers, compileTrust(false))).toEqual({ address: '127.0.0.1', proxied: true });
    expect(peerOf('127.0.0.1', headers, compileTrust('loopback'))).toEqual({ address: '10.0.0.4', proxied: true });
    expect(peerOf('127.0.0.1', headers, compileTrust('loopback, 10.0.0.0/8'))).toEqual({ address: '203.0.113.9', proxied: true });
    expect(peerOf('127.0.0.1', headers, compileTrust(1))).toEqual({ address: '10.0.0.4', proxied: true });
    expect(peerOf('::ffff:192.168.1.20', {}, compileTrust(true))).toEqual({ address: '192.168.1.20', proxied: false });
    // Forwarded and X-Real-IP mark a relayed request too (the demo kiosk exemption never applies).
    expect(peerOf('127.0.0.1', { forwarded: 'for=1.2.3.4' }, compileTrust(false)).proxied).toBe(true);
    expect(peerOf('127.0.0.1', { 'x-real-ip': '1.2.3.4' }, compileTrust(false)).proxied).toBe(true);
  });

  it('reads limits from the environment and refuses nonsense', () => {
    const s = edgeSettingsFromEnv({ TRUST_PROXY: 'loopback', ONESTOP_SOCKETS_PER_ADDRESS: '800', ONESTOP_ALLOWED_ORIGINS: 'https://a.example/, https://b.example' });
    expect(s).toMatchObject({ trustProxy: 'loopback', socketsPerAddress: 800, allowedOrigins: ['https://a.example', 'https://b.example'] });
    expect(() => edgeSettingsFromEnv({ ONESTOP_ANONYMOUS_SOCKETS: 'many' })).toThrow(/ONESTOP_ANONYMOUS_SOCKETS must be a positive number/);
  });
});

describe('Origin of browser sockets', () => {
  it('admits the hall’s own host, allowed origins and non-browsers; refuses other sites and "null"', () => {
    expect(originAllowed({ host: 'hall.lan:3000' }, [])).toBe(true);
    expect(originAllowed({ host: 'hall.lan:3000', origin: 'http://hall.lan:3000' }, [])).toBe(true);
    expect(originAllowed({ host: 'hall.lan:3000', origin: 'http://evil.example' }, [])).toBe(false);
    expect(originAllowed({ host: 'hall.lan:3000', origin: 'null' }, [])).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'https://hall.example.cn', 'x-forwarded-host': 'hall.example.cn' }, [], true)).toBe(true);
    // Without TRUST_PROXY naming the sender, X-Forwarded-Host is anybody's word (review finding).
    expect(originAllowed({ host: 'hall.lan:3000', origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' }, [])).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'https://screens.example.cn' }, ['https://screens.example.cn'])).toBe(true);
  });
});

describe('token buckets', () => {
  it('allow a burst, then the steady rate, per key', () => {
    const b = new TokenBuckets(2, 3);
    expect([0, 0, 0].map(() => b.take('a', 1000))).toEqual([0, 0, 0]);
    expect(b.take('a', 1000)).toBe(500);
    expect(b.take('b', 1000)).toBe(0);
    expect(b.take('a', 1500)).toBe(0);
    expect(b.take('a', 1500)).toBeGreaterThan(0);
  });

  it('forget keys that have refilled', () => {
    const b = new TokenBuckets(1, 2);
    b.take('a', 0);
    b.take('b', 0);
    b.sweep(5000);
    expect(b.size).toBe(0);
  });

  it('one bucket per socket', () => {
    const b = new TokenBucket(1, 2, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(999), b.take(1000)]).toEqual([true, true, false, false, true]);
  });
});
