/**
 * A source's body → its items: decoding, feed parsing, HTML → text (Readability for pages). The CPU-heavy half
 * of reading a source (a 2,000-item feed takes seconds), so it runs in the extraction pool's workers
 * (src/pipeline/extraction-pool.ts), or in-process with CRONISTA_WORKERS=0: plain data in, plain data out.
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceError } from '../core/errors.ts';
import { feedItemToRaw } from '../documents/feed-item.ts';
import { pageToItems } from '../documents/pages.ts';
import type { RawItem } from '../documents/types.ts';
import { decodeBytes } from '../sources/decode.ts';
import { looksLikeFeed, parseFeed } from '../sources/feed.ts';
import { pageFormat, refuseBinary } from '../sources/files.ts';
import type { SourceKind } from '../stores/store.ts';

/** What a source's body holds. */
export interface SourceBody {
  kind: SourceKind;
  title: string | null;
  items: RawItem[];
}

/** A body to read: a file's bytes, a fetched URL's (`cronista ingest <url>`), or a subscribed feed's poll (a feed or nothing). */
export type BodyRequest =
  | { from: 'file'; path: string; bytes: Uint8Array }
  | { from: 'url' | 'poll'; url: string; responseUrl: string; bytes: Uint8Array; contentType: string | null };

export async function readBody(request: BodyRequest): Promise<SourceBody> {
  if (request.from === 'file') return readFile(request.path, request.bytes);
  const { text } = decodeBytes(request.bytes, request.contentType);
  if (request.from === 'poll') {
    if (!looksLikeFeed(text)) {
      throw new SourceError(request.url, `not a feed (${request.contentType ?? 'no content type'}): expected RSS, Atom or RDF`);
    }
    const feed = await parseFeed(text, { url: request.responseUrl });
    return { kind: 'feed', title: feed.title, items: feed.items.map((item) => feedItemToRaw(item, request.url)) };
  }
  if (looksLikeFeed(text)) return readFeed(text, request.url);
  const items = pageToItems(text, { format: 'html', url: request.responseUrl });
  return { kind: 'page', title: items[0]?.title ?? null, items };
}

async function readFile(path: string, bytes: Uint8Array): Promise<SourceBody> {
  const url = pathToFileURL(path).href;
  const decoded = decodeBytes(bytes, null);
  await refuseBinary(path, bytes, decoded);
  const { text } = decoded;
  if (looksLikeFeed(text)) return readFeed(text, url);
  const items = pageToItems(text, { format: pageFormat(path, text), url, fileName: basename(path) });
  return { kind: 'file', title: items.length === 1 ? (items[0]?.title ?? basename(path)) : basename(path), items };
}

async function readFeed(text: string, url: string): Promise<SourceBody> {
  const feed = await parseFeed(text);
  return { kind: 'feed', title: feed.title, items: feed.items.map((item) => feedItemToRaw(item, url)) };
}
