import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { type Api, kioskToken } from '../helpers/hall.js';
import { hallForDescribe } from '../helpers/hall-describe.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A raw request (fetch hides HEAD bodies, 304s and OPTIONS details). */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(base + path, { method, headers: body !== undefined ? { 'content-type': 'application/json', ...length, ...headers } : headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The API is answered from the route table without express (server/http/api.ts): the URLs,
 * caching and error answers express gave must stay what clients rely on.
 */
describe('the API dispatcher answers as express did', () => {
  const h = hallForDescribe();
  let hall: RunningHall;
  let admin: Api;
  let kiosk: string;
  beforeAll(async () => {
    ({ hall, admin } = h);
    kiosk = await kioskToken(hall.url, admin);
  });

  it('reads carry a weak ETag and answer 304 to a caller that has that body; HEAD sends the headers only', async () => {
    const first = await raw(hall.url, 'GET', '/api/v1/services');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    const again = await raw(hall.url, 'GET', '/api/v1/services', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const head = await raw(hall.url, 'HEAD', '/api/v1/services');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(first.text));
  });

  it('paths ignore case and one trailing slash; an unknown call is 404 NOT_FOUND naming it', async () => {
    const plain = await raw(hall.url, 'GET', '/api/v1/departments');
    for (const path of ['/API/V1/Departments', '/api/v1/departments/', '/api/v1/departments?lang=en']) {
      const r = await raw(hall.url, 'GET', path);
      expect(r.status, path).toBe(200);
      expect(JSON.parse(r.text), path).toEqual(JSON.parse(plain.text));
    }
    const missing = await raw(hall.url, 'GET', '/api/v1/departments//');
    expect(missing.status).toBe(404);
    const none = await raw(hall.url, 'DELETE', '/api/v1/no-such-thing?x=1');
    expect(none.status).toBe(404);
    expect(JSON.parse(none.text)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such API call: DELETE /api/v1/no-such-thing?x=1' } });
  });

  it('path parameters are decoded; broken percent-encoding is a 400 in the error shape, not a crash', async () => {
    const bad = await raw(hall.url, 'GET', '/api/v1/track/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('BAD_REQUEST');
    const encoded = await raw(hall.url, 'GET', '/api/v1/track/%E5%8F%B7');
    expect(encoded.status).toBe(404);
    expect(JSON.parse(encoded.text).ok).toBe(false);
    expect((await raw(hall.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('OPTIONS lists the methods a path answers', async () => {
    const r = await raw(hall.url, 'OPTIONS', '/api/v1/tickets');
    expect(r.status).toBe(200);
    expect(String(r.headers.allow).split(', ')).toContain('POST');
  });

  it('writes: 201 without an ETag; bad JSON, no token and a wrong right each get their code', async () => {
    const body = JSON.stringify({ serviceId: 'social' });
    const issued = await raw(hall.url, 'POST', '/api/v1/tickets', { authorization: `Bearer ${kiosk}` }, body);
    expect(issued.status).toBe(201);
    expect(issued.headers.etag).toBeUndefined();
    expect(issued.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(issued.text).ticket.number).toMatch(/^[A-Z]+\d+$/);
    const broken = await raw(hall.url, 'POST', '/api/v1/tickets', { authorization: `Bearer ${kiosk}` }, '{"serviceId":');
    expect([broken.status, JSON.parse(broken.text).error.code]).toEqual([400, 'INVALID_JSON']);
    const anonymous = await raw(hall.url, 'GET', '/api/v1/admin/users');
    expect([anonymous.status, JSON.parse(anonymous.text).error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const kioskAsAdmin = await raw(hall.url, 'GET', '/api/v1/admin/users', { authorization: `Bearer ${kiosk}` });
    expect([kioskAsAdmin.status, JSON.parse(kioskAsAdmin.text).error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('bodies the lean parser passes on (gzip, chunked, another charset) reach the route through express.json', async () => {
    const auth = { authorization: `Bearer ${kiosk}` };
    const json = JSON.stringify({ serviceId: 'fund' });
    const gz = await raw(hall.url, 'POST', '/api/v1/tickets', { ...auth, 'content-encoding': 'gzip' }, gzipSync(json));
    expect(gz.status).toBe(201);
    expect(JSON.parse(gz.text).ticket.serviceId).toBe('fund');
    const chunked = await new Promise<Raw>((resolve, reject) => {
      const req = request(`${hall.url}/api/v1/tickets`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.write(json.slice(0, 5));
      req.end(json.slice(5));
    });
    expect(chunked.status).toBe(201);
    const latin = await raw(hall.url, 'POST', '/api/v1/tickets', { ...auth, 'content-type': 'application/json; charset=iso-8859-1' }, json);
    expect([latin.status, JSON.parse(latin.text).error.code]).toEqual([415, 'UNSUPPORTED_ENCODING']);
  });

  it('downloads keep their type, charset and file name', async () => {
    const day = (await admin.get('/api/v1/queue')).body.businessDay as string;
    const csv = await raw(hall.url, 'GET', `/api/v1/admin/reports.csv?by=service&from=${day}&to=${day}`, { authorization: `Bearer ${admin.token}` });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="report-service-${day}-${day}.csv"`);
  });

  it('a request target that is neither a path nor a URL is a 400 in plain text with the security headers (not express\'s HTML page)', async () => {
    for (const target of ['http://[x/api/v1/health', 'http://[x/', '*']) {
      const r = await new Promise<Raw>((resolve, reject) => {
        const req = request({ hostname: '127.0.0.1', port: hall.port, path: target, method: 'GET' }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(r.status, target).toBe(400);
      expect(r.headers['content-type'], target).toBe('text/plain; charset=utf-8');
      expect(r.headers['content-security-policy'], target).toContain("default-src 'self'");
      expect(r.text, target).not.toContain('<');
    }
  });
});
