/**
 * Per-host politeness across every worker: at most `perHost` requests at a time to one host:port, counted in Redis
 * (a sorted set of slot holders per host:port, each with its expiry as the score). A slot is renewed while its request
 * runs and freed when it settles; a holder that dies frees its slot when it expires (`ttlMs`). Waiters poll with a
 * short jittered delay: fair enough for feeds polled minutes apart, and bounded (no per-host state outlives a request).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { HostLimiter, type RequestLimiter } from '../host-limiter.ts';

// KEYS[1] the host's set; ARGV: now, expiry, holder, limit. Drops expired holders, then takes a slot if one is free.
const ACQUIRE = `
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[1])
if redis.call('zcard', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('zadd', KEYS[1], ARGV[2], ARGV[3])
  redis.call('pexpire', KEYS[1], ARGV[5])
  return 1
end
return 0`;
const RENEW = "if redis.call('zscore', KEYS[1], ARGV[2]) then redis.call('zadd', KEYS[1], ARGV[1], ARGV[2]); redis.call('pexpire', KEYS[1], ARGV[3]) end return 0";

export class RedisHostLimiter implements RequestLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; perHost: number; ttlMs: number; pollMs?: number },
  ) {}

  async run<T>(url: string | URL, task: () => Promise<T>): Promise<T> {
    const key = `${this.options.prefix}:host:${HostLimiter.keyOf(url)}`;
    const holder = randomBytes(9).toString('base64url');
    const { ttlMs, perHost } = this.options;
    const pollMs = this.options.pollMs ?? 100;
    while (Number(await this.redis.eval(ACQUIRE, 1, key, String(Date.now()), String(Date.now() + ttlMs), holder, String(perHost), String(ttlMs))) !== 1) {
      await new Promise((resolve) => setTimeout(resolve, pollMs / 2 + Math.random() * pollMs));
    }
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 1, key, String(Date.now() + ttlMs), holder, String(ttlMs)).catch(() => {});
    }, Math.max(100, Math.floor(ttlMs / 3)));
    try {
      return await task();
    } finally {
      clearInterval(renew);
      await this.redis.zrem(key, holder).catch(() => {});
    }
  }
}
