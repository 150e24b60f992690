/**
 * DISCORD_SHARDS: how many gateway shards the bot runs. Discord requires sharding from 2,500 guilds on (a session
 * then refuses to identify without it); below that one shard (the default, unset) is enough. `auto` asks Discord for
 * its recommended count at each login; a number N runs shards 0…N-1. All of them run in the process holding the
 * gateway (discord.js' internal sharding through @discordjs/ws): in distributed mode that is the `cronista start`
 * holding the schedules, so one process receives every guild's interactions. Kept apart from env.ts, which loads
 * discord.js, so the composition root can check the setting before anything opens.
 */
import { ConfigError } from '../../core/config.ts';

export type DiscordShards = 'auto' | number;

/** The highest count accepted: far past what Discord recommends (one shard per ~1,000–2,500 guilds). */
const MOST_SHARDS = 4096;

/** DISCORD_SHARDS read: undefined when unset or empty (one shard), `auto`, or a whole number 1–4096; else a ConfigError. */
export function discordShardsFromEnv(env: NodeJS.ProcessEnv): DiscordShards | undefined {
  const raw = env.DISCORD_SHARDS?.trim();
  if (!raw) return undefined;
  if (raw.toLowerCase() === 'auto') return 'auto';
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > MOST_SHARDS) {
    throw new ConfigError(`DISCORD_SHARDS: "${raw.slice(0, 40)}" is neither auto nor a whole number of shards from 1 to ${MOST_SHARDS} (leave it unset for one shard)`);
  }
  return count;
}

/** The discord.js Client options for `shards` (its `shards` and `shardCount` options; none for the default). */
export function shardingOptions(shards: DiscordShards | undefined): { shards?: 'auto'; shardCount?: number } {
  if (shards === undefined) return {};
  return shards === 'auto' ? { shards: 'auto' } : { shardCount: shards };
}
