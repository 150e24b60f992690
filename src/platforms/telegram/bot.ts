/**
 * The Telegram platform: a grammY bot serving every dispatcher command in private chats and groups,
 * paging buttons for paged answers, and channel posts as a source (see ./channel-posts.ts).
 *
 * Environment: TELEGRAM_BOT_TOKEN (required, else no platform), TELEGRAM_API_ROOT (a Bot API server, no
 * trailing slash needed), TELEGRAM_ADMIN_IDS (user ids, comma-separated), and for webhook mode instead of
 * long polling TELEGRAM_WEBHOOK_URL (+ TELEGRAM_WEBHOOK_SECRET; served by the story pages' server, or with
 * TELEGRAM_WEBHOOK_PORT and TELEGRAM_WEBHOOK_HOST on a port of its own). The token never appears in a log line.
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
import type { Server } from 'node:http';
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle, type UpdateSink } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import pLimit from 'p-limit';
import type { BotCommand, CallbackQuery, Chat, Message, Update } from 'grammy/types';
import type { Answer } from '../../core/answer.ts';
import type { CommandDefinition } from '../../core/command.ts';
import type { AppContext } from '../../core/context.ts';
import type { Dispatcher } from '../../core/dispatch.ts';
import { CronistaError } from '../../core/errors.ts';
import { parseCommandLine } from '../console/parse.ts';
import { PlatformError, type ChannelPostOutcome, type Platform, type PlatformFactory, type PlatformHooks } from '../platform.ts';
import { AdminCheckFailed, AdminResolver } from './admin.ts';
import { PagerCodec } from './bot-pager.ts';
import { channelPost, describeOutcome } from './channel-posts.ts';
import { describeError, isStartFatal, startError } from './errors.ts';
import { telegramOptionsFromEnv, type TelegramPlatformOptions, type TelegramWebhookOptions } from './options.ts';
import { TelegramReplies, type Where } from './replies.ts';
import { TELEGRAM_PUBLIC_API_ROOT } from './send.ts';
import { serveWebhook, webhookHandler } from './webhook.ts';

/**
 * `chat_member` (a member's status changed; sent only to bots that are admins, and only when asked for)
 * drops the cached admin status of that chat, so a demoted admin loses admin commands at once.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'channel_post', 'edited_channel_post', 'my_chat_member', 'chat_member'] as const;
/** Updates handled at once across all chats (each chat's own run one after another). */
export const MAX_CONCURRENT_UPDATES = 32;
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const DESCRIPTION_LIMIT = 256;
/** How long the runner retries getUpdates over network errors before the supervisor takes over. */
const POLLING_MAX_RETRY_MS = 5 * 60_000;

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
  /** Long polling is one process's at a time (Telegram answers a second poller 409); a webhook is served by any. */
  readonly exclusive: boolean;
  onFailure?: (error: unknown) => void;
  private readonly admins: AdminResolver;
  private readonly pager: PagerCodec;
  private readonly replies: TelegramReplies;
  private readonly inflight = new Set<Promise<unknown>>();
  private runner: RunnerHandle | undefined;
  private sink: UpdateSink<Update> | undefined;
  private server: Server | undefined;
  /** Takes the webhook off the story pages' server (webhook mode without a port of its own). */
  private unmount: (() => void) | undefined;
  private running = false;

  constructor(
    private readonly app: AppContext,
    private readonly dispatcher: Dispatcher,
    private readonly options: TelegramPlatformOptions,
    private readonly hooks: PlatformHooks = {},
  ) {
    this.exclusive = !options.webhook;
    this.pager = new PagerCodec(app.shared ? { shared: app.shared } : {});
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
    this.replies = new TelegramReplies(this.bot.api, this.pager, this.app.logger, (error) => this.describe(error));
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
    const wasRunning = this.running || this.runner !== undefined || this.server !== undefined || this.unmount !== undefined;
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
    this.unmount?.();
    this.unmount = undefined;
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
   * Webhook mode (./webhook.ts): each update is answered at once and handed to the runner's bounded sink. With
   * TELEGRAM_WEBHOOK_PORT on a server of its own, else on the story pages' server (`hooks.http`).
   */
  private async startWebhook(webhook: TelegramWebhookOptions, signal?: AbortSignal): Promise<void> {
    const options = {
      concurrency: MAX_CONCURRENT_UPDATES,
      onRefused: (error: unknown) => this.app.logger.warn(`telegram: webhook request refused: ${this.describe(error)}`),
    };
    let where: string;
    if (webhook.port !== null) {
      const { server, sink } = await serveWebhook(this.bot, { ...webhook, port: webhook.port }, options);
      this.sink = sink;
      this.server = server;
      where = `on port ${this.webhookPort() ?? webhook.port}`;
    } else {
      if (!this.hooks.http) {
        throw new PlatformError('TELEGRAM_WEBHOOK_URL is set but nothing serves it', 'set TELEGRAM_WEBHOOK_PORT, or keep the story pages\' server on (CRONISTA_HTTP_PORT)');
      }
      const handler = webhookHandler(this.bot, webhook, options);
      this.sink = handler.sink;
      this.unmount = this.hooks.http.mount(handler.path, handler.handle);
      where = `at ${handler.path} on the story pages' server`;
    }
    await this.bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false }, apiSignal(signal));
    this.app.logger.info(`telegram: @${this.username} is listening (webhook ${where})`);
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
    await this.replies.send(where, answer);
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

  /** A paging button: re-run the command for that page and edit the message in place. Always answers the query. */
  private async onCallback(query: CallbackQuery): Promise<void> {
    let notice: { text: string; show_alert?: boolean } | undefined;
    try {
      const request = query.data ? await this.pager.decode(query.data) : null;
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
        else await this.replies.editPage(message.chat.id, message.message_id, answer);
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

  private describe(error: unknown): string {
    return describeError(error, this.options.token);
  }

  private startError(error: unknown): PlatformError {
    return startError(error, this.options.token, this.options.apiRoot ?? TELEGRAM_PUBLIC_API_ROOT);
  }
}
