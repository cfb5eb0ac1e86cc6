import { describe, expect, it } from 'vitest';
import type { RouteDef } from '../../../server/http/route.js';
import { ParamDecodeError, RouteTable } from '../../../server/http/route-table.js';

const def = (method: RouteDef['method'], path: string): RouteDef => ({ method, path, summary: path, tag: 't', auth: 'public', handler: () => null });

describe('the API route table', () => {
  const routes = [
    def('get', '/api/v1/tickets/:id'),
    def('get', '/api/v1/tickets/track'), // declared after :id, so express never reached it either
    def('post', '/api/v1/tickets'),
    def('post', '/api/v1/windows/:id/call-next'),
    def('get', '/api/v1/admin/reports.csv'),
  ];
  const table = new RouteTable(routes);

  it('matches literals in any case, one trailing slash, and decodes parameters', () => {
    expect(table.match('POST', '/API/V1/Tickets/')?.route).toBe(routes[2]);
    expect(table.match('POST', '/api/v1/windows/W%201/call-next')).toEqual({ route: routes[3], params: { id: 'W 1' } });
    expect(table.match('GET', '/api/v1/admin/reports.csv')?.route).toBe(routes[4]);
    expect(table.match('GET', '/api/v1/admin/reportsxcsv')).toBeNull();
  });

  it('the first declared route wins, as in express', () => {
    expect(table.match('GET', '/api/v1/tickets/track')).toEqual({ route: routes[0], params: { id: 'track' } });
  });

  it('HEAD is answered by GET; other methods, empty segments and literal percent-encoding do not match', () => {
    expect(table.match('HEAD', '/api/v1/tickets/t1')?.route).toBe(routes[0]);
    expect(table.match('PUT', '/api/v1/tickets')).toBeNull();
    expect(table.match('POST', '/api/v1//tickets')).toBeNull();
    expect(table.match('POST', '/api/v1/tickets//')).toBeNull();
    expect(table.match('POST', '/api/v1/%74ickets')).toBeNull();
    expect(table.match('GET', '/api/v1/tickets/')).toBeNull();
  });

  it('broken percent-encoding in a parameter is a 400, and OPTIONS learns the methods of a path', () => {
    expect(() => table.match('GET', '/api/v1/tickets/%E0%A4%A')).toThrow(ParamDecodeError);
    expect(table.methodsAt('/api/v1/tickets/x')).toEqual(['GET', 'HEAD']);
    expect(table.methodsAt('/api/v1/tickets')).toEqual(['POST']);
    expect(table.methodsAt('/nowhere')).toEqual([]);
  });
});
