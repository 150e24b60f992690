/**
 * Which of several `cronista start` processes holds the schedules (distributed mode). The holder's token is in
 * `<prefix>:coordinator` with a time to live; it renews it every fifth of that time, and the others (standbys) try to
 * take it just as often, so a holder that dies is replaced within the lease plus a fifth (12 s by default).
 *
 * Fencing. Every acquisition increments `<prefix>:coordinator:epoch` in the same script, and the token is
 * `<epoch>|<holder>`: a process that lost the lease and took it again is a new holder, and a stale one can never pass
 * for the current one. A holder acts only while
 *   - its own clock says the lease is valid (`held()`): the validity is counted from *before* the command that set or
 *     renewed it, on the monotonic clock, so a process paused past its lease (SIGSTOP, a long GC, a VM migration)
 *     knows it on waking, before any Redis answer, and its first timer hands the role back; and
 *   - before a write that matters (the job schedulers), Redis still holds its token (`fence()`).
 * What is left is the time between a fence check and the write it guards (one round trip); the writes it guards are
 * idempotent upserts, and digests are serialised per destination by their own lease besides.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logger.ts';
import { errorMessage } from '../../core/errors.ts';
import { redactUrlsIn } from '../../core/redact.ts';
import type { ServiceRole } from '../service-platforms.ts';

// KEYS: the lease, the epoch counter; ARGV: holder name, ttl ms. Answers {epoch, token} when taken, {0, holder's token} when not.
const ACQUIRE = `
local current = redis.call('get', KEYS[1])
if current then return {0, current} end
local epoch = redis.call('incr', KEYS[2])
local token = epoch .. '|' .. ARGV[1]
redis.call('set', KEYS[1], token, 'PX', ARGV[2])
return {epoch, token}`;
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface CoordinatorLeaseOptions {
  prefix: string;
  ttlMs: number;
  logger: Logger;
  /** How this process is named in the lease and in logs (default hostname:pid). */
  holder?: string;
}

/** The holder named in a token: `<epoch>|<host:pid:random>` → `host:pid (lease 7)`. */
export function describeToken(token: string): string {
  const [epoch, holder = '?'] = token.split('|');
  return `${holder.replace(/:[\w-]{6}$/, '')} (lease ${epoch})`;
}

export class CoordinatorLease implements ServiceRole {
  readonly key: string;
  private readonly epochKey: string;
  private readonly holderName: string;
  private readonly intervalMs: number;
  /** A little under the ttl: the holder stops acting slightly before Redis would let another take over. */
  private readonly validMs: number;
  private token: string | null = null;
  private validUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private readonly listeners = new Set<(held: boolean) => void>();
  /** Who held the lease when this process last looked (for the standby line, logged when it changes). */
  private otherHolder: string | null = null;
  private unreachable = false;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: CoordinatorLeaseOptions,
  ) {
    this.key = `${options.prefix}:coordinator`;
    this.epochKey = `${options.prefix}:coordinator:epoch`;
    this.holderName = `${options.holder ?? `${hostname()}:${process.pid}`}:${randomBytes(4).toString('base64url')}`;
    this.intervalMs = Math.max(200, Math.floor(options.ttlMs / 5));
    this.validMs = options.ttlMs - Math.min(500, Math.floor(options.ttlMs / 10));
  }

  held(): boolean {
    return this.token !== null && performance.now() < this.validUntil;
  }

  /** The fencing token while held (`<epoch>|<holder>`), else null. */
  currentToken(): string | null {
    return this.held() ? this.token : null;
  }

  /** Who holds the schedules, as this process last saw it: itself, another process, or nobody known. */
  describeHolder(): string {
    if (this.held() && this.token) return `this process, ${describeToken(this.token)}`;
    return this.otherHolder ? describeToken(this.otherHolder) : 'nobody yet';
  }

  onChange(listener: (held: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Held by its own clock AND Redis still holds its token: checked right before a write only the holder may make. */
  async fence(): Promise<boolean> {
    const token = this.currentToken();
    if (!token) return false;
    try {
      return (await this.redis.get(this.key)) === token && this.held();
    } catch {
      return false;
    }
  }

  /** Tries once (so the caller knows its role when this resolves), then renews or retries every fifth of the ttl. */
  async start(): Promise<void> {
    await this.tick();
    if (this.stopped) return;
    this.timer = setInterval(() => {
      // A tick still waiting on Redis is not doubled; the clock check below still runs.
      if (this.ticking) return void this.expireIfDue();
      this.ticking = this.tick().finally(() => (this.ticking = null));
    }, this.intervalMs);
  }

  /** Stops trying; a holder releases the lease (a standby then takes over within a fifth of the ttl). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    const token = this.token;
    this.token = null;
    if (token) await this.redis.eval(RELEASE, 1, this.key, token).catch(() => undefined);
  }

  /** Gives the lease back while going on campaigning (it may be taken again, by this process or another). */
  async resign(why: string): Promise<void> {
    const token = this.token;
    if (!token) return;
    this.lose(why);
    await this.redis.eval(RELEASE, 1, this.key, token).catch(() => undefined);
  }

  private expireIfDue(): void {
    if (this.token !== null && !this.held()) this.lose('its lease ran out before it could be renewed (the process was paused, or cut off from Redis)');
  }

  private async tick(): Promise<void> {
    this.expireIfDue();
    const sentAt = performance.now();
    try {
      if (this.token) {
        const token = this.token;
        const renewed = Number(await this.redis.eval(RENEW, 1, this.key, token, String(this.options.ttlMs)));
        if (this.token !== token) return;
        if (renewed === 1) this.validUntil = sentAt + this.validMs;
        else this.lose('another process holds it now');
      } else {
        const [epoch, token] = (await this.redis.eval(ACQUIRE, 2, this.key, this.epochKey, this.holderName, String(this.options.ttlMs))) as [number, string];
        if (this.stopped) {
          if (Number(epoch) > 0) await this.redis.eval(RELEASE, 1, this.key, token).catch(() => undefined);
          return;
        }
        if (Number(epoch) > 0) this.gain(token, sentAt);
        else this.standingBy(token);
      }
      if (this.unreachable) this.options.logger.info('schedules lease: Redis answers again');
      this.unreachable = false;
    } catch (error) {
      if (!this.unreachable) this.options.logger.warn(`schedules lease: cannot reach Redis (${redactUrlsIn(errorMessage(error))}); retrying every ${this.intervalMs} ms`);
      this.unreachable = true;
      this.expireIfDue();
    }
  }

  private gain(token: string, sentAt: number): void {
    const previous = this.otherHolder;
    this.token = token;
    this.validUntil = sentAt + this.validMs;
    this.otherHolder = null;
    const line = previous
      ? `took over the schedules from ${describeToken(previous)}, which stopped renewing its lease: this process now holds the schedules (${describeToken(token)})`
      : `holds the schedules (${describeToken(token)})`;
    this.options.logger.info({ lease: token }, line);
    this.notify(true);
  }

  private standingBy(holderToken: string): void {
    if (holderToken === this.otherHolder) return;
    this.otherHolder = holderToken;
    this.options.logger.info(
      { lease: holderToken },
      `standing by: ${describeToken(holderToken)} holds the schedules; this process takes over if it stops renewing its lease (within ${Math.round((this.options.ttlMs + this.intervalMs) / 1000)} s)`,
    );
  }

  private lose(why: string): void {
    const token = this.token;
    this.token = null;
    this.options.logger.warn({ lease: token }, `lost the schedules lease (${why}): standing by`);
    this.notify(false);
  }

  private notify(held: boolean): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(held);
      } catch (error) {
        this.options.logger.error({ err: error }, `schedules lease listener failed: ${errorMessage(error)}`);
      }
    }
  }
}
