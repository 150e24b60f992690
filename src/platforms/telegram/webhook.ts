/**
 * Webhook mode's request handling. Written here rather than with grammY's webhookCallback, which answers Telegram
 * only once the handlers finished (a slow command would make Telegram send the update again): each update
 * is answered at once and handed to the runner's bounded sink.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createConcurrentSink, type UpdateSink } from '@grammyjs/runner';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import type { TelegramWebhookOptions } from './options.ts';

const WEBHOOK_MAX_BYTES = 1024 * 1024;

/** A webhook's request handler: POSTs to its path carrying its secret token become updates for `bot`. */
export interface WebhookHandler {
  /** The path Telegram posts to (the URL's path). */
  path: string;
  handle(request: IncomingMessage, response: ServerResponse): void;
  sink: UpdateSink<Update>;
}

/**
 * The handler of a webhook's requests; each update goes to `bot` through a sink running at most `concurrency` at once.
 * `onRefused`: a request that was not an update. Served on a port of its own (`serveWebhook`) or mounted on the story
 * pages' server (src/platforms/web/server.ts), when the service runs it.
 */
export function webhookHandler(
  bot: Bot,
  webhook: Pick<TelegramWebhookOptions, 'url' | 'secret'>,
  { concurrency, onRefused }: { concurrency: number; onRefused: (error: unknown) => void },
): WebhookHandler {
  const path = new URL(webhook.url).pathname || '/';
  const sink = createConcurrentSink<Update, BotError>(
    { consume: (update) => bot.handleUpdate(update) },
    async (error) => {
      await bot.errorHandler(error);
    },
    { concurrency },
  );
  const expected = Buffer.from(webhook.secret);
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const requestPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'POST' || requestPath !== path) {
      response.writeHead(404).end();
      return;
    }
    const given = Buffer.from(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(401).end('secret token is wrong');
      return;
    }
    readJson(request)
      .then(async (update) => {
        if (!update || typeof update !== 'object' || typeof (update as Update).update_id !== 'number') {
          response.writeHead(400).end();
          return;
        }
        await sink.handle([update as Update]); // waits only while MAX_CONCURRENT_UPDATES are running
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })
      .catch((error: unknown) => {
        onRefused(error);
        if (!response.headersSent) response.writeHead(400).end();
      });
  };
  return { path, handle, sink };
}

/** Listens on the webhook's own port (TELEGRAM_WEBHOOK_PORT) with `webhookHandler`. */
export async function serveWebhook(
  bot: Bot,
  webhook: TelegramWebhookOptions & { port: number },
  options: { concurrency: number; onRefused: (error: unknown) => void },
): Promise<{ server: Server; sink: UpdateSink<Update> }> {
  const { handle, sink } = webhookHandler(bot, webhook, options);
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, webhook.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, sink };
}

/** A webhook request's JSON body (at most WEBHOOK_MAX_BYTES). */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > WEBHOOK_MAX_BYTES) throw new Error(`the update is larger than ${WEBHOOK_MAX_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
