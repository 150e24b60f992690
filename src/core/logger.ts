import pino, { type Logger } from 'pino';

/**
 * Logs go to stderr (fd 2) so stdout carries only what a command answers.
 * Secrets never reach a log line: anything under these keys is redacted.
 */
export function createLogger(level = process.env.CRONISTA_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.apiKey'], censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

export type { Logger };
