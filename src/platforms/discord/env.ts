import { Options, REST, type CacheFactory, type RESTOptions } from 'discord.js';
import { discordShardsFromEnv, type DiscordShards } from './shards.ts';

/** The bot's settings from the environment. The token is a secret: it is never logged or printed. */
export interface DiscordEnv {
  token: string;
  applicationId?: string;
  guildId?: string;
  /** Base of the REST API including `/api` (no version), e.g. http://127.0.0.1:PORT/api. */
  apiBase?: string;
  /** DISCORD_SHARDS (shards.ts): `auto` or a count; absent, one shard. */
  shards?: DiscordShards;
}

/** DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_BASE, DISCORD_SHARDS; null without a token. */
export function discordEnv(env: NodeJS.ProcessEnv): DiscordEnv | null {
  const token = env.DISCORD_TOKEN?.trim();
  if (!token) return null;
  const pick = (value: string | undefined) => value?.trim() || undefined;
  const applicationId = pick(env.DISCORD_APPLICATION_ID);
  const guildId = pick(env.DISCORD_GUILD_ID);
  const apiBase = pick(env.DISCORD_API_BASE)?.replace(/\/+$/, '');
  const shards = discordShardsFromEnv(env);
  return { token, ...(applicationId ? { applicationId } : {}), ...(guildId ? { guildId } : {}), ...(apiBase ? { apiBase } : {}), ...(shards !== undefined ? { shards } : {}) };
}

/**
 * Requests go through Node's own fetch rather than @discordjs/rest's bundled undici `request`: the latter
 * hands its FormData (attachments) to whatever undici installed the process-wide dispatcher first — in
 * Cronista the newer undici that sources/ imports — which cannot read another undici's FormData
 * ("action is not a function"). fetch serializes the body itself, so files upload whatever the load order.
 */
const makeRequest = ((url: string, init: Record<string, unknown>) => {
  const { dispatcher, ...rest } = init;
  return fetch(url, { ...rest, ...(dispatcher ? { dispatcher } : {}) } as RequestInit);
}) as unknown as RESTOptions['makeRequest'];

/** REST options shared by the Client and the stand-alone REST clients (deploy, channel sender). */
export function restOptions(config: Pick<DiscordEnv, 'apiBase'>): Partial<RESTOptions> {
  return { version: '10', makeRequest, ...(config.apiBase ? { api: config.apiBase } : {}) };
}

export function discordRest(config: Pick<DiscordEnv, 'token' | 'apiBase'>): REST {
  return new REST(restOptions(config)).setToken(config.token);
}

/**
 * discord.js caches every user and guild member an interaction names, for ever by default: with the Guilds
 * intent only, those caches grow with each new person who runs a command. They are capped here (the oldest
 * go first; the bot's own user and member stay), and messages per channel (buttons carry theirs) too.
 * Guilds, channels and roles are left alone (discord.js does not support limiting them; they follow the
 * servers the bot is in, not its users).
 */
export const DISCORD_CACHE_LIMITS = { users: 1000, membersPerGuild: 200, messagesPerChannel: 50 } as const;

export function discordCacheFactory(): CacheFactory {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: DISCORD_CACHE_LIMITS.messagesPerChannel,
    UserManager: { maxSize: DISCORD_CACHE_LIMITS.users, keepOverLimit: (user) => user.id === user.client.user?.id },
    GuildMemberManager: { maxSize: DISCORD_CACHE_LIMITS.membersPerGuild, keepOverLimit: (member) => member.id === member.client.user?.id },
  });
}
