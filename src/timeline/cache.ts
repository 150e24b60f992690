import type { Store } from '../stores/store.ts';

/**
 * Derived views (the merged timeline) kept per store until its facts change: merging every event
 * again for each /timeline page or button press would cost seconds on a large store.
 */
const caches = new WeakMap<Store, Map<string, { version: string; value: unknown }>>();

export async function cachedByFacts<T>(store: Store, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await store.factsVersion();
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = await compute();
  cache.set(key, { version, value });
  return value;
}
