/**
 * A local feed server for the distributed bench: `count` RSS feeds of generated ~5 KB articles (bench/generate.ts),
 * each starting with one item and gaining one every `growEveryMs`, the feeds' arrivals staggered evenly over that
 * time, so news keeps coming at count / growEveryMs items a second whatever the pollers do. Answers conditional GETs
 * (an ETag per feed and item count) with 304, as real feed servers do, and counts the polls it answered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateFeed } from './generate.ts';

/** Article indexes of one feed: feed i holds articles i × SLOTS … (an article index is its link). */
const SLOTS = 1000;

export interface GrowingFeeds {
  url(feed: number): string;
  /** Starts the clock: items grow from now on (before it, every feed has one item). */
  startGrowing(): void;
  /** Polls answered (200 or 304) since the server started. */
  answered(): number;
  close(): Promise<void>;
}

export async function startGrowingFeeds(count: number, growEveryMs: number): Promise<GrowingFeeds> {
  let grownSince: number | null = null;
  let answered = 0;
  const bodies = new Map<number, { items: number; body: string }>();
  const itemsOf = (feed: number) => {
    if (grownSince === null) return 1;
    const stagger = (feed * growEveryMs) / count;
    return 1 + Math.floor((Date.now() - grownSince + stagger) / growEveryMs);
  };
  const server: Server = createServer((request, response) => {
    const feed = Number(/^\/feed\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? NaN);
    if (!(feed >= 0 && feed < count)) return void response.writeHead(404).end();
    const items = Math.min(itemsOf(feed), SLOTS);
    const etag = `"${feed}-${items}"`;
    answered++;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    let cached = bodies.get(feed);
    if (cached?.items !== items) {
      cached = { items, body: generateFeed(feed * SLOTS, feed * SLOTS + items, count * SLOTS) };
      bodies.set(feed, cached);
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    response.end(cached.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (feed) => `http://127.0.0.1:${port}/feed/${feed}.xml`,
    startGrowing: () => void (grownSince = Date.now()),
    answered: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
