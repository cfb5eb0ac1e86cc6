import express, { type RequestHandler } from 'express';

/** `application/json`, with no charset or UTF-8 (what kiosks, UIs and integrators send). */
const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/** body-parser's strict mode: the first character that is not JSON whitespace. */
const FIRST_CHAR = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/;

/** An error in body-parser's shape (status + type), so server/edge/errors.ts maps it the same way. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/**
 * `express.json({ limit, strict: true })` for the API, with a cheaper path for
 * the usual request: plain UTF-8 JSON, a Content-Length within the limit and no
 * Content-Encoding. That path reads the bytes itself and answers exactly as
 * body-parser would (an empty object for an empty body, INVALID_JSON for
 * broken or non-object JSON, a leading BOM ignored). Everything else — gzip,
 * other charsets or types, chunked or oversize bodies — goes to express.json
 * unchanged, so its answers and error codes stay the same.
 */
export function jsonBody(limitBytes: number, full: RequestHandler = express.json({ limit: limitBytes, strict: true })): RequestHandler {
  return (req, res, next) => {
    const h = req.headers;
    const length = Number(h['content-length']);
    const plain =
      !h['content-encoding'] &&
      !h['transfer-encoding'] &&
      Number.isInteger(length) &&
      length > 0 &&
      length <= limitBytes &&
      PLAIN_JSON.test(h['content-type'] ?? '') &&
      !req.readableEnded &&
      !('body' in req && req.body !== undefined);
    if (!plain) return full(req, res, next);

    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      // The error listener stays: a request torn down later must not emit an unhandled 'error'.
      next(err);
    };
    const onData = (c: Buffer) => {
      received += c.length;
      chunks.push(c);
    };
    const onAborted = () => finish(bodyError(400, 'request.aborted', 'request aborted'));
    const onError = (err: Error) => finish(bodyError(400, 'request.aborted', err.message));
    const onEnd = () => {
      if (received !== length) return finish(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) {
        req.body = {};
        return finish();
      }
      const first = FIRST_CHAR.exec(text)?.[1];
      if (first !== '{' && first !== '[') return finish(bodyError(400, 'entity.parse.failed', 'Unexpected token: the body is not a JSON object or array'));
      try {
        req.body = JSON.parse(text);
      } catch (err) {
        return finish(bodyError(400, 'entity.parse.failed', (err as Error).message));
      }
      finish();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  };
}
