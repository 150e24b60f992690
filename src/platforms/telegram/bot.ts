/**
 * The Telegram platform: a grammY bot serving every dispatcher command in private chats and groups,
 * paging buttons for paged answers, and channel posts as a source (see ./channel-posts.ts).
 *
 * Environment: TELEGRAM_BOT_TOKEN (required, else no platform), TELEGRAM_API_ROOT (a Bot API server, no
 * trailing slash needed), TELEGRAM_ADMIN_IDS (user ids, comma-separated), and for webhook mode instead of
 * long polling TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_PORT (+ TELEGRAM_WEBHOOK_SECRET,
 * TELEGRAM_WEBHOOK_HOST). The token never appears in a log line.
 *
 * Updates are handled one after another per chat (so answers keep the order of the commands) and
 * concurrently across chats; `stop()` stops taking updates, then waits for every handler in flight.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { basename } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, InputFile, webhookCallback, type Context } from 'grammy';
import type { BotCommand, CallbackQuery, Chat, Message } from 'grammy/types';
import type { Answer } from '../../answers/answer.ts';
import type { CommandDefinition } from '../../core/command.ts';
import { ConfigError } from '../../core/config.ts';
import type { AppContext } from '../../core/context.ts';
import type { Dispatcher } from '../../core/dispatch.ts';
import { CronistaError } from '../../core/errors.ts';
import { parseCommandLine } from '../console/parse.ts';
import type { Platform, PlatformFactory } from '../platform.ts';
import { AdminResolver, parseAdminIds } from './admin.ts';
import { PagerCodec, type InlineKeyboard } from './bot-pager.ts';
import { describeOutcome, ingestChannelPost } from './channel-posts.ts';
import { renderTelegram, type TelegramMessage } from './render.ts';
import { TELEGRAM_PUBLIC_API_ROOT } from './send.ts';

/**
 * `chat_member` (a member's status changed; sent only to bots that are admins, and only when asked for)
 * drops the cached admin status of that chat, so a demoted admin loses admin commands at once.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'channel_post', 'edited_channel_post', 'my_chat_member', 'chat_member'] as const;
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const DESCRIPTION_LIMIT = 256;

export interface TelegramWebhookOptions {
  /** The public HTTPS URL Telegram posts to; its path is the one served. */
  url: string;
  port: number;
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
    const port = Number(env.TELEGRAM_WEBHOOK_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535 || !env.TELEGRAM_WEBHOOK_PORT?.trim()) {
      throw new ConfigError(`TELEGRAM_WEBHOOK_PORT: expected the port to listen on (TELEGRAM_WEBHOOK_URL is set), not "${env.TELEGRAM_WEBHOOK_PORT ?? ''}"`);
    }
    const secret = env.TELEGRAM_WEBHOOK_SECRET?.trim() || randomBytes(24).toString('hex');
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new ConfigError('TELEGRAM_WEBHOOK_SECRET: 1-256 characters A-Z, a-z, 0-9, _ and - only');
    options.webhook = { url, port, secret, ...(env.TELEGRAM_WEBHOOK_HOST?.trim() ? { host: env.TELEGRAM_WEBHOOK_HOST.trim() } : {}) };
  }
  return options;
}

export const createTelegramPlatform: PlatformFactory = (app, dispatcher, env) => {
  const options = telegramOptionsFromEnv(env);
  return options ? new TelegramPlatform(app, dispatcher, options) : null;
};

/** setMyCommands lists: everyone's commands for everybody, every command for chat administrators. */
export function botCommandLists(commands: readonly CommandDefinition[]): { everyone: BotCommand[]; admins: BotCommand[] } {
  const valid = commands.filter((command) => COMMAND_NAME.test(command.name));
  const toBotCommand = (command: CommandDefinition): BotCommand => {
    const description = (command.description.trim() || command.name).replace(/\s+/g, ' ');
    return { command: command.name, description: description.length > DESCRIPTION_LIMIT ? `${description.slice(0, DESCRIPTION_LIMIT - 1)}…` : description };
  };
  return { everyone: valid.filter((command) => command.permission === 'everyone').map(toBotCommand), admins: valid.map(toBotCommand) };
}

interface Where {
  chatId: number;
  replyTo?: number;
  threadId?: number;
}

export class TelegramPlatform implements Platform {
  readonly name = 'telegram';
  readonly bot: Bot;
  private readonly admins: AdminResolver;
  private readonly pager = new PagerCodec();
  private readonly inflight = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private polling: Promise<void> | undefined;
  private server: Server | undefined;
  private running = false;

  constructor(
    private readonly app: AppContext,
    private readonly dispatcher: Dispatcher,
    private readonly options: TelegramPlatformOptions,
  ) {
    const apiRoot = (options.apiRoot ?? TELEGRAM_PUBLIC_API_ROOT).replace(/\/+$/, '');
    this.bot = new Bot(options.token, { client: { apiRoot } });
    this.bot.api.config.use(
      autoRetry({ maxRetryAttempts: options.maxRetryAttempts ?? 5, maxDelaySeconds: options.maxDelaySeconds ?? 300, rethrowHttpErrors: true }),
    );
    this.admins = new AdminResolver(this.bot.api, options.adminIds ?? new Set(), Date.now, options.adminCacheMs);
    // Every update is scheduled, never awaited here: a slow command in one chat does not hold up the others.
    this.bot.use((ctx) => {
      this.schedule(ctx);
    });
    this.bot.catch((error) => {
      this.app.logger.error({ update: error.ctx?.update?.update_id }, `telegram: update failed: ${this.describe(error.error)}`);
    });
  }

  get username(): string {
    return this.bot.isInited() ? this.bot.botInfo.username : '';
  }

  async start(): Promise<void> {
    if (this.running) return;
    try {
      await this.bot.init();
    } catch (error) {
      // A network error's cause names the request URL, which holds the token: only the scrubbed line goes on.
      throw new Error(`telegram: getMe failed: ${this.describe(error)}`);
    }
    this.running = true;
    await this.registerCommands();
    if (this.options.webhook) await this.startWebhook(this.options.webhook);
    else await this.startPolling();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.server) {
      const server = this.server;
      this.server = undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
    if (this.polling) {
      try {
        await this.bot.stop();
      } catch (error) {
        this.app.logger.warn(`telegram: stopping long polling: ${this.describe(error)}`);
      }
      await this.polling;
      this.polling = undefined;
    }
    await this.idle();
    this.app.logger.info('telegram: stopped');
  }

  /** Resolves once no update is being handled. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private async startPolling(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      let started = false;
      this.polling = this.bot
        .start({
          drop_pending_updates: false,
          allowed_updates: [...ALLOWED_UPDATES],
          timeout: this.options.pollTimeoutSeconds ?? 30,
          onStart: (me) => {
            started = true;
            this.app.logger.info(`telegram: @${me.username} is listening (long polling)`);
            resolve();
          },
        })
        .catch((error: unknown) => {
          const message = `telegram: long polling stopped: ${this.describe(error)}`;
          this.app.logger.error(message);
          if (!started) {
            this.running = false;
            reject(new Error(message));
          }
        });
    });
  }

  private async startWebhook(webhook: TelegramWebhookOptions): Promise<void> {
    const path = new URL(webhook.url).pathname || '/';
    const callback = webhookCallback(this.bot, 'http', { secretToken: webhook.secret, onTimeout: 'return' });
    const server = createServer((request, response) => {
      const requestPath = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (request.method !== 'POST' || requestPath !== path) {
        response.writeHead(404).end();
        return;
      }
      callback(request, response).catch((error: unknown) => {
        this.app.logger.error(`telegram: webhook request failed: ${this.describe(error)}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(webhook.port, webhook.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    try {
      await this.bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
    } catch (error) {
      this.server = undefined;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      this.running = false;
      throw new Error(`telegram: setWebhook failed: ${this.describe(error)}`);
    }
    this.app.logger.info(`telegram: @${this.username} is listening (webhook on port ${this.webhookPort() ?? webhook.port})`);
  }

  /** The port the webhook server listens on (useful with port 0), or null. */
  webhookPort(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  private async registerCommands(): Promise<void> {
    const { everyone, admins } = botCommandLists(this.dispatcher.commands);
    try {
      await this.bot.api.setMyCommands(everyone);
      await this.bot.api.setMyCommands(admins, { scope: { type: 'all_chat_administrators' } });
    } catch (error) {
      this.app.logger.warn(`telegram: setMyCommands failed: ${this.describe(error)}`);
    }
    // Operators (TELEGRAM_ADMIN_IDS) see every command in their private chat with the bot, once they started it.
    for (const id of this.admins.adminIds) {
      try {
        await this.bot.api.setMyCommands(admins, { scope: { type: 'chat', chat_id: Number(id) } });
      } catch (error) {
        this.app.logger.debug(`telegram: setMyCommands for admin ${id}: ${this.describe(error)}`);
      }
    }
  }

  private schedule(ctx: Context): void {
    const chatId = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
    const key = chatId === undefined ? 'none' : String(chatId);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run: Promise<void> = previous
      .then(() => this.handle(ctx))
      .catch((error: unknown) => {
        this.app.logger.error({ update: ctx.update.update_id }, `telegram: update failed: ${this.describe(error)}`);
      });
    this.chains.set(key, run);
    this.inflight.add(run);
    void run.finally(() => {
      this.inflight.delete(run);
      if (this.chains.get(key) === run) this.chains.delete(key);
    });
  }

  private async handle(ctx: Context): Promise<void> {
    const update = ctx.update;
    if (update.message) return this.onMessage(update.message);
    if (update.callback_query) return this.onCallback(update.callback_query);
    if (update.channel_post) return this.onChannelPost(update.channel_post, false);
    if (update.edited_channel_post) return this.onChannelPost(update.edited_channel_post, true);
    if (update.my_chat_member) {
      const { chat, new_chat_member: member } = update.my_chat_member;
      this.admins.forgetChat(chat.id);
      this.app.logger.info(`telegram: the bot is now ${member.status} in ${chat.type} ${'title' in chat ? `"${chat.title}" ` : ''}(${chat.id})`);
    }
    if (update.chat_member) {
      // Promoted, demoted, left or banned: ask Telegram again next time rather than trust the cache.
      const { chat, new_chat_member: member } = update.chat_member;
      this.admins.forgetChat(chat.id);
      this.app.logger.info({ chat: chat.id, user: member.user.id, status: member.status }, 'telegram: a member changed status; admin cache of the chat cleared');
    }
  }

  private async onMessage(message: Message): Promise<void> {
    const text = message.text;
    const entity = message.entities?.[0];
    if (!text || !entity || entity.type !== 'bot_command' || entity.offset !== 0) return;
    const head = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?$/.exec(text.slice(0, entity.length));
    if (!head) return;
    const target = head[2];
    if (target && target.toLowerCase() !== this.username.toLowerCase()) return; // addressed to another bot
    const chat = message.chat;
    const inGroup = chat.type !== 'private';
    let name = head[1]!.toLowerCase();
    if (name === 'start' && !this.dispatcher.find('start')) name = 'help';
    // In a group, an unknown command without @ may well be another bot's.
    if (inGroup && !target && !this.dispatcher.find(name)) return;
    const where: Where = {
      chatId: chat.id,
      ...(inGroup ? { replyTo: message.message_id } : {}),
      ...(message.is_topic_message && message.message_thread_id !== undefined ? { threadId: message.message_thread_id } : {}),
    };
    const caller = await this.caller(chat, message.from?.id, message.sender_chat?.id);
    let answer: Answer;
    try {
      const parsed = parseCommandLine(`/${name}${text.slice(entity.length)}`, (candidate) => this.dispatcher.find(candidate));
      answer = await this.dispatcher.dispatch({ ...parsed, caller });
    } catch (error) {
      if (!(error instanceof CronistaError)) throw error;
      answer = { sections: [{ lines: [[error.message]] }], json: { error: { code: 'bad_input', message: error.message } }, ephemeral: true };
    }
    await this.send(where, answer);
  }

  private async caller(chat: Pick<Chat, 'id' | 'type'>, userId: number | undefined, senderChatId: number | undefined) {
    const isAdmin = await this.admins.isAdmin({ chat, userId, ...(senderChatId !== undefined ? { senderChatId } : {}) });
    const isOperator = userId !== undefined && this.admins.adminIds.has(String(userId));
    return { platform: 'telegram' as const, userId: String(userId ?? senderChatId ?? ''), chatId: String(chat.id), isAdmin, isOperator };
  }

  /** Sends a rendered answer; a message Telegram refuses is logged and the rest still go (unless the chat is gone). */
  private async send(where: Where, answer: Answer): Promise<void> {
    const messages = renderTelegram(answer);
    const keyboard = answer.pager ? this.pager.keyboard(answer.pager) : undefined;
    const lastText = messages.map((message) => message.kind).lastIndexOf('text');
    for (const [index, message] of messages.entries()) {
      try {
        await this.sendOne(where, message, {
          reply: index === 0,
          ...(index === lastText && keyboard ? { keyboard } : {}),
        });
      } catch (error) {
        this.app.logger.warn(`telegram: could not answer in chat ${where.chatId}: ${this.describe(error)}`);
        if (error instanceof GrammyError && (error.error_code === 403 || /chat not found/i.test(error.description))) return;
      }
    }
  }

  private async sendOne(where: Where, message: TelegramMessage, extra: { reply: boolean; keyboard?: InlineKeyboard }): Promise<void> {
    const common = {
      ...(where.threadId !== undefined ? { message_thread_id: where.threadId } : {}),
      ...(extra.reply && where.replyTo !== undefined ? { reply_parameters: { message_id: where.replyTo, allow_sending_without_reply: true } } : {}),
      ...(extra.keyboard ? { reply_markup: extra.keyboard } : {}),
    };
    switch (message.kind) {
      case 'text':
        await this.bot.api.sendMessage(where.chatId, message.text, { parse_mode: 'HTML', link_preview_options: message.link_preview_options, ...common });
        return;
      case 'photo':
        await this.bot.api.sendPhoto(where.chatId, new InputFile(message.photoPath, basename(message.photoPath)), {
          parse_mode: 'HTML',
          ...(message.caption ? { caption: message.caption } : {}),
          ...common,
        });
        return;
      case 'document':
        await this.bot.api.sendDocument(where.chatId, new InputFile(message.documentPath, message.fileName), {
          parse_mode: 'HTML',
          ...(message.caption ? { caption: message.caption } : {}),
          ...common,
        });
        return;
    }
  }

  /** A paging button: re-run the command for that page and edit the message in place. Always answers the query. */
  private async onCallback(query: CallbackQuery): Promise<void> {
    let notice: { text: string; show_alert?: boolean } | undefined;
    try {
      const request = query.data ? this.pager.decode(query.data) : null;
      const message = query.message;
      if (request === null) notice = { text: 'This button is not Cronista’s.' };
      else if (request === 'expired') notice = { text: 'This list has expired; run the command again.', show_alert: true };
      else if (!message || message.date === 0) notice = { text: 'This message is too old to change; run the command again.', show_alert: true };
      else {
        const caller = await this.caller(message.chat, query.from.id, undefined);
        const answer = await this.dispatcher.dispatch({ name: request.command, options: { ...request.options, page: request.page }, caller });
        const error = (answer.json as { error?: { message?: string } } | null)?.error;
        if (error) notice = { text: (error.message ?? 'That did not work.').slice(0, 200), show_alert: true };
        else await this.editPage(message.chat.id, message.message_id, answer);
      }
    } finally {
      try {
        await this.bot.api.answerCallbackQuery(query.id, notice ?? {});
      } catch (error) {
        this.app.logger.debug(`telegram: answerCallbackQuery: ${this.describe(error)}`);
      }
    }
  }

  private async editPage(chatId: number, messageId: number, answer: Answer): Promise<void> {
    const messages = renderTelegram(answer);
    const keyboard = answer.pager ? this.pager.keyboard(answer.pager) : undefined;
    const first = messages.findIndex((message) => message.kind === 'text');
    if (first === -1) return;
    const page = messages[first] as Extract<TelegramMessage, { kind: 'text' }>;
    try {
      await this.bot.api.editMessageText(chatId, messageId, page.text, {
        parse_mode: 'HTML',
        link_preview_options: page.link_preview_options,
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
    } catch (error) {
      if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
    }
    // A page too long for one message (rare): the rest follows as new messages.
    const rest = messages.filter((_, index) => index !== first);
    for (const message of rest) await this.sendOne({ chatId }, message, { reply: false });
  }

  private async onChannelPost(post: Message, edited: boolean): Promise<void> {
    const outcome = await ingestChannelPost(this.app, post, { edited });
    const where = `channel ${post.chat.type === 'channel' && post.chat.username ? `@${post.chat.username}` : post.chat.id}`;
    if (outcome.status === 'ignored') this.app.logger.debug(`telegram: ${edited ? 'edited ' : ''}post ${post.message_id} in ${where}: ${describeOutcome(outcome)}`);
    else this.app.logger.info(`telegram: ${edited ? 'edited ' : ''}post ${post.message_id} in ${where}: ${describeOutcome(outcome)}`);
  }

  /** An error as one line, without the token. */
  private describe(error: unknown): string {
    let text: string;
    if (error instanceof GrammyError) text = `${error.method}: ${error.error_code} ${error.description}`;
    else if (error instanceof HttpError) text = `${error.message} (${error.error instanceof Error ? error.error.message : String(error.error)})`;
    else text = error instanceof Error ? error.message : String(error);
    return this.options.token ? text.split(this.options.token).join('<token>') : text;
  }
}
