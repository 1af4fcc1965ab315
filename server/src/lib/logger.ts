import pino, { type Logger } from 'pino';

/**
 * Structured logs, one event a line. Redaction is a second line of defence: the code already never
 * logs codes, tokens, passwords or whole phone numbers, and these paths catch a slip.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.code',
        '*.token',
        '*.challengeToken',
        '*.phoneNumber',
      ],
      censor: '[redacted]',
    },
  });
}
