import type { FactSource } from '../../timeline/types.ts';

/** Each source once (by URL, outlet and title), without the quote and text an event's sources carry. */
export function uniqueSources(sources: FactSource[]): FactSource[] {
  const seen = new Set<string>();
  return sources
    .map(({ title, url, source, published }) => ({ title, url, source, published }))
    .filter((source) => {
      const key = `${source.url ?? ''}|${source.source}|${source.title ?? ''}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}
