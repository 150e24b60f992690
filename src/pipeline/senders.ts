import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import type { Answer } from '../core/answer.ts';
import type { AppContext } from '../core/context.ts';
import { DeliveryError, InputError } from '../core/errors.ts';
import { renderPlain } from '../platforms/console/render.ts';
import { renderDiscord, type DiscordMessage } from '../platforms/discord/render.ts';
import type { WebhookOptions } from '../platforms/discord/webhook.ts';
import { renderTelegram, type TelegramMessage } from '../platforms/telegram/render.ts';
import type { TelegramSendOptions } from '../platforms/telegram/send.ts';
import type { Destination } from './destination.ts';
import { readOutbox } from './outbox.ts';

/**
 * The nonce for a message about to be sent from a destination's outbox: while `drainOutbox` sends
 * `messages[next]`, the saved outbox has that same `next` (it is saved before each send), so the nonce
 * is the same on a resumed delivery after a crash. A message sent outside an outbox gets a random one
 * (still enough for the REST client's own retries).
 */
export function outboxNonce(kv: Keyv, destination: string): (message: DiscordMessage) => Promise<string> {
  return async (message) => {
    const { MAX_NONCE, messageNonce } = await import('../platforms/discord/channel.ts');
    const outbox = await readOutbox<DiscordMessage>(kv, destination);
    const index = outbox?.next ?? -1;
    const pending = outbox?.messages[index];
    if (outbox && pending && JSON.stringify(pending) === JSON.stringify(message)) {
      return messageNonce([destination, outbox.fromSequence, outbox.toSequence, outbox.createdAt, index]);
    }
    return randomBytes(18).toString('base64url').slice(0, MAX_NONCE);
  };
}

/**
 * `load()` once, on first use: the platform modules below (and discord.js, grammY with them) are imported only
 * when a message goes to that platform, so a CLI start or a console-only service never loads them.
 */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** Sends a whole answer; resolves once the platform has accepted all of it. */
export type Send = (answer: Answer) => Promise<void>;

/**
 * A destination's sender, split so that delivery can be resumed message by message: `render` is pure
 * (its output is saved in the outbox, so it must be JSON data), `sendMessage` resolves only once the
 * platform accepted that one message. Calling it as a function sends a whole answer (render + send all).
 */
export interface MessageSender<M = unknown> {
  (answer: Answer): Promise<void>;
  platform: 'console' | 'discord' | 'telegram' | 'answer';
  render(answer: Answer): M[];
  sendMessage(message: M): Promise<void>;
}

export interface SenderOptions {
  /** Where TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  discord?: WebhookOptions;
  telegram?: Omit<TelegramSendOptions, 'token' | 'apiRoot'>;
}

export function messageSender<M>(platform: MessageSender['platform'], render: (answer: Answer) => M[], sendMessage: (message: M) => Promise<void>): MessageSender<M> {
  const send = async (answer: Answer) => {
    for (const message of render(answer)) await sendMessage(message);
  };
  return Object.assign(send, { platform, render, sendMessage });
}

/** A plain `Send` (tests, ad-hoc callers) becomes a one-message-per-answer sender; the outbox then holds the answer. */
export function asMessageSender(send: Send | MessageSender): MessageSender {
  if ('render' in send && 'sendMessage' in send) return send as MessageSender;
  return messageSender<Answer>('answer', (answer) => [answer], send);
}

export function consoleSender(): MessageSender<string> {
  return messageSender('console', (answer) => [renderPlain(answer)], async (text) => {
    await new Promise<void>((resolve, reject) => process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve())));
  });
}

export function discordWebhookSender(url: string, options: WebhookOptions = {}): MessageSender<DiscordMessage> {
  // One poster (one REST queue: Discord's rate-limit buckets) per sender.
  const poster = onFirstUse(async () => (await import('../platforms/discord/webhook.ts')).webhookPoster(url, options));
  return messageSender('discord', renderDiscord, async (message) => {
    await (await poster())(message);
  });
}

/** Posts as the bot to a channel (DISCORD_TOKEN) with a nonce that makes a re-sent outbox message a no-op. */
export function discordChannelSender(app: AppContext, destination: Destination, channelId: string, config: { token: string; apiBase?: string }): MessageSender<DiscordMessage> {
  const client = onFirstUse(async () => {
    const [{ discordRest }, { postChannelMessage }] = await Promise.all([import('../platforms/discord/env.ts'), import('../platforms/discord/channel.ts')]);
    return { rest: discordRest(config), postChannelMessage };
  });
  const nonce = outboxNonce(app.store.kv, destination.id);
  return messageSender('discord', renderDiscord, async (message) => {
    const { rest, postChannelMessage } = await client();
    await postChannelMessage(message, { rest, channelId, nonce });
  });
}

export function telegramChatSender(chat: string, options: TelegramSendOptions): MessageSender<TelegramMessage> {
  const send = onFirstUse(async () => (await import('../platforms/telegram/send.ts')).telegramSender(chat, options));
  return messageSender('telegram', renderTelegram, async (message) => (await send())(message));
}

/**
 * Loads now the platform modules the senders of `destinations` would load on their first message. A worker does this
 * before it takes jobs: loading discord.js blocks the event loop (4–5 s through tsx on a loaded 2-core machine), and in
 * the middle of a delivery that can outlast the job's lease, letting another worker resume the same outbox.
 */
export async function preloadSenders(destinations: readonly Destination[]): Promise<void> {
  const kinds = new Set(destinations.map((destination) => destination.kind));
  await Promise.all([
    kinds.has('discord_webhook') ? import('../platforms/discord/webhook.ts') : null,
    kinds.has('discord_channel') ? Promise.all([import('../platforms/discord/env.ts'), import('../platforms/discord/channel.ts')]) : null,
    kinds.has('telegram_chat') ? import('../platforms/telegram/send.ts') : null,
  ]);
}

/** How an answer reaches a destination; resolves once the platform has accepted it. */
export async function senderFor(app: AppContext, destination: Destination, options: SenderOptions = {}): Promise<MessageSender> {
  const env = options.env ?? process.env;
  switch (destination.kind) {
    case 'console':
      return consoleSender() as MessageSender;
    case 'discord_webhook': {
      if (!destination.webhookUrl) throw new InputError(`Destination ${destination.id} has no discord_webhook URL.`);
      return discordWebhookSender(destination.webhookUrl, options.discord) as MessageSender;
    }
    case 'telegram_chat': {
      if (!destination.chatId) throw new InputError(`Destination ${destination.id} has no telegram_chat.`);
      const token = env.TELEGRAM_BOT_TOKEN?.trim();
      if (!token) throw new DeliveryError(`Destination ${destination.id}: TELEGRAM_BOT_TOKEN is not set.`, { permanent: true });
      const apiRoot = env.TELEGRAM_API_ROOT?.trim() || undefined;
      return telegramChatSender(destination.chatId, { ...options.telegram, token, ...(apiRoot ? { apiRoot } : {}) }) as MessageSender;
    }
    case 'discord_channel': {
      if (!destination.channelId) throw new InputError(`Destination ${destination.id} has no discord_channel.`);
      const token = env.DISCORD_TOKEN?.trim();
      if (!token) throw new DeliveryError(`Destination ${destination.id}: DISCORD_TOKEN is not set.`, { permanent: true });
      const apiBase = env.DISCORD_API_BASE?.trim().replace(/\/+$/, '') || undefined;
      return discordChannelSender(app, destination, destination.channelId, { token, ...(apiBase ? { apiBase } : {}) }) as MessageSender;
    }
    default:
      throw new InputError(`Destination ${destination.id} (${destination.kind}) cannot be delivered to yet.`);
  }
}
