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

/**
 * The value under `key`, computed again when the store's facts changed since, or when `usable` says the
 * cached one can no longer serve (e.g. its chart file was swept).
 */
export async function cachedByFacts<T>(store: Store, key: string, compute: () => Promise<T>, usable: (value: T) => boolean = () => true): Promise<T> {
  const version = await store.factsVersion();
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new LRUCache({ max: MAX_CACHED_VIEWS })));
  const hit = cache.get(key);
  if (hit && hit.version === version && usable(hit.value as T)) return hit.value as T;
  const value = await compute();
  cache.set(key, { version, value });
  return value;
}

/** How many views are cached for `store` (for tests and diagnostics). */
export function cachedViews(store: Store): number {
  return caches.get(store)?.size ?? 0;
}

/** A short stamp of a story's settings, for cache keys: an operator's edit of the story (its start, its sources) is a new view. */
export function storyStamp(story: unknown): string {
  return story ? createHash('sha1').update(JSON.stringify(story)).digest('hex').slice(0, 10) : 'none';
}
