import { describe, expect, it } from 'vitest';
import { ownBaseUrl, qrBaseUrl } from '../../../server/app/public-url.js';

const lo = { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' } as const;
const lan = { address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.23/24' } as const;
const v6 = { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 } as const;

describe('the server’s own address for printed links', () => {
  it('ONESTOP_PUBLIC_URL first, then a specific HOST, then the first LAN IPv4, then localhost', () => {
    const interfaces = { lo: [lo], eth0: [v6, lan] };
    expect(ownBaseUrl({ port: 3000, env: { ONESTOP_PUBLIC_URL: 'https://hall.example.gov.cn/' }, interfaces })).toBe('https://hall.example.gov.cn');
    expect(ownBaseUrl({ port: 3000, host: '10.0.0.5', env: {}, interfaces })).toBe('http://10.0.0.5:3000');
    expect(ownBaseUrl({ port: 3000, host: '0.0.0.0', env: {}, interfaces })).toBe('http://192.168.1.23:3000');
    expect(ownBaseUrl({ port: 8080, env: {}, interfaces: { lo: [lo] } })).toBe('http://localhost:8080');
  });

  it('a malformed ONESTOP_PUBLIC_URL stops the start with a clear message', () => {
    expect(() => ownBaseUrl({ port: 3000, env: { ONESTOP_PUBLIC_URL: 'hall.local' } })).toThrow(/ONESTOP_PUBLIC_URL "hall.local" is not a URL/);
    expect(() => ownBaseUrl({ port: 3000, env: { ONESTOP_PUBLIC_URL: 'javascript:alert(1)' } })).toThrow(/http:\/\/ or https:\/\//);
  });

  it('the hall setting wins when set', () => {
    expect(qrBaseUrl('https://q.example/', 'http://192.168.1.23:3000')).toBe('https://q.example');
    expect(qrBaseUrl('', 'http://192.168.1.23:3000')).toBe('http://192.168.1.23:3000');
  });
});
