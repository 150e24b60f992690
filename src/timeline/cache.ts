import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Store } from '../stores/store.ts';

/** Derived views kept per store at most; keys carry user input (a region, a date), so they are bounded. */
export const MAX_CACHED_VIEWS = 64;

/**
 * Derived views (the merged timeline, /deaths data and chart) kept per store until its facts change:
 * merging every event again for each /timeline page or button press would cost seconds on a large store.
 * The least recently used views go first once MAX_CACHED_VIEWS are kept.
 */
const caches = new WeakMap<Store, LRUCache<string, { version: string; value: unknown }>>();

/** Computations under way per store and key, with the facts version each started on. */
const running = new WeakMap<Store, Map<string, { version: string; promise: Promise<unknown> }>>();

/**
 * The value under `key`, computed again when the store's facts changed since, or when `usable` says the
 * cached one can no longer serve (e.g. its chart file was swept). Callers asking while the same value is being
 * computed share that computation. `shareRunning`: also when the facts changed since it started (a chart drawn a
 * moment ago beats a queue of charts while an import goes on); its result is then kept under the version it was
 * computed on, so the next call after the import computes it again.
 */
export async function cachedByFacts<T>(
  store: Store,
  key: string,
  compute: () => Promise<T>,
  usable: (value: T) => boolean = () => true,
  options: { shareRunning?: boolean } = {},
): Promise<T> {
  const version = await store.factsVersion();
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new LRUCache({ max: MAX_CACHED_VIEWS })));
  const hit = cache.get(key);
  if (hit && hit.version === version && usable(hit.value as T)) return hit.value as T;
  let runs = running.get(store);
  if (!runs) running.set(store, (runs = new Map()));
  const underWay = runs.get(key);
  if (underWay && (underWay.version === version || options.shareRunning)) return underWay.promise as Promise<T>;
  const promise = compute();
  runs.set(key, { version, promise });
  try {
    const value = await promise;
    cache.set(key, { version, value });
    return value;
  } finally {
    if (runs.get(key)?.promise === promise) runs.delete(key);
  }
}

/** How many views are cached for `store` (for tests and diagnostics). */
export function cachedViews(store: Store): number {
  return caches.get(store)?.size ?? 0;
}

/** A short stamp of a story's settings, for cache keys: an operator's edit of the story (its start, its sources) is a new view. */
export function storyStamp(story: unknown): string {
  return story ? createHash('sha1').update(JSON.stringify(story)).digest('hex').slice(0, 10) : 'none';
}
