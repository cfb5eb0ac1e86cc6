/**
 * Baseline for call → display: a bare socket.io server (same options as the
 * hall's) whose POST /call broadcasts a given `called` payload on /display,
 * the same way the hall's call-next does after its commit. Says READY <port>.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/call') {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      io.of('/display').emit('called', payload);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ticket: payload }));
    } else res.writeHead(404).end();
  });
});
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.of('/display').on('connection', (s) => s.emit('state', {}));
http.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(http.address() as AddressInfo).port}\n`));
