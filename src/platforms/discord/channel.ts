/**
 * Digests posted by the bot itself to a channel (`discord_channel: <channel id>` destinations), through
 * discord.js's REST client (its queue honors rate limits and retries 5xx).
 *
 * Each message carries a `nonce` with `enforce_nonce: true`: Discord then returns the message it already
 * created for that nonce (within a few minutes) instead of posting it again. The nonce is derived from
 * what the outbox keeps across a restart (destination, sequence range, creation time, message index),
 * so the one message that may be re-sent after a crash (see pipeline/outbox.ts; the pipeline's `outboxNonce` derives it) is not posted twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, Routes, type REST } from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';
import type { DiscordMessage } from './render.ts';
import { readAttachments, webhookPayload } from './webhook.ts';

/** Discord's nonce limit. */
export const MAX_NONCE = 25;

/** Error codes that will not go away by retrying: the channel or the bot's access to it is gone. */
const PERMANENT_CODES = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */, 10004 /* Unknown Guild */, 50007, 50008]);

/** A deterministic nonce (≤ 25 characters) for message `index` of one outbox. */
export function messageNonce(parts: readonly (string | number | null)[]): string {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest('base64url').slice(0, MAX_NONCE);
}

export interface ChannelSendOptions {
  rest: REST;
  channelId: string;
  nonce?: (message: DiscordMessage) => Promise<string> | string;
}

function classify(error: unknown, channelId: string): DeliveryError {
  const where = `discord channel ${channelId}`;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const status = error.status;
    const permanent = PERMANENT_CODES.has(code) || (status >= 400 && status < 500 && status !== 408 && status !== 429);
    return new DeliveryError(`${where} rejected the message: ${status} ${error.message} (code ${code})`, { permanent, status, cause: error });
  }
  if (error instanceof HTTPError) {
    const permanent = error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
    return new DeliveryError(`${where}: ${error.status} ${error.message}`, { permanent, status: error.status, cause: error });
  }
  if (error instanceof DeliveryError) return error;
  const name = (error as Error)?.name === 'AbortError' ? 'timed out' : ((error as Error)?.message ?? String(error));
  return new DeliveryError(`${where}: ${name}`, { permanent: false, cause: error });
}

/** Posts one rendered message to a channel; resolves with the message id once Discord created it. */
export async function postChannelMessage(message: DiscordMessage, options: ChannelSendOptions): Promise<{ id?: string; nonce: string }> {
  const nonce = options.nonce ? await options.nonce(message) : randomBytes(18).toString('base64url').slice(0, MAX_NONCE);
  const body = { ...webhookPayload(message), nonce, enforce_nonce: true };
  const files = await readAttachments(message);
  try {
    const created = (await options.rest.post(Routes.channelMessages(options.channelId), { body, ...(files.length ? { files } : {}) })) as { id?: string };
    return { id: created?.id, nonce };
  } catch (error) {
    throw classify(error, options.channelId);
  }
}
