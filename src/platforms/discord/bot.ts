/**
 * The Discord bot: a discord.js v14 Client (Guilds intent only: slash commands need nothing more) that
 * answers slash commands, pager buttons and autocomplete through the one dispatcher.
 *
 * - Every interaction is acknowledged within Discord's 3 seconds. A command that may be slow
 *   (`mayBeSlow`: /deaths, /timeline, /search, /digest, /feeds, /config) is deferred at once, before it runs
 *   (ephemeral for admin commands), and the reply edited when the answer arrives; any other runs at once and
 *   is deferred if its answer is not ready after `deferAfterMs` (default 1.2 s). Refusals (bad input, not
 *   allowed, cooldowns) are replied directly, ephemeral.
 * - Answers are rendered by renderDiscord: the first message is the reply (or edit), the rest follow-ups;
 *   files (the /deaths chart) travel as attachments referenced by the embed image. Errors and admin
 *   answers are ephemeral. `allowed_mentions: { parse: [] }` on everything.
 * - Admin = Manage Server, re-checked on every execution from the interaction's own permissions (a
 *   PermissionsBitField, or the raw string when the member is not cached).
 * - The token is never logged.
 * - start() fails with a PlatformError saying what to check: a wrong token, a REST API out of reach, a
 *   gateway that never sends READY (readyTimeoutMs); it gives up when its AbortSignal aborts, and a
 *   later start() logs in with a fresh client.
 */
import {
  AttachmentBuilder,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  PermissionsBitField,
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type APIActionRowComponent,
  type APIButtonComponent,
} from 'discord.js';
import type { Answer } from '../../core/answer.ts';
import type { Caller, CommandDefinition, OptionDefinition } from '../../core/command.ts';
import type { AppContext } from '../../core/context.ts';
import { GENERIC_FAILURE, errorAnswer, type Dispatcher } from '../../core/dispatch.ts';
import { CronistaError, errorMessage } from '../../core/errors.ts';
import { redactUrl } from '../../core/redact.ts';
import { PlatformError, type Platform, type PlatformFactory } from '../platform.ts';
import { suggest } from './autocomplete.ts';
import { discordCacheFactory, discordEnv, restOptions, type DiscordEnv } from './env.ts';
import { PagerStore } from './pager.ts';
import { shardingOptions } from './shards.ts';
import { renderDiscord, type DiscordMessage } from './render.ts';

export interface DiscordPlatformOptions {
  /** Defer the reply when the answer is not ready after this long. Default 1,200 ms (Discord allows 3 s). */
  deferAfterMs?: number;
  /** How long start() waits for the gateway's READY. Default 30 s. */
  readyTimeoutMs?: number;
}

type OptionValue = string | number | boolean;

/** Manage Server (or Administrator), whether discord.js built a PermissionsBitField or only has the raw string. */
export function hasManageGuild(interaction: Pick<Interaction, 'memberPermissions' | 'member'>): boolean {
  const flag = PermissionFlagsBits.ManageGuild;
  const fromBits = (raw: unknown): boolean | undefined => {
    if (raw instanceof PermissionsBitField) return raw.has(flag);
    if (raw && typeof (raw as { has?: unknown }).has === 'function') return (raw as PermissionsBitField).has(flag);
    if (typeof raw === 'string' && /^\d+$/.test(raw)) return new PermissionsBitField(BigInt(raw)).has(flag);
    if (typeof raw === 'bigint') return new PermissionsBitField(raw).has(flag);
    return undefined;
  };
  return fromBits(interaction.memberPermissions) ?? fromBits((interaction.member as { permissions?: unknown } | null)?.permissions) ?? false;
}

/** Operators: Manage Server members of the home guild (DISCORD_GUILD_ID), or of any guild when it is unset. */
export function callerOf(interaction: Interaction, homeGuildId?: string): Caller {
  const isAdmin = hasManageGuild(interaction);
  const isOperator = isAdmin && (!homeGuildId || interaction.guildId === homeGuildId);
  return { platform: 'discord', userId: interaction.user.id, chatId: interaction.channelId ?? interaction.user.id, isAdmin, isOperator };
}

/** The subcommand and option values of a command interaction (the focused autocomplete value excluded on request). */
export function readOptions(data: readonly CommandInteractionOption[], skipFocused = false): { subcommand?: string; options: Record<string, OptionValue> } {
  let subcommand: string | undefined;
  let list = data;
  const group = list.find((option) => option.type === ApplicationCommandOptionType.SubcommandGroup);
  if (group) list = group.options ?? [];
  const sub = list.find((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (sub) {
    subcommand = sub.name;
    list = sub.options ?? [];
  }
  const options: Record<string, OptionValue> = {};
  for (const option of list) {
    if (skipFocused && option.focused) continue;
    if (option.value !== undefined && option.value !== null) options[option.name] = option.value;
  }
  return { ...(subcommand ? { subcommand } : {}), options };
}

function optionDefinition(command: CommandDefinition | undefined, subcommand: string | undefined, name: string): OptionDefinition | undefined {
  if (!command) return undefined;
  const options = subcommand ? command.subcommands?.find((sub) => sub.name === subcommand)?.options : command.options;
  return options?.find((option) => option.name === name);
}

/**
 * A rendered message as discord.js send options; `allowedMentions` is always "nobody". `components` (the pager's
 * buttons) come first, then the message's own link button row. An empty array clears earlier buttons.
 */
export function messageOptions(message: DiscordMessage, pagerRows?: APIActionRowComponent<APIButtonComponent>[]): InteractionReplyOptions & InteractionEditReplyOptions {
  const components = pagerRows || message.components ? [...(pagerRows ?? []), ...((message.components ?? []) as APIActionRowComponent<APIButtonComponent>[])] : undefined;
  const files = (message.files ?? []).map((file) => new AttachmentBuilder(file.path, { name: file.name, ...(file.description ? { description: file.description } : {}) }));
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowedMentions: { parse: [] },
    ...(files.length ? { files } : {}),
    ...(components ? { components } : {}),
  };
}

const timeout = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(resolve, ms, 'timeout').unref?.());

export class DiscordPlatform implements Platform {
  readonly name = 'discord';
  /** One gateway session at a time: every session receives every event, so two processes would answer each command twice. */
  readonly exclusive = true;
  client: Client;
  onFailure?: (error: unknown) => void;
  /** Set by the supervisor: a start that timed out got READY after all. */
  onRecovered?: () => void;
  /** The client failed to log in once: the next start() uses a new one. */
  private spent = false;
  /** The client's gateway connection is still being made (READY did not come in time). */
  private connecting = false;
  readonly pager: PagerStore;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly deferAfterMs: number;

  constructor(
    private readonly app: AppContext,
    private readonly dispatcher: Dispatcher,
    private readonly config: DiscordEnv,
    private readonly options: DiscordPlatformOptions = {},
  ) {
    this.deferAfterMs = options.deferAfterMs ?? 1200;
    this.pager = new PagerStore(undefined, app.shared ? { shared: app.shared } : {});
    this.client = this.createClient();
  }

  private createClient(): Client {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: restOptions(this.config),
      allowedMentions: { parse: [] },
      makeCache: discordCacheFactory(), // users and members capped (env.ts)
      ...shardingOptions(this.config.shards), // DISCORD_SHARDS: past 2,500 guilds Discord requires shards (shards.ts)
    });
    client.on(Events.InteractionCreate, (interaction) => this.track(this.onInteraction(interaction)));
    client.on(Events.Error, (error) => this.app.logger.warn({ reason: errorMessage(error) }, 'discord client error'));
    return client;
  }

  async start(signal?: AbortSignal): Promise<void> {
    this.stopping = false;
    // A client still connecting from a start that timed out is waited for again, not replaced: discord.js
    // keeps reconnecting it, and destroying a client mid-handshake leaves its shard reconnecting for ever
    // (@discordjs/ws 1.2: the aborted wait schedules a reconnect after destroy).
    const waiting = this.connecting;
    if (!waiting) {
      if (this.spent) this.client = this.createClient();
      this.spent = true;
    }
    const client = this.client;
    if (client.isReady()) return this.ready(client);
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new PlatformError(`the gateway did not send READY within ${readyTimeoutMs >= 1000 ? `${Math.round(readyTimeoutMs / 1000)} s` : `${readyTimeoutMs} ms`}`, "check the network to Discord's gateway (a proxy or firewall blocking websockets) and Discord's status page")),
        readyTimeoutMs,
      );
      onReady = () => resolve();
      client.once(Events.ClientReady, onReady);
    });
    const aborted = new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    ready.catch(() => undefined);
    aborted.catch(() => undefined);
    let loggedIn = waiting;
    try {
      const login = waiting
        ? ready
        : client.login(this.config.token).then(
            () => {
              loggedIn = true;
              return ready;
            },
            (error: unknown) => {
              // Rejected after this start gave up (e.g. aborted): nothing is connecting after all.
              if (this.client === client) this.connecting = false;
              throw error;
            },
          );
      login.catch(() => undefined);
      await Promise.race([login, ready, aborted]);
    } catch (error) {
      if (onReady) client.off(Events.ClientReady, onReady);
      // Our READY deadline or an abort: the gateway handshake may be under way (login() resolves only at READY).
      const gatewayStarted = loggedIn || error instanceof PlatformError || signal?.aborted === true;
      if (gatewayStarted) {
        // Connecting: left to discord.js, which keeps trying; READY later makes the bot run (onRecovered).
        this.connecting = true;
        client.once(Events.ClientReady, () => {
          if (!this.connecting || this.client !== client) return;
          this.connecting = false;
          this.spent = false;
          this.app.logger.info({ user: client.user?.tag }, 'discord bot ready (late)');
          this.onRecovered?.();
        });
      } else {
        // The login itself failed (REST): nothing is connecting, so destroying is safe. It may wait for
        // discord.js' identify throttle (seconds): a failed start does not wait that long.
        this.connecting = false;
        await Promise.race([client.destroy().catch(() => undefined), timeout(2000)]);
      }
      throw this.startError(error);
    } finally {
      clearTimeout(timer);
    }
    return this.ready(client);
  }

  private ready(client: Client): void {
    this.connecting = false;
    this.spent = false;
    this.app.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot ready');
  }

  /** Why the bot cannot log in, and what to check. discord.js errors do not hold the token. */
  private startError(error: unknown): PlatformError {
    if (error instanceof PlatformError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    const status = (error as { status?: unknown } | null)?.status;
    if (code === 'TokenInvalid' || status === 401) return new PlatformError('Discord refused the token (401 Unauthorized)', 'check DISCORD_TOKEN (Developer Portal → your application → Bot)');
    if (code === 'DisallowedIntents') return new PlatformError('Discord refused the gateway intents', 'enable the intents in the Developer Portal');
    const api = this.config.apiBase ?? 'https://discord.com/api';
    const cause = (error as { cause?: unknown } | null)?.cause;
    if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
      const why = (cause as { code?: unknown } | undefined)?.code ?? errorMessage(cause ?? error);
      return new PlatformError(`could not reach the Discord API at ${redactUrl(api)} (${String(why)})`, 'check the network, any proxy or firewall, and DISCORD_API_BASE');
    }
    return new PlatformError(`login failed: ${errorMessage(error)}`, 'check DISCORD_TOKEN and the network to Discord');
  }

  /**
   * Stops taking interactions, finishes those in flight — also the ones arriving meanwhile (told to retry,
   * or autocompletes) — then closes the gateway connection.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    await this.client.destroy();
  }

  /** Resolves once every interaction taken so far has been answered completely. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) return await this.onAutocomplete(interaction);
      if (this.stopping) {
        if (interaction.isRepliable()) await interaction.reply({ content: 'Cronista is restarting; try again in a minute.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
        return;
      }
      if (interaction.isChatInputCommand()) return await this.onCommand(interaction);
      if (interaction.isButton()) return await this.onButton(interaction);
    } catch (error) {
      this.app.logger.warn({ err: error, reason: errorMessage(error), type: interaction.type }, 'discord interaction failed');
      if (interaction.isRepliable()) {
        // Our own errors say what to do; anything else (paths, SQL, library internals) stays in the logs.
        const text = error instanceof CronistaError ? error.message : GENERIC_FAILURE;
        const failed = renderDiscord(errorAnswer(text, 'failed'))[0]!;
        const payload = { ...messageOptions(failed), flags: MessageFlags.Ephemeral as const };
        await (interaction.replied || interaction.deferred ? interaction.followUp(payload) : interaction.reply(payload)).catch(() => undefined);
      }
    }
  }

  /** Runs a dispatch; resolves with the answer, or 'timeout' when it is not ready in time to reply directly. */
  private async runQuick(work: Promise<Answer>): Promise<Answer | 'timeout'> {
    return Promise.race([work, timeout(this.deferAfterMs)]);
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = this.dispatcher.find(interaction.commandName);
    const { subcommand, options } = readOptions(interaction.options.data);
    const admin = command?.permission === 'admin';
    this.app.logger.info({ command: interaction.commandName, subcommand, user: interaction.user.id, channel: interaction.channelId }, 'discord command');
    const request = { name: interaction.commandName, ...(subcommand ? { subcommand } : {}), options, caller: callerOf(interaction, this.config.guildId) };
    // A command that may be slow is acknowledged before it runs, so however long it (or anything else on the
    // event loop) takes, Discord's 3 s are kept; a refusal (bad input, not allowed, cooldown) is answered directly.
    const refused = command?.mayBeSlow ? await this.dispatcher.refusal(request) : null;
    if (command?.mayBeSlow && !refused) {
      await interaction.deferReply(admin ? { flags: MessageFlags.Ephemeral } : {});
      return this.answerDeferred(interaction, await this.dispatcher.dispatch(request), admin);
    }
    const work = refused ? Promise.resolve(refused) : this.dispatcher.dispatch(request);
    const quick = await this.runQuick(work);
    if (quick !== 'timeout') {
      const answer = admin ? { ...quick, ephemeral: true } : quick;
      const [first, ...rest] = this.render(answer);
      await interaction.reply({ ...messageOptions(first!, await this.components(answer)), ...(answer.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
      for (const message of rest) await interaction.followUp({ ...messageOptions(message), ...(answer.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
      return;
    }
    await interaction.deferReply(admin ? { flags: MessageFlags.Ephemeral } : {});
    await this.answerDeferred(interaction, await work, admin);
  }

  /** The answer to a deferred command: the deferred reply edited, or (an ephemeral answer to a public one) replaced. */
  private async answerDeferred(interaction: ChatInputCommandInteraction, slow: Answer, admin: boolean): Promise<void> {
    const answer = admin ? { ...slow, ephemeral: true } : slow;
    const [first, ...rest] = this.render(answer);
    if (answer.ephemeral && !admin) {
      // The deferred reply is public and cannot become ephemeral: replace it by an ephemeral follow-up.
      await interaction.deleteReply().catch(() => undefined);
      for (const message of [first!, ...rest]) await interaction.followUp({ ...messageOptions(message), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.editReply(messageOptions(first!, await this.components(answer)));
    for (const message of rest) await interaction.followUp({ ...messageOptions(message), ...(answer.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    const request = await this.pager.parse(interaction.customId);
    if (request === null) return;
    if (request === 'expired') {
      await interaction.reply({ content: 'These buttons have expired; run the command again.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    const paged = { name: request.command, options: { ...request.options, page: request.page }, caller: callerOf(interaction, this.config.guildId) };
    // As for commands: a page of a command that may be slow is acknowledged before it is built.
    if (this.dispatcher.find(request.command)?.mayBeSlow && !(await this.dispatcher.refusal(paged))) await interaction.deferUpdate();
    const work = this.dispatcher.dispatch(paged);
    const quick = interaction.deferred ? await work : await this.runQuick(work);
    if (quick === 'timeout') await interaction.deferUpdate();
    const answer = quick === 'timeout' ? await work : quick;
    const ephemeral = answer.ephemeral || this.dispatcher.find(request.command)?.permission === 'admin';
    const [first, ...rest] = this.render(answer);
    if (answer.ephemeral && !answer.pager) {
      // A refusal or an error: told to the one who pressed, the message stays as it was.
      const payload = { ...messageOptions(first!), flags: MessageFlags.Ephemeral as const };
      await (interaction.deferred ? interaction.followUp(payload) : interaction.reply(payload));
    } else if (interaction.deferred) {
      await interaction.editReply(messageOptions(first!, (await this.components(answer)) ?? []));
    } else {
      await interaction.update(messageOptions(first!, (await this.components(answer)) ?? []));
    }
    for (const message of rest) await interaction.followUp({ ...messageOptions(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const { subcommand, options } = readOptions(interaction.options.data, true);
    const command = this.dispatcher.find(interaction.commandName);
    const definition = optionDefinition(command, subcommand, focused.name);
    const choices = definition?.autocomplete || definition?.choices ? await suggest(this.app, definition, focused.name, String(focused.value ?? ''), options) : [];
    await interaction.respond(choices);
  }

  private render(answer: Answer): DiscordMessage[] {
    const messages = renderDiscord(answer);
    return messages.length > 0 ? messages : renderDiscord({ ...answer, sections: [{ lines: [['(nothing to show)']] }] });
  }

  private async components(answer: Answer): Promise<APIActionRowComponent<APIButtonComponent>[] | undefined> {
    if (!answer.pager || answer.pager.pages <= 1) return undefined;
    return [await this.pager.row(answer.pager)];
  }
}

/** The Discord platform, or null when DISCORD_TOKEN is unset. */
export const createDiscordPlatform: PlatformFactory = (app, dispatcher, env) => {
  const config = discordEnv(env);
  return config ? new DiscordPlatform(app, dispatcher, config) : null;
};

/** Like createDiscordPlatform, with options (tests: a shorter defer delay). */
export function createDiscordPlatformWith(app: AppContext, dispatcher: Dispatcher, env: NodeJS.ProcessEnv, options: DiscordPlatformOptions): DiscordPlatform | null {
  const config = discordEnv(env);
  return config ? new DiscordPlatform(app, dispatcher, config, options) : null;
}
