import { describe, expect, it } from 'vitest';
import { addressCapKey } from '../../../server/app/address-key.js';

describe('addressCapKey: what the per-address cap counts by', () => {
  it('keys IPv6 on its /64, IPv4 (also IPv4-mapped) on the address', () => {
    expect(addressCapKey('2001:db8:1:2::1')).toBe(addressCapKey('2001:db8:1:2::3'));
    expect(addressCapKey('2001:db8:1:2::1')).toBe(addressCapKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressCapKey('2001:db8:1:2::1')).not.toBe(addressCapKey('2001:db8:1:3::1'));
    expect(addressCapKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressCapKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressCapKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressCapKey('203.0.113.7')).not.toBe(addressCapKey('203.0.113.8'));
  });
});
