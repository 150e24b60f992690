import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import { DeliveryError } from '../../core/errors.ts';
import type { TelegramMessage } from './render.ts';

export const TELEGRAM_PUBLIC_API_ROOT = 'https://api.telegram.org';

export interface TelegramSendOptions {
  token: string;
  /** Bot API server, no trailing slash (one is removed). Default: the public one. */
  apiRoot?: string;
  /** 429 and 5xx retries by @grammyjs/auto-retry. Default 5. */
  maxRetryAttempts?: number;
  /** A `retry_after` longer than this fails the send (transiently). Default 300 s. */
  maxDelaySeconds?: number;
  /** Network failures retried here (auto-retry would retry them forever). Default 3 attempts. */
  networkAttempts?: number;
  networkDelayMs?: number;
  timeoutSeconds?: number;
}

/** grammY's Api with auto-retry: 429 `retry_after` honoured, 5xx backed off, both bounded. */
export function telegramApi(options: TelegramSendOptions): Api {
  const api = new Api(options.token, {
    apiRoot: (options.apiRoot ?? TELEGRAM_PUBLIC_API_ROOT).replace(/\/+$/, ''),
    timeoutSeconds: options.timeoutSeconds ?? 60,
  });
  api.config.use(
    autoRetry({
      maxRetryAttempts: options.maxRetryAttempts ?? 5,
      maxDelaySeconds: options.maxDelaySeconds ?? 300,
      rethrowHttpErrors: true,
    }),
  );
  return api;
}

/** Telegram's refusals that retrying cannot fix: bad request (chat not found), unauthorized (token), forbidden (blocked, kicked), not found. */
const PERMANENT = new Set([400, 401, 403, 404]);

function scrub(text: string, token: string): string {
  return token ? text.split(token).join('<token>') : text;
}

async function fileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new DeliveryError(`attachment ${basename(path)} cannot be read: ${(error as Error).message}`, { permanent: true, cause: error });
  }
}

/**
 * A sender of rendered Telegram messages to one chat (numeric id or @channel). Resolves once the Bot API
 * answered ok; a refusal (400 chat not found, 403 bot was blocked/kicked) throws a permanent DeliveryError.
 * The token never appears in an error.
 */
export function telegramSender(chat: string, options: TelegramSendOptions): (message: TelegramMessage) => Promise<void> {
  const api = telegramApi(options);
  const chatId = /^-?\d+$/.test(chat) ? Number(chat) : chat;
  const attempts = options.networkAttempts ?? 3;
  return async (message) => {
    const markup = message.reply_markup ? { reply_markup: message.reply_markup } : {};
    const call = async () => {
      switch (message.kind) {
        case 'text':
          return api.sendMessage(chatId, message.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...markup });
        case 'photo':
          return api.sendPhoto(chatId, new InputFile(await fileBytes(message.photoPath), basename(message.photoPath)), {
            parse_mode: 'HTML',
            ...markup,
            ...(message.caption ? { caption: message.caption } : {}),
          });
        case 'document':
          return api.sendDocument(chatId, new InputFile(await fileBytes(message.documentPath), message.fileName), {
            parse_mode: 'HTML',
            ...markup,
            ...(message.caption ? { caption: message.caption } : {}),
          });
      }
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await call();
        return;
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        if (error instanceof GrammyError) {
          const reason = scrub(`telegram chat ${chat}: ${error.error_code} ${error.description}`, options.token);
          if (error.error_code === 429) throw new DeliveryError(`${reason} (retry_after ${error.parameters.retry_after ?? '?'} s)`, { permanent: false, status: 429 });
          throw new DeliveryError(reason, { permanent: PERMANENT.has(error.error_code), status: error.error_code });
        }
        const network = error instanceof HttpError;
        if (network && attempt < attempts) {
          await sleep((options.networkDelayMs ?? 1000) * 2 ** (attempt - 1));
          continue;
        }
        const detail = error instanceof Error ? error.message : String(error);
        throw new DeliveryError(scrub(`telegram chat ${chat}: ${network ? 'network error' : 'failed'}: ${detail}`, options.token), { permanent: false });
      }
    }
  };
}
