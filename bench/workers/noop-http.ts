/**
 * The HTTP ceiling for the issue case: a bare node:http server that answers
 * every POST with a canned 201 ticket body of the size the hall sends, doing no
 * other work. The same load generator against it shows how many requests per
 * second this machine can carry at all, with the load generator on the same
 * cores. Says READY <port>.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = process.argv[2] ?? '{}';
let n = 0;
const http = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const payload = body.replace('"#"', `"${++n}"`);
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});
http.keepAliveTimeout = 30_000;
http.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(http.address() as AddressInfo).port}\n`));
