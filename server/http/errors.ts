import type { ErrorRequestHandler } from 'express';
import { toApiError } from '../edge/errors.js';
import type { Logger } from '../log/logger.js';

export { errorBody, HttpError } from '../edge/errors.js';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body, unexpected } = toApiError(err);
    if (unexpected) log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    else log.debug({ code: body.error.code, url: req.originalUrl }, 'request refused');
    if (res.headersSent) return;
    res.status(status).json(body);
  };
}
