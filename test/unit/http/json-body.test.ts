import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody } from '../../../server/http/json-body.js';
import { toApiError } from '../../../server/edge/errors.js';

/** A server that answers what the parser made of the body, or the error the hall would answer. */
function echo(parser: RequestHandler): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(parser);
  app.post('/', (req, res) => void res.json({ body: req.body === undefined ? '(undefined)' : req.body }));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const { status, body } = toApiError(err);
    res.status(status).json(body);
  };
  app.use(onError);
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }));
  });
}

const LIMIT = 64 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };

/** Bodies and headers; each is sent to the lean parser and to express.json, and the answers must be the same. */
const CASES: [string, string | Buffer, Record<string, string>, 'lean' | 'express'][] = [
  ['an object', '{"serviceId":"tax","n":1}', JSON_TYPE, 'lean'],
  ['an array', '[1,2,3]', JSON_TYPE, 'lean'],
  ['nested, with unicode', JSON.stringify({ a: { b: ['张三', '\u2028'] } }), JSON_TYPE, 'lean'],
  ['charset=utf-8', '{"a":1}', { 'content-type': 'application/json; charset=utf-8' }, 'lean'],
  ['charset="UTF-8"', '{"a":1}', { 'content-type': 'application/json; charset="UTF-8"' }, 'lean'],
  ['a BOM first', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]), JSON_TYPE, 'lean'],
  ['whitespace around', ' \n\t{"a":1} \n', JSON_TYPE, 'lean'],
  ['a string (strict)', '"text"', JSON_TYPE, 'lean'],
  ['a number (strict)', '42', JSON_TYPE, 'lean'],
  ['null (strict)', 'null', JSON_TYPE, 'lean'],
  ['only whitespace', '   ', JSON_TYPE, 'lean'],
  ['broken JSON', '{"serviceId":', JSON_TYPE, 'lean'],
  ['trailing junk', '{"a":1} x', JSON_TYPE, 'lean'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), JSON_TYPE, 'lean'],
  ['just over the limit', `{"a":"${'x'.repeat(LIMIT)}"}`, JSON_TYPE, 'express'],
  ['latin1 charset', '{"a":1}', { 'content-type': 'application/json; charset=latin1' }, 'express'],
  ['gzip', gzipSync('{"a":1}'), { ...JSON_TYPE, 'content-encoding': 'gzip' }, 'express'],
  ['text/plain', '{"a":1}', { 'content-type': 'text/plain' }, 'express'],
  ['no content type', '{"a":1}', {}, 'express'],
];

describe('the lean JSON body parser answers exactly as express.json', () => {
  let lean: { url: string; server: Server };
  let reference: { url: string; server: Server };
  /** Requests the lean parser handed to express.json. */
  let fellBack = 0;

  beforeAll(async () => {
    const expressJson = express.json({ limit: LIMIT, strict: true });
    lean = await echo(
      jsonBody(LIMIT, (req, res, next) => {
        fellBack++;
        expressJson(req, res, next);
      }),
    );
    reference = await echo(express.json({ limit: LIMIT, strict: true }));
  });
  afterAll(() => {
    lean.server.close();
    reference.server.close();
  });

  const send = async (url: string, body: string | Buffer, headers: Record<string, string>) => {
    const r = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    return { status: r.status, body: await r.json() };
  };

  it.each(CASES)('%s', async (_name, body, headers, path) => {
    const want = await send(reference.url, body, headers);
    const before = fellBack;
    const got = await send(lean.url, body, headers);
    expect(fellBack - before).toBe(path === 'express' ? 1 : 0);
    expect(got.status).toBe(want.status);
    if (want.status === 200) expect(got.body).toEqual(want.body);
    else expect(got.body.error.code).toBe(want.body.error.code);
  });

  it('the cases reach both outcomes', async () => {
    const statuses = new Set<number>();
    for (const [, body, headers] of CASES) statuses.add((await send(lean.url, body, headers)).status);
    expect([...statuses].sort()).toEqual([200, 400, 413, 415]);
  });
});
