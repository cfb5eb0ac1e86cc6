import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One logger per area (`logger.child({ area: 'http' })`). ID numbers and
 * tokens are redacted wherever they appear in a logged object.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { app: 'onestop' },
    redact: {
      paths: [
        'idNumber',
        '*.idNumber',
        '*.*.idNumber',
        'idCard',
        '*.idCard',
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.authorization',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
