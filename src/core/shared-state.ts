/**
 * Short-lived state that every process answering chat must agree on: the option sets behind paging buttons and the
 * commands' cooldowns. One process (the embedded default) keeps it in memory, bounded and expiring (`MemoryState`);
 * in distributed mode it is in Redis under the deployment's key prefix (src/pipeline/queue/shared-state.ts,
 * `AppContext.shared`), so a button made by one `cronista start` is answered by another, and a cooldown holds
 * whichever process a caller reaches.
 */
import { LRUCache } from 'lru-cache';

export interface SharedState {
  /** Where it lives, for logs ("memory", "redis … (prefix …)"). */
  readonly description: string;
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` (a key stored again lives `ttlMs` from now). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Takes `key` for `ttlMs` when nobody holds it and answers 0; else answers the milliseconds it is still held (and
   * takes nothing). With `peek`, never takes it: only answers what is left.
   */
  claim(key: string, ttlMs: number, options?: { peek?: boolean }): Promise<number>;
  close(): Promise<void>;
}

/** The one-process default: at most `max` keys (the least recently used go first), each expiring on `now`'s clock. */
export class MemoryState implements SharedState {
  readonly description = 'memory';
  private readonly entries: LRUCache<string, string>;
  private readonly now: () => number;

  constructor(options: { max: number; ttlMs?: number; now?: () => number }) {
    this.now = options.now ?? (() => performance.now());
    // lru-cache's own clock is `perf.now`: the app's clock in tests that move time.
    this.entries = new LRUCache<string, string>({ max: options.max, ...(options.ttlMs ? { ttl: options.ttlMs } : {}), perf: { now: this.now }, ttlResolution: 0 });
  }

  /** Keys kept now (expired ones are dropped first). */
  size(): number {
    this.entries.purgeStale();
    return this.entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlMs });
  }

  async claim(key: string, ttlMs: number, options: { peek?: boolean } = {}): Promise<number> {
    const left = this.entries.has(key) ? this.entries.getRemainingTTL(key) : 0;
    if (left > 0) return left;
    if (!options.peek) this.entries.set(key, '1', { ttl: ttlMs });
    return 0;
  }

  async close(): Promise<void> {}
}
