import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetch, FormData } from 'undici';
import { DeliveryError } from '../../core/errors.ts';
import type { DiscordMessage } from './render.ts';

export interface WebhookOptions {
  /** Attempts per message for 5xx and network failures (first try included). Default 5. */
  maxAttempts?: number;
  /** 429 answers honoured per message before giving up (transiently). Default 10. */
  maxRateLimits?: number;
  /** First backoff after a 5xx/network failure, doubled each time. Default 1,000 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `retry_after` longer than this fails the send (transiently) instead of waiting. Default 300 s. */
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

/**
 * `URL?wait=true`, keeping any query the URL has (thread_id); with `with_components=true` when the message has
 * link buttons (without it Discord drops the components of a webhook not owned by an application).
 */
export function executeUrl(url: string, withComponents = false): string {
  const parsed = new URL(url);
  parsed.searchParams.set('wait', 'true');
  if (withComponents) parsed.searchParams.set('with_components', 'true');
  return parsed.toString();
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

async function body(message: DiscordMessage): Promise<{ body: string | FormData; headers: Record<string, string> }> {
  const payload = JSON.stringify(webhookPayload(message));
  if (!message.files?.length) return { body: payload, headers: { 'content-type': 'application/json' } };
  const form = new FormData();
  form.set('payload_json', payload);
  for (const [index, file] of message.files.entries()) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      throw new DeliveryError(`attachment ${basename(file.path)} cannot be read: ${(error as Error).message}`, { permanent: true, cause: error });
    }
    form.set(`files[${index}]`, new Blob([new Uint8Array(bytes)], { type: file.contentType }), file.name);
  }
  return { body: form, headers: {} };
}

function retryAfterSeconds(headers: Headers, json: unknown): number | undefined {
  const fromBody = (json as { retry_after?: unknown } | undefined)?.retry_after;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return fromBody;
  const header = headers.get('retry-after');
  if (header !== null && header.trim() !== '' && Number.isFinite(Number(header))) return Math.max(0, Number(header));
  return undefined;
}

function rejection(status: number, json: unknown, text: string): string {
  const data = json as { message?: unknown; code?: unknown } | undefined;
  const detail = typeof data?.message === 'string' ? `${data.message}${data.code !== undefined ? ` (code ${String(data.code)})` : ''}` : text.slice(0, 200);
  return `${status}${detail ? ` ${detail}` : ''}`;
}

/**
 * Posts one rendered message to a Discord webhook with `?wait=true`; resolves once Discord has created
 * the message. 429: waits `retry_after` (body, else Retry-After header) and tries again. 5xx and
 * network failures: bounded exponential backoff. Other 4xx (400, 401, 403, 404…): a permanent
 * DeliveryError with one line saying why. Errors never contain the webhook token.
 */
export async function postWebhookMessage(url: string, message: DiscordMessage, options: WebhookOptions = {}): Promise<{ id?: string }> {
  const where = describeWebhook(url);
  let target: string;
  try {
    target = executeUrl(url, (message.components?.length ?? 0) > 0);
    if (!/^https?:$/.test(new URL(target).protocol)) throw new Error('not http(s)');
  } catch {
    throw new DeliveryError(`${where}: not a valid webhook URL`, { permanent: true });
  }
  const maxAttempts = options.maxAttempts ?? 5;
  const maxRateLimits = options.maxRateLimits ?? 10;
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 300;
  const prepared = await body(message);
  let failures = 0;
  let rateLimits = 0;
  let lastProblem = '';
  for (;;) {
    let response: Awaited<ReturnType<typeof fetch>> | undefined;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers: { ...prepared.headers, 'user-agent': 'Cronista (news digest bot)' },
        body: prepared.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      lastProblem = `network error: ${cause?.code ?? cause?.message ?? (error as Error).name}`;
    }
    if (response) {
      const text = await response.text().catch(() => '');
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (response.ok) return { id: (json as { id?: string } | undefined)?.id };
      if (response.status === 429) {
        const wait = retryAfterSeconds(response.headers as unknown as Headers, json) ?? 1;
        if (++rateLimits > maxRateLimits || wait > maxRetryAfter) {
          throw new DeliveryError(`${where}: still rate limited (429, retry_after ${wait} s)`, { permanent: false, status: 429 });
        }
        await sleep(Math.ceil(wait * 1000));
        continue;
      }
      if (response.status < 500 && response.status !== 408) {
        throw new DeliveryError(`${where} rejected the message: ${rejection(response.status, json, text)}`, { permanent: true, status: response.status });
      }
      lastProblem = rejection(response.status, json, text);
    }
    if (++failures >= maxAttempts) {
      throw new DeliveryError(`${where}: gave up after ${failures} attempts (${lastProblem})`, { permanent: false });
    }
    await sleep(Math.min(maxDelay, baseDelay * 2 ** (failures - 1)));
  }
}
