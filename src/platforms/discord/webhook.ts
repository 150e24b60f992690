/**
 * Digests posted to a Discord webhook (`discord_webhook: <url>` destinations), through discord.js's
 * WebhookClient on the REST options of the rest of the Discord code (env.ts: Node's fetch). Its REST queue
 * honors Discord's rate-limit buckets and Retry-After, and retries 5xx answers, network failures and
 * timeouts; what is left here is the payload (our own JSON, as the channel sender posts it) and the
 * mapping of failures to a DeliveryError: permanent for a refusal (400, 401, 403, 404…), transient
 * otherwise. Errors never contain the webhook token.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DiscordAPIError, HTTPError, MessagePayload, RateLimitError, WebhookClient } from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';
import { restOptions } from './env.ts';
import type { DiscordMessage } from './render.ts';

export interface WebhookOptions {
  /** Attempts per message for 5xx answers, network failures and timeouts (first try included). Default 5. */
  maxAttempts?: number;
  /** A rate limit longer than this fails the send (transiently) instead of waiting. Default 300 s. */
  maxRetryAfterSeconds?: number;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
}

/** Where a webhook points without its secret token: "discord webhook 1234 (discord.com)". */
export function describeWebhook(url: string): string {
  try {
    const parsed = new URL(url);
    const id = /\/webhooks\/(\d+)/.exec(parsed.pathname)?.[1];
    return `discord webhook ${id ?? '?'} (${parsed.host})`;
  } catch {
    return 'discord webhook (invalid URL)';
  }
}

interface WebhookTarget {
  id: string;
  token: string;
  /** The API base (up to `/api`, no version): discord.com's, or a stand-in's in tests. */
  api: string;
  threadId?: string;
}

/** `https://discord.com/api[/v10]/webhooks/<id>/<token>[?thread_id=…]`, or null. */
function webhookTarget(url: string): WebhookTarget | null {
  try {
    const parsed = new URL(url);
    const match = /^(.*?)(?:\/v\d+)?\/webhooks\/(\d+)\/([^/]+)\/?$/.exec(parsed.pathname);
    if (!match || !/^https?:$/.test(parsed.protocol)) return null;
    const threadId = parsed.searchParams.get('thread_id') ?? undefined;
    return { api: `${parsed.origin}${match[1]}`, id: match[2]!, token: match[3]!, ...(threadId ? { threadId } : {}) };
  } catch {
    return null;
  }
}

/** The JSON payload (never with local file paths); `attachments` describes the files of a multipart post. */
export function webhookPayload(message: DiscordMessage): Record<string, unknown> {
  const { files, flags, ...rest } = message;
  const payload: Record<string, unknown> = { ...rest, allowed_mentions: { parse: [] } };
  // Webhooks cannot post ephemeral messages (flag 64); any other flag would be passed on.
  const kept = (flags ?? 0) & ~64;
  if (kept) payload.flags = kept;
  if (files?.length) {
    payload.attachments = files.map((file, id) => ({ id, filename: file.name, ...(file.description ? { description: file.description } : {}) }));
  }
  return payload;
}

/** The files of a message, read for a multipart post; a file that cannot be read is a permanent failure. */
export async function readAttachments(message: DiscordMessage): Promise<{ name: string; data: Buffer; contentType: string }[]> {
  const files = [];
  for (const file of message.files ?? []) {
    try {
      files.push({ name: file.name, data: await readFile(file.path), contentType: file.contentType });
    } catch (error) {
      throw new DeliveryError(`attachment ${basename(file.path)} cannot be read: ${(error as Error).message}`, { permanent: true, cause: error });
    }
  }
  return files;
}

/** A failure as a DeliveryError saying where and why in one line (no token, no cause that carries the URL). */
function classify(error: unknown, where: string, attempts: number): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    const wait = Math.ceil(error.retryAfter / 1000);
    return new DeliveryError(`${where}: still rate limited (429, retry_after ${wait} s)`, { permanent: false, status: 429 });
  }
  if (error instanceof DiscordAPIError) {
    const status = error.status;
    const permanent = status !== 408 && status !== 429;
    return new DeliveryError(`${where} rejected the message: ${status} ${error.message} (code ${String(error.code)})`, { permanent, status });
  }
  if (error instanceof HTTPError) return new DeliveryError(`${where}: gave up after ${attempts} attempts (${error.status} ${error.message})`, { permanent: false, status: error.status });
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const problem = (error as Error)?.name === 'AbortError' ? 'timed out' : `network error: ${cause?.code ?? cause?.message ?? (error as Error)?.name ?? String(error)}`;
  return new DeliveryError(`${where}: gave up after ${attempts} attempts (${problem})`, { permanent: false });
}

/**
 * A poster for one webhook: one WebhookClient (one REST queue, so its rate-limit state carries from message
 * to message). Each call posts one rendered message with `?wait=true` (and `with_components=true` when it has
 * link buttons: without it Discord drops the components of a webhook not owned by an application) and
 * resolves once Discord has created it.
 */
export function webhookPoster(url: string, options: WebhookOptions = {}): (message: DiscordMessage) => Promise<{ id?: string }> {
  const where = describeWebhook(url);
  const target = webhookTarget(url);
  const attempts = options.maxAttempts ?? 5;
  const maxRetryAfterMs = (options.maxRetryAfterSeconds ?? 300) * 1000;
  const client = target
    ? new WebhookClient(
        { id: target.id, token: target.token },
        {
          rest: {
            ...restOptions({ apiBase: target.api }),
            retries: Math.max(0, attempts - 1),
            timeout: options.timeoutMs ?? 30_000,
            rejectOnRateLimit: (limit) => limit.retryAfter > maxRetryAfterMs,
            userAgentAppendix: 'Cronista (news digest bot)',
          },
        },
      )
    : null;
  return async (message) => {
    if (!client || !target) throw new DeliveryError(`${where}: not a valid webhook URL`, { permanent: true });
    const payload = new MessagePayload(client, {
      ...(target.threadId ? { threadId: target.threadId } : {}),
      ...((message.components?.length ?? 0) > 0 ? { withComponents: true } : {}),
    });
    // Our JSON as it is (the same as the channel sender's), not discord.js's rendering of options.
    payload.body = webhookPayload(message);
    payload.files = await readAttachments(message);
    try {
      const created = (await client.send(payload)) as { id?: string };
      return { id: created.id };
    } catch (error) {
      throw classify(error, where, attempts);
    }
  };
}

/** Posts one rendered message to a Discord webhook (see `webhookPoster`). */
export function postWebhookMessage(url: string, message: DiscordMessage, options: WebhookOptions = {}): Promise<{ id?: string }> {
  return webhookPoster(url, options)(message);
}
