/**
 * A lease in Redis: one holder of a key at a time across every process (`SET key token NX PX ttl`), renewed while its
 * work runs and released only by its holder (compare-and-delete). A holder that dies (SIGKILL, lost machine) stops
 * renewing; its lease expires after `ttlMs` and the next run takes it. Used so a destination's digest (and a feed's
 * poll) never runs twice at once, whichever workers its jobs land on.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * Runs `work` holding the lease on `key`; resolves `{ ran: false }` without running it when another process holds
 * the lease. The lease is renewed every third of `ttlMs` while `work` runs and released when it settles. `work` is
 * handed `held()`: false once the lease may have passed to another process (a renewal refused, or no renewal confirmed
 * for `ttlMs` on the monotonic clock, as after the process was paused), for work that must stop then (digest sends).
 */
export async function withLease<T>(redis: Redis, key: string, ttlMs: number, work: (held: () => boolean) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const token = randomBytes(12).toString('hex');
  let validUntil = performance.now() + ttlMs;
  const taken = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (taken !== 'OK') return { ran: false };
  const held = () => performance.now() < validUntil;
  const renew = setInterval(() => {
    const sentAt = performance.now();
    redis.eval(RENEW, 1, key, token, String(ttlMs)).then(
      (renewed) => (validUntil = Number(renewed) === 1 ? sentAt + ttlMs : 0),
      () => {},
    );
  }, Math.max(100, Math.floor(ttlMs / 3)));
  try {
    return { ran: true, value: await work(held) };
  } finally {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, key, token).catch(() => {});
  }
}
