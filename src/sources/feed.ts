/**
 * Feed text → items. Strict first (rss-parser), then the same after light XML repair, then the forgiving
 * htmlparser2 reader. Anything unreadable becomes a SourceError with a one-line reason.
 */
import { SourceError, errorMessage } from '../core/errors.ts';
import { readFeedStrict } from './feed-rss.ts';
import { readFeedDom } from './feed-dom.ts';
import { repairXml } from './xml-repair.ts';
import { demoronize } from './decode.ts';
import type { FeedItem, ParsedFeed } from './feed-types.ts';

export type { FeedItem, ParsedFeed } from './feed-types.ts';

export interface ParseFeedOptions {
  /** The feed's URL: the base for relative links, and the source named in errors. */
  url?: string;
}

const PROLOG = /^(?:\uFEFF|\s+|<\?[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\]\s*>|[^>]*>))*/i;
const ROOT = /^<(?:[\w.-]+:)?(rss|feed|RDF)[\s/>]/;
const ITEM_TAG = /<(?:[\w.-]+:)?(item|entry)[\s/>]/;

/** Content sniffing: is the first element (after BOM, XML declaration, comments, doctype) a feed root? */
export function looksLikeFeed(text: string): boolean {
  return ROOT.test(text.replace(PROLOG, ''));
}

type Attempt = { feed: Omit<ParsedFeed, 'repaired'>; error?: undefined } | { feed?: undefined; error: unknown };

async function strict(xml: string, url?: string): Promise<Attempt> {
  try {
    const { lossy, ...feed } = await readFeedStrict(xml, url);
    // rss-parser reads items only where it expects them (e.g. not RSS 1.0 items without a channel).
    const missed = feed.items.length === 0 && ITEM_TAG.test(xml.replace(/<!--[\s\S]*?-->/g, ''));
    if (missed) return { error: new Error('items outside the expected structure') };
    // Well-formed, but inline (xhtml) markup that xml2js can't keep in order: the DOM reader keeps it.
    return lossy ? { feed: readFeedDom(xml, url) ?? feed } : { feed };
  } catch (error) {
    return { error };
  }
}

/** sax reports "Unexpected close tag\nLine: 4\nColumn: 7\nChar: >" with a 0-based line. */
function syntaxError(error: unknown): { line: number; reason: string } | null {
  const match = errorMessage(error).match(/^(.*)\nLine: (\d+)/);
  return match ? { line: Number(match[2]) + 1, reason: match[1]!.toLowerCase() } : null;
}

const fix = (value: string | null): string | null => (value?.trim() ? demoronize(value) : null);
// `&#146;` reaches us as U+0092 after parsing, so this runs after the decoder's own pass.
const fixItem = (item: FeedItem): FeedItem => ({ ...item, title: fix(item.title), html: fix(item.html), author: fix(item.author) });

/**
 * Parses feed text (already decoded, see decodeBytes). Throws SourceError, and only that, when nothing
 * readable is there: "not a feed: …", "malformed XML at line N: …".
 */
export async function parseFeed(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const feed = await parseAny(text, options);
  return { ...feed, title: fix(feed.title), items: feed.items.map(fixItem) };
}

async function parseAny(text: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  const { url } = options;
  const source = url ?? 'feed';
  const first = await strict(text, url);
  if (first.feed) return { ...first.feed, repaired: false };

  const syntax = syntaxError(first.error);
  const repaired = syntax !== null;
  try {
    const fixed = repairXml(text);
    const recovered = (await strict(fixed, url)).feed ?? readFeedDom(fixed, url);
    // Ill-formed and nothing recovered: report the XML error rather than an empty feed.
    const empty = recovered && recovered.items.length === 0 && !recovered.title && !recovered.link;
    if (recovered && !(syntax && empty)) return { ...recovered, repaired };
    if (!recovered && !looksLikeFeed(text)) {
      throw new SourceError(source, 'not a feed: no <rss>, <feed> or <rdf:RDF> root');
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(source, `unreadable feed: ${errorMessage(error)}`, { cause: error });
  }
  const where = syntax ? `malformed XML at line ${syntax.line}: ${syntax.reason}` : errorMessage(first.error);
  throw new SourceError(source, where, { cause: first.error });
}
