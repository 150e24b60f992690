import { randomBytes } from 'node:crypto';
import { ConfigError } from '../../core/config.ts';
import { parseAdminIds } from './admin.ts';

export interface TelegramWebhookOptions {
  /** The public HTTPS URL Telegram posts to; its path is the one served. */
  url: string;
  /** Its own port (TELEGRAM_WEBHOOK_PORT), or null: served on the story pages' server (CRONISTA_HTTP_PORT). */
  port: number | null;
  host?: string;
  secret: string;
}

export interface TelegramPlatformOptions {
  token: string;
  apiRoot?: string;
  adminIds?: ReadonlySet<string>;
  webhook?: TelegramWebhookOptions;
  /** Long-polling timeout (getUpdates `timeout`), seconds. Default 30. */
  pollTimeoutSeconds?: number;
  /** auto-retry bounds (429 `retry_after`, 5xx). Defaults 5 attempts, 300 s. */
  maxRetryAttempts?: number;
  maxDelaySeconds?: number;
  adminCacheMs?: number;
  /** Waits between getChatMember attempts when Telegram cannot be reached. */
  adminRetryDelaysMs?: readonly number[];
}

/** Reads the platform's settings from the environment; null without TELEGRAM_BOT_TOKEN. */
export function telegramOptionsFromEnv(env: NodeJS.ProcessEnv): TelegramPlatformOptions | null {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return null;
  const options: TelegramPlatformOptions = { token, adminIds: parseAdminIds(env.TELEGRAM_ADMIN_IDS) };
  if (env.TELEGRAM_API_ROOT?.trim()) options.apiRoot = env.TELEGRAM_API_ROOT.trim();
  const url = env.TELEGRAM_WEBHOOK_URL?.trim();
  if (url) {
    // Telegram delivers webhooks only to https URLs (setWebhook refuses http).
    if (!/^https:\/\/[^/\s]/i.test(url)) throw new ConfigError(`TELEGRAM_WEBHOOK_URL: expected an https:// URL (Telegram refuses http), not "${url}"`);
    // Without a port of its own the webhook is served by the story pages' server.
    const given = env.TELEGRAM_WEBHOOK_PORT?.trim();
    const port = given ? Number(given) : null;
    if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      throw new ConfigError(`TELEGRAM_WEBHOOK_PORT: expected the port to listen on, or nothing to use the story pages' server, not "${given}"`);
    }
    const secret = env.TELEGRAM_WEBHOOK_SECRET?.trim() || randomBytes(24).toString('hex');
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new ConfigError('TELEGRAM_WEBHOOK_SECRET: 1-256 characters A-Z, a-z, 0-9, _ and - only');
    options.webhook = { url, port, secret, ...(env.TELEGRAM_WEBHOOK_HOST?.trim() ? { host: env.TELEGRAM_WEBHOOK_HOST.trim() } : {}) };
  }
  return options;
}
