import pino, { type Logger } from 'pino';
import { redactUrlsIn } from './redact.ts';

/** Keys whose values never reach a log line, wherever they sit (top level or one object down). */
const SECRET_KEYS = ['token', 'password', 'secret', 'apiKey', 'api_key', 'authorization', 'cookie', 'webhook', 'discord_webhook', 'webhookUrl'];
export const REDACTED_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`), 'headers.authorization', 'headers.cookie', '*.headers.authorization'];

const MAX_DEPTH = 6;

/** Every string in a log record with its URLs redacted (query values, user-info); errors serialized first. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlsIn(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  // pino's serialized error is not a plain object: copy its fields (type, message, stack, cause…) first.
  if (value instanceof Error) return scrub({ ...pino.stdSerializers.err(value) }, depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrub(item, depth + 1);
  return out;
}

/**
 * Logs go to stderr (fd 2) so stdout carries only what a command answers.
 * Secrets never reach a log line: values under SECRET_KEYS are censored, and every URL in a message or a
 * field (not in a child logger's bindings: bind no URL) (a feed address with `?key=…`, an error quoting one) loses its query values and user-info.
 */
export function createLogger(level = process.env.CRONISTA_LOG_LEVEL ?? 'info', destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: undefined,
      // Errors are serialized (and scrubbed) in formatters.log; serializing them again would lose their type.
      serializers: { err: (err: unknown) => (err instanceof Error ? scrub(err) : err) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactUrlsIn(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export type { Logger };
