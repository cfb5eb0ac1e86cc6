import type { IncomingMessage, ServerResponse } from 'node:http';
import etag from 'etag';
import fresh from 'fresh';
import type { FileReply } from './route.js';

/**
 * Writing an API answer on node's own response, as express's res.json/res.send
 * did: reads (GET, HEAD) get a weak ETag and a 304 when the caller already has
 * that body; writes (POST, PUT, PATCH, DELETE) skip the hash, which only serves
 * conditional GETs, and go out in one write.
 */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  send(req, res, JSON.stringify(body));
}

/** A download (CSV, XLSX): its type, `attachment` with its file name, the bytes. */
export function sendFile(req: IncomingMessage, res: ServerResponse, out: FileReply): void {
  res.statusCode = 200;
  const text = typeof out.file.body === 'string';
  // Text goes out as UTF-8 and says so (express's res.send added the charset too).
  const type = out.file.contentType;
  res.setHeader('Content-Type', text && !/;\s*charset=/i.test(type) ? `${type}; charset=utf-8` : type);
  res.setHeader('content-disposition', `attachment; filename="${out.file.filename}"`);
  send(req, res, out.file.body);
}

function send(req: IncomingMessage, res: ServerResponse, body: string | Buffer): void {
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (!read) {
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
    return;
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.setHeader('Content-Length', bytes.length);
  const tag = etag(bytes, { weak: true });
  res.setHeader('ETag', tag);
  const ok = (res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 304;
  if (ok && fresh(req.headers, { etag: tag })) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.removeHeader('Transfer-Encoding');
    res.end();
    return;
  }
  // node sends no body for HEAD by itself; the length stays that of the GET.
  res.end(bytes);
}
