/**
 * `SharedState` (src/core/shared-state.ts) in Redis for distributed mode: keys `<prefix>:state:<key>`, each with its
 * expiry (PX), so every `cronista start` answers paging buttons and keeps cooldowns the same way, and nothing outlives
 * its ttl. A claim is one `SET NX PX`, then `PTTL` when it was taken: two processes cannot both take one cooldown.
 */
import { Redis } from 'ioredis';
import { redactUrl } from '../../core/redact.ts';
import type { SharedState } from '../../core/shared-state.ts';
import type { QueueOptions } from './options.ts';

export class RedisState implements SharedState {
  readonly description: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: Pick<QueueOptions, 'prefix' | 'url'>,
  ) {
    this.description = `redis ${redactUrl(options.url)} (prefix ${options.prefix})`;
  }

  private key(key: string): string {
    return `${this.options.prefix}:state:${key}`;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async claim(key: string, ttlMs: number, options: { peek?: boolean } = {}): Promise<number> {
    if (!options.peek && (await this.redis.set(this.key(key), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK') return 0;
    // Taken by someone (or peeking): what is left; a key that expired in between is free.
    return Math.max(0, await this.redis.pttl(this.key(key)));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/**
 * The shared state of a deployment, on a connection of its own (closed with the service). Unlike the queues'
 * connections, a command gives up after a few retries: a chat answer fails with the generic error rather than waiting.
 */
export function redisState(options: Pick<QueueOptions, 'prefix' | 'url'>): RedisState {
  return new RedisState(new Redis(options.url, { maxRetriesPerRequest: 2, connectTimeout: 3000 }), options);
}
