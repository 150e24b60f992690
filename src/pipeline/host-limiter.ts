/**
 * Per-host politeness: at most `perHost` requests at a time to one host and port (key `host:port`, the
 * default port filled in), the rest queued first come, first served. Different hosts or ports never
 * wait for each other. Per-host state lives only while a request runs or waits (bounded by what is in flight).
 */
/** What a poll's requests go through: at most so many at a time per host:port (in one process, or across all). */
export interface RequestLimiter {
  run<T>(url: string | URL, task: () => Promise<T>): Promise<T>;
}

export class HostLimiter implements RequestLimiter {
  readonly perHost: number;
  readonly #active = new Map<string, number>();
  readonly #queues = new Map<string, (() => void)[]>();

  constructor(options: { perHost?: number } = {}) {
    const perHost = options.perHost ?? 2;
    if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`perHost must be a positive integer, not ${perHost}`);
    this.perHost = perHost;
  }

  /** `host:port` of an http(s) URL: what one slot is counted against. */
  static keyOf(url: string | URL): string {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
    return `${parsed.hostname.toLowerCase()}:${port}`;
  }

  /** Runs `task` once the URL's host:port has a free slot; the slot is freed when it settles. */
  async run<T>(url: string | URL, task: () => Promise<T>): Promise<T> {
    const key = HostLimiter.keyOf(url);
    await this.#acquire(key);
    try {
      return await task();
    } finally {
      this.#release(key);
    }
  }

  /** Requests running now for a host:port. */
  active(key: string): number {
    return this.#active.get(key) ?? 0;
  }

  /** Host:ports with a request running or waiting: an idle host leaves nothing behind, however many were seen. */
  hostsTracked(): number {
    return new Set([...this.#active.keys(), ...this.#queues.keys()]).size;
  }

  /** Requests waiting for a slot for a host:port. */
  waiting(key: string): number {
    return this.#queues.get(key)?.length ?? 0;
  }

  #acquire(key: string): Promise<void> {
    const active = this.active(key);
    if (active < this.perHost) {
      this.#active.set(key, active + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const queue = this.#queues.get(key) ?? [];
      queue.push(resolve);
      this.#queues.set(key, queue);
    });
  }

  #release(key: string): void {
    const queue = this.#queues.get(key);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.#queues.delete(key);
    // The slot passes straight to the next in line: the active count stays as it is.
    if (next) return next();
    const active = this.active(key) - 1;
    if (active > 0) this.#active.set(key, active);
    else this.#active.delete(key);
  }
}
