/**
 * The Telegram platform: a grammY bot serving every dispatcher command in private chats and groups,
 * paging buttons for paged answers, and channel posts as a source (see ./channel-posts.ts).
 *
 * Environment: TELEGRAM_BOT_TOKEN (required, else no platform), TELEGRAM_API_ROOT (a Bot API server, no
 * trailing slash needed), TELEGRAM_ADMIN_IDS (user ids, comma-separated), and for webhook mode instead of
 * long polling TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_PORT (+ TELEGRAM_WEBHOOK_SECRET,
 * TELEGRAM_WEBHOOK_HOST). The token never appears in a log line.
 *
 * Routing is grammY's own (`bot.command`, `bot.on('channel_post')`, …). Long polling runs on
 * @grammyjs/runner; `sequentialize` keeps each chat's updates in order (answers follow the commands)
 * while chats run concurrently, at most MAX_CONCURRENT_UPDATES at once (p-limit: the runner's own sink
 * bound is soft, it takes a whole getUpdates batch of up to 100 at once) — in webhook mode too, through
 * the runner's sink. `stop()` stops taking updates, then waits for every handler in flight.
 *
 * Start-up failures are PlatformErrors saying what to check: 401 (the token), 409 (another poller or a
 * webhook on the same token), an unreachable Bot API. A 401/409 after start-up (the runner stops) is
 * handed to `onFailure` so the supervisor restarts the bot later.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { basename } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { createConcurrentSink, run, sequentialize, type RunnerHandle, type UpdateSink } from '@grammyjs/runner';
import { Bot, BotError, GrammyError, HttpError, InputFile, type Context } from 'grammy';
import pLimit from 'p-limit';
import type { BotCommand, CallbackQuery, Chat, Message, Update } from 'grammy/types';
import type { Answer } from '../../core/answer.ts';
import type { CommandDefinition } from '../../core/command.ts';
import { ConfigError } from '../../core/config.ts';
import type { AppContext } from '../../core/context.ts';
import type { Dispatcher } from '../../core/dispatch.ts';
import { CronistaError } from '../../core/errors.ts';
import { redactUrl } from '../../core/redact.ts';
import { parseCommandLine } from '../console/parse.ts';
import { PlatformError, type ChannelPostOutcome, type Platform, type PlatformFactory, type PlatformHooks } from '../platform.ts';
import { AdminCheckFailed, AdminResolver, parseAdminIds } from './admin.ts';
import { PagerCodec, type InlineKeyboard } from './bot-pager.ts';
import { channelPost, describeOutcome } from './channel-posts.ts';
import { renderTelegram, type TelegramMessage, type TelegramUrlKeyboard } from './render.ts';
import { TELEGRAM_PUBLIC_API_ROOT } from './send.ts';

type Keyboard = InlineKeyboard | TelegramUrlKeyboard | { inline_keyboard: (InlineKeyboard['inline_keyboard'][number] | TelegramUrlKeyboard['inline_keyboard'][number])[] };

/** The pager's buttons (if any) above the message's own link button (if any). */
function withLink(pager: InlineKeyboard | undefined, message: TelegramMessage): Keyboard | undefined {
  if (!message.reply_markup) return pager;
  if (!pager) return message.reply_markup;
  return { inline_keyboard: [...pager.inline_keyboard, ...message.reply_markup.inline_keyboard] };
}

/**
 * `chat_member` (a member's status changed; sent only to bots that are admins, and only when asked for)
 * drops the cached admin status of that chat, so a demoted admin loses admin commands at once.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'channel_post', 'edited_channel_post', 'my_chat_member', 'chat_member'] as const;
/** Updates handled at once across all chats (each chat's own run one after another). */
export const MAX_CONCURRENT_UPDATES = 32;
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const DESCRIPTION_LIMIT = 256;
const WEBHOOK_MAX_BYTES = 1024 * 1024;
/** How long the runner retries getUpdates over network errors before the supervisor takes over. */
const POLLING_MAX_RETRY_MS = 5 * 60_000;

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

export const createTelegramPlatform: PlatformFactory = (app, dispatcher, env, hooks = {}) => {
  const options = telegramOptionsFromEnv(env);
  return options ? new TelegramPlatform(app, dispatcher, options, hooks) : null;
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

/** grammY types its AbortSignal parameters with the abort-controller shim; Node's own is what it uses. */
type ApiSignal = Parameters<Bot['init']>[0];
const apiSignal = (signal: AbortSignal | undefined) => signal as unknown as ApiSignal;

/** The chat an update belongs to: its updates are handled one after another. */
function chatKey(ctx: Context): string | undefined {
  const id = ctx.chat?.id;
  return id === undefined ? undefined : String(id);
}

export class TelegramPlatform implements Platform {
  readonly name = 'telegram';
  readonly bot: Bot;
  onFailure?: (error: unknown) => void;
  private readonly admins: AdminResolver;
  private readonly pager = new PagerCodec();
  private readonly inflight = new Set<Promise<unknown>>();
  private runner: RunnerHandle | undefined;
  private sink: UpdateSink<Update> | undefined;
  private server: Server | undefined;
  private running = false;

  constructor(
    private readonly app: AppContext,
    private readonly dispatcher: Dispatcher,
    private readonly options: TelegramPlatformOptions,
    private readonly hooks: PlatformHooks = {},
  ) {
    const apiRoot = (options.apiRoot ?? TELEGRAM_PUBLIC_API_ROOT).replace(/\/+$/, '');
    this.bot = new Bot(options.token, { client: { apiRoot } });
    this.bot.api.config.use(
      autoRetry({ maxRetryAttempts: options.maxRetryAttempts ?? 5, maxDelaySeconds: options.maxDelaySeconds ?? 300, rethrowHttpErrors: true }),
    );
    this.admins = new AdminResolver(this.bot.api, options.adminIds ?? new Set(), {
      ...(options.adminCacheMs !== undefined ? { ttlMs: options.adminCacheMs } : {}),
      ...(options.adminRetryDelaysMs ? { retryDelaysMs: options.adminRetryDelaysMs } : {}),
      onError: (error, attempt, willRetry) =>
        this.app.logger.warn(`telegram: getChatMember failed (attempt ${attempt}${willRetry ? ', retrying' : ', giving up'}): ${this.describe(error)}`),
    });
    this.route();
  }

  get username(): string {
    return this.bot.isInited() ? this.bot.botInfo.username : '';
  }

  /** grammY's routing: every update type to its handler, each chat in order, every handler tracked for idle(). */
  private route(): void {
    const bot = this.bot;
    bot.use((_ctx, next) => this.track(next()));
    bot.use(sequentialize(chatKey));
    // After sequentialize: a chat's next update waits for its turn without taking one of the slots.
    const slots = pLimit(MAX_CONCURRENT_UPDATES);
    bot.use((_ctx, next) => slots(next));
    const messages = bot.on('message');
    const names = this.dispatcher.commands.map((command) => command.name).filter((name) => COMMAND_NAME.test(name));
    // Known commands, as /name or /name@thisbot; /start shows the help unless a command is called so.
    messages.command(names, (ctx) => this.onCommand(ctx.msg, this.commandName(ctx.msg), String(ctx.match ?? '')));
    if (!names.includes('start')) messages.command('start', (ctx) => this.onCommand(ctx.msg, 'help', String(ctx.match ?? '')));
    // Anything else that starts with a command: unknown ones, other spellings (/Deaths).
    messages.on('::bot_command', (ctx) => this.onOtherCommand(ctx.msg));
    bot.on('callback_query', (ctx) => this.onCallback(ctx.callbackQuery));
    bot.on('channel_post', (ctx) => this.onChannelPost(ctx.channelPost, false));
    bot.on('edited_channel_post', (ctx) => this.onChannelPost(ctx.editedChannelPost, true));
    bot.on('my_chat_member', (ctx) => {
      const { chat, new_chat_member: member } = ctx.myChatMember;
      this.admins.forgetChat(chat.id);
      this.app.logger.info(`telegram: the bot is now ${member.status} in ${chat.type} ${'title' in chat ? `"${chat.title}" ` : ''}(${chat.id})`);
    });
    bot.on('chat_member', (ctx) => {
      // Promoted, demoted, left or banned: ask Telegram again next time rather than trust the cache.
      const { chat, new_chat_member: member } = ctx.chatMember;
      this.admins.forgetChat(chat.id);
      this.app.logger.info({ chat: chat.id, user: member.user.id, status: member.status }, 'telegram: a member changed status; admin cache of the chat cleared');
    });
    // Always set: grammY's default error handler would stop polling.
    bot.catch((error) => {
      this.app.logger.error({ update: error.ctx?.update?.update_id }, `telegram: update failed: ${this.describe(error.error)}`);
    });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    void work.then(
      () => this.inflight.delete(work),
      () => this.inflight.delete(work),
    );
    return work;
  }

  async start(signal?: AbortSignal): Promise<void> {
    if (this.running) return;
    try {
      // getMe once (bot.init() would retry network errors for ever): a wrong token or an API out of
      // reach fails the start at once, with its reason.
      if (!this.bot.isInited()) this.bot.botInfo = await this.bot.api.getMe(apiSignal(signal));
      await this.registerCommands(signal);
      if (this.options.webhook) await this.startWebhook(this.options.webhook, signal);
      else await this.startPolling(signal);
    } catch (error) {
      await this.stop().catch(() => undefined);
      throw this.startError(error);
    }
    this.running = true;
  }

  async stop(): Promise<void> {
    const wasRunning = this.running || this.runner !== undefined || this.server !== undefined;
    this.running = false;
    const runner = this.runner;
    this.runner = undefined;
    if (runner?.isRunning()) {
      try {
        await runner.stop();
      } catch (error) {
        this.app.logger.warn(`telegram: stopping long polling: ${this.describe(error)}`);
      }
    }
    if (this.server) {
      const server = this.server;
      this.server = undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
    await this.idle();
    this.sink = undefined;
    if (wasRunning) this.app.logger.info('telegram: stopped');
  }

  /** Resolves once no update is being handled. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Long polling on @grammyjs/runner. It does not remove a webhook itself, and reports a 401/409 only once
   * running: both are asked first, so a bad start fails here rather than in the background.
   */
  private async startPolling(signal?: AbortSignal): Promise<void> {
    await this.bot.api.deleteWebhook({ drop_pending_updates: false }, apiSignal(signal));
    // Takes nothing (no offset): only shows that this token may poll (401) and nobody else does (409).
    await this.bot.api.getUpdates({ limit: 1, timeout: 0, allowed_updates: [...ALLOWED_UPDATES] }, apiSignal(signal));
    if (signal?.aborted) throw signal.reason;
    const runner = run(this.bot, {
      runner: {
        fetch: { timeout: this.options.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
        silent: true,
        maxRetryTime: POLLING_MAX_RETRY_MS,
      },
      sink: { concurrency: MAX_CONCURRENT_UPDATES },
    });
    this.runner = runner;
    runner.task()?.catch((error: unknown) => {
      if (this.runner !== runner) return;
      const failure = this.startError(error);
      this.app.logger.error(`telegram: long polling stopped: ${failure.message}`);
      this.running = false;
      this.runner = undefined;
      this.onFailure?.(failure);
    });
    this.app.logger.info(`telegram: @${this.username} is listening (long polling)`);
  }

  /**
   * Webhook mode. Written here rather than with grammY's webhookCallback, which answers Telegram only
   * once the handlers finished (a slow command would make Telegram send the update again): each update is
   * answered at once and handed to the runner's bounded sink.
   */
  private async startWebhook(webhook: TelegramWebhookOptions, signal?: AbortSignal): Promise<void> {
    const path = new URL(webhook.url).pathname || '/';
    const sink = createConcurrentSink<Update, BotError>(
      { consume: (update) => this.bot.handleUpdate(update) },
      async (error) => {
        await this.bot.errorHandler(error);
      },
      { concurrency: MAX_CONCURRENT_UPDATES },
    );
    this.sink = sink;
    const expected = Buffer.from(webhook.secret);
    const server = createServer((request, response) => {
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
          this.app.logger.warn(`telegram: webhook request refused: ${this.describe(error)}`);
          if (!response.headersSent) response.writeHead(400).end();
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
    await this.bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false }, apiSignal(signal));
    this.app.logger.info(`telegram: @${this.username} is listening (webhook on port ${this.webhookPort() ?? webhook.port})`);
  }

  /** The port the webhook server listens on (useful with port 0), or null. */
  webhookPort(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  private async registerCommands(signal?: AbortSignal): Promise<void> {
    const { everyone, admins } = botCommandLists(this.dispatcher.commands);
    try {
      await this.bot.api.setMyCommands(everyone, undefined, apiSignal(signal));
      await this.bot.api.setMyCommands(admins, { scope: { type: 'all_chat_administrators' } }, apiSignal(signal));
    } catch (error) {
      if (signal?.aborted || isStartFatal(error)) throw error;
      this.app.logger.warn(`telegram: setMyCommands failed: ${this.describe(error)}`);
    }
    // Operators (TELEGRAM_ADMIN_IDS) see every command in their private chat with the bot, once they started it.
    for (const id of this.admins.adminIds) {
      try {
        await this.bot.api.setMyCommands(admins, { scope: { type: 'chat', chat_id: Number(id) } }, apiSignal(signal));
      } catch (error) {
        if (signal?.aborted) throw error;
        this.app.logger.debug(`telegram: setMyCommands for admin ${id}: ${this.describe(error)}`);
      }
    }
  }

  /** The command as typed, without the bot's name, in lower case. */
  private commandName(message: Message): string {
    const entity = message.entities?.find((candidate) => candidate.type === 'bot_command' && candidate.offset === 0);
    return (message.text ?? '').slice(1, entity?.length ?? 1).split('@')[0]!.toLowerCase();
  }

  /** A command grammY did not route: answered if it is one of ours in another spelling, or addressed to this bot. */
  private async onOtherCommand(message: Message): Promise<void> {
    const text = message.text;
    const entity = message.entities?.[0];
    if (!text || !entity || entity.type !== 'bot_command' || entity.offset !== 0) return;
    const head = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?$/.exec(text.slice(0, entity.length));
    if (!head) return;
    const target = head[2];
    if (target && target.toLowerCase() !== this.username.toLowerCase()) return; // addressed to another bot
    let name = head[1]!.toLowerCase();
    if (name === 'start' && !this.dispatcher.find('start')) name = 'help';
    // In a group, an unknown command without @ may well be another bot's.
    if (message.chat.type !== 'private' && !target && !this.dispatcher.find(name)) return;
    await this.onCommand(message, name, text.slice(entity.length).trimStart());
  }

  private async onCommand(message: Message, name: string, rest: string): Promise<void> {
    const chat = message.chat;
    const inGroup = chat.type !== 'private';
    const where: Where = {
      chatId: chat.id,
      ...(inGroup ? { replyTo: message.message_id } : {}),
      ...(message.is_topic_message && message.message_thread_id !== undefined ? { threadId: message.message_thread_id } : {}),
    };
    let answer: Answer;
    try {
      const parsed = parseCommandLine(`/${name}${rest ? ` ${rest}` : ''}`, (candidate) => this.dispatcher.find(candidate));
      const needsAdmin = this.dispatcher.find(parsed.name)?.permission === 'admin';
      const caller = await this.caller(chat, message.from?.id, message.sender_chat?.id, needsAdmin);
      answer = await this.dispatcher.dispatch({ ...parsed, caller });
    } catch (error) {
      if (!(error instanceof CronistaError)) throw error;
      const code = error instanceof AdminCheckFailed ? 'failed' : 'bad_input';
      answer = { sections: [{ lines: [[error.message]] }], json: { error: { code, message: error.message } }, ephemeral: true };
    }
    await this.send(where, answer);
  }

  /**
   * Who is asking. When Telegram cannot say whether they are a chat admin, an admin command fails with
   * AdminCheckFailed; anyone else's command runs as for a member.
   */
  private async caller(chat: Pick<Chat, 'id' | 'type'>, userId: number | undefined, senderChatId: number | undefined, needsAdmin: boolean) {
    let isAdmin = false;
    try {
      isAdmin = await this.admins.isAdmin({ chat, userId, ...(senderChatId !== undefined ? { senderChatId } : {}) });
    } catch (error) {
      if (needsAdmin || !(error instanceof AdminCheckFailed)) throw error;
    }
    const isOperator = userId !== undefined && this.admins.adminIds.has(String(userId));
    return { platform: 'telegram' as const, userId: String(userId ?? senderChatId ?? ''), chatId: String(chat.id), isAdmin, isOperator };
  }

  /** Sends a rendered answer; a message Telegram refuses is logged and the rest still go (unless the chat is gone). */
  private async send(where: Where, answer: Answer): Promise<void> {
    const messages = renderTelegram(answer);
    const pagerKeyboard = answer.pager ? this.pager.keyboard(answer.pager) : undefined;
    const lastText = messages.map((message) => message.kind).lastIndexOf('text');
    for (const [index, message] of messages.entries()) {
      const keyboard = withLink(index === lastText ? pagerKeyboard : undefined, message);
      try {
        await this.sendOne(where, message, {
          reply: index === 0,
          ...(keyboard ? { keyboard } : {}),
        });
      } catch (error) {
        this.app.logger.warn(`telegram: could not answer in chat ${where.chatId}: ${this.describe(error)}`);
        if (error instanceof GrammyError && (error.error_code === 403 || /chat not found/i.test(error.description))) return;
      }
    }
  }

  private async sendOne(where: Where, message: TelegramMessage, extra: { reply: boolean; keyboard?: Keyboard }): Promise<void> {
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
        const needsAdmin = this.dispatcher.find(request.command)?.permission === 'admin';
        const caller = await this.caller(message.chat, query.from.id, undefined, needsAdmin);
        const answer = await this.dispatcher.dispatch({ name: request.command, options: { ...request.options, page: request.page }, caller });
        const error = (answer.json as { error?: { message?: string } } | null)?.error;
        if (error) notice = { text: (error.message ?? 'That did not work.').slice(0, 200), show_alert: true };
        else await this.editPage(message.chat.id, message.message_id, answer);
      }
    } catch (error) {
      if (!(error instanceof AdminCheckFailed)) throw error;
      notice = { text: error.message, show_alert: true };
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
    const first = messages.findIndex((message) => message.kind === 'text');
    if (first === -1) return;
    const page = messages[first] as Extract<TelegramMessage, { kind: 'text' }>;
    const keyboard = withLink(answer.pager ? this.pager.keyboard(answer.pager) : undefined, page);
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
    for (const message of rest) {
      const link = withLink(undefined, message);
      await this.sendOne({ chatId }, message, { reply: false, ...(link ? { keyboard: link } : {}) });
    }
  }

  /** Hands a channel post to the pipeline (`hooks.channelPost`), which stores it when the channel is a source. */
  private async onChannelPost(post: Message, edited: boolean): Promise<void> {
    const neutral = channelPost(post);
    const outcome: ChannelPostOutcome =
      'ignored' in neutral ? { status: 'ignored', reason: neutral.ignored }
      : this.hooks.channelPost ? await this.hooks.channelPost(neutral, { edited })
      : { status: 'ignored', reason: 'channel posts are not taken here' };
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

  /** Why the bot cannot run, and what the operator should check. */
  private startError(error: unknown): PlatformError {
    if (error instanceof PlatformError) return error;
    const apiRoot = redactUrl((this.options.apiRoot ?? TELEGRAM_PUBLIC_API_ROOT).replace(/\/+$/, ''));
    if (error instanceof GrammyError) {
      if (error.error_code === 401) return new PlatformError('the Bot API refused the token (401 Unauthorized)', 'check TELEGRAM_BOT_TOKEN (from @BotFather)');
      if (error.error_code === 409) {
        return new PlatformError(
          `another bot process is taking this token's updates (409 Conflict: ${error.description.replace(/^Conflict:\s*/i, '')})`,
          'stop the other Cronista (or other program) using TELEGRAM_BOT_TOKEN, or remove its webhook',
        );
      }
      if (error.error_code === 404) return new PlatformError(`the Bot API answered 404 to ${error.method}`, 'check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT');
      return new PlatformError(`the Bot API refused ${error.method}: ${error.error_code} ${error.description}`, 'see the Bot API documentation for this error');
    }
    if (error instanceof HttpError) {
      return new PlatformError(`could not reach the Bot API at ${apiRoot} (${this.describe(error.error)})`, 'check the network, any proxy or firewall, and TELEGRAM_API_ROOT');
    }
    if (isAbort(error)) return new PlatformError('start-up was cancelled', 'nothing to check');
    if (error instanceof Error && /EADDRINUSE|EACCES/.test(error.message)) {
      return new PlatformError(`the webhook server could not listen: ${error.message}`, 'check TELEGRAM_WEBHOOK_PORT and TELEGRAM_WEBHOOK_HOST');
    }
    return new PlatformError(`start-up failed: ${this.describe(error)}`, 'see the log above');
  }
}

/** A 401 or a 409 is not worth carrying on with: the start fails with it. */
function isStartFatal(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || /aborted/i.test(error.message));
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
