/**
 * The strict reader: rss-parser (xml2js underneath). We ask it for the raw xml2js nodes of the fields we
 * need, so Atom types, xml:base and xhtml titles survive, and map them as the forgiving reader does.
 */
import Parser from 'rss-parser';
import { parseDate } from './feed-dates.ts';
import { resolveHtmlUrls, resolveUrl } from './feed-text.ts';
import { constructHtml, constructTitle, type ConstructNode } from './feed-construct.ts';
import type { FeedItem, ParsedFeed } from './feed-types.ts';

/** An xml2js node: a string, or an object with text `_`, attributes `$` and child arrays. */
type XNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };
type Raw = Record<string, unknown>;

const RAW_ITEM = [
  'title', 'dc:title', 'media:title', 'link', 'id', 'guid', 'author', 'dc:creator', 'itunes:author',
  'content', 'content:encoded', 'description', 'summary', 'pubDate', 'dc:date', 'published', 'issued',
  'created', 'updated', 'modified', 'dcterms:issued', 'dcterms:created', 'dcterms:modified', '$',
  'itunes:summary', 'xhtml:body', 'body',
];
const CONSTRUCTS = ['title', 'content', 'content:encoded', 'description', 'summary', 'xhtml:body', 'body'];
const RAW_FEED = ['title', 'link', '$'];
const raw = (name: string) => [name, `raw ${name}`, { keepArray: true }];

// A fresh parser per document: xml2js keeps state after an error, and an empty document then never settles.
const newParser = () =>
  new Parser<Raw, Raw>({
    defaultRSS: 2,
    customFields: { item: RAW_ITEM.map(raw) as never, feed: RAW_FEED.map(raw) as never },
  });

function nodes(obj: Raw, name: string): XNode[] {
  const value = obj[`raw ${name}`];
  return Array.isArray(value) ? (value as XNode[]) : [];
}

const attrOf = (node: XNode | undefined, name: string): string | null =>
  typeof node === 'object' ? (node.$?.[name] ?? null) : null;

function textOf(node: XNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  let text = node._ ?? '';
  for (const [key, value] of Object.entries(node)) {
    if (key !== '_' && key !== '$' && Array.isArray(value)) text += value.map((v) => textOf(v as XNode)).join('');
  }
  return text;
}

const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const hasChildren = (node: XNode | undefined): boolean =>
  typeof node === 'object' && Object.keys(node).some((k) => k !== '_' && k !== '$');

function construct(node: XNode | undefined): ConstructNode | null {
  if (node === undefined) return null;
  // Inline markup makes the document lossy (see below) and parseFeed reads it with the DOM reader
  // instead; its text is enough here.
  const inner = hasChildren(node) ? escapeText(textOf(node)) : null;
  return { attr: (name) => attrOf(node, name), text: textOf(node), inner };
}

function first(obj: Raw, names: string[]): XNode | undefined {
  for (const name of names) {
    const found = nodes(obj, name)[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

function linkOf(obj: Raw, bases: Array<string | null | undefined>): string | null {
  const links = nodes(obj, 'link');
  const rel = (l: XNode) => attrOf(l, 'rel') ?? 'alternate';
  const best =
    links.find((l) => rel(l) === 'alternate' && /html/.test(attrOf(l, 'type') ?? 'html')) ??
    links.find((l) => rel(l) === 'alternate') ??
    links[0];
  if (best === undefined) return null;
  return resolveUrl(attrOf(best, 'href') ?? textOf(best), attrOf(best, 'xml:base'), ...bases);
}

function dateOf(obj: Raw, names: string[]): string | null {
  for (const name of names) {
    const date = parseDate(textOf(nodes(obj, name)[0]));
    if (date) return date;
  }
  return null;
}

function authorOf(obj: Raw): string | null {
  const author = first(obj, ['author', 'dc:creator', 'itunes:author']);
  const name = typeof author === 'object' && Array.isArray(author.name) ? (author.name[0] as XNode) : author;
  return textOf(name).trim() || null;
}

function itemOf(obj: Raw, atom: boolean, feedBase: string | null, docUrl?: string): FeedItem {
  const bases = [(obj['raw $'] as Record<string, string> | undefined)?.['xml:base'], feedBase, docUrl];
  const guid = first(obj, ['guid', 'id']);
  const content = first(obj, ['content:encoded', 'xhtml:body', 'body', 'content', 'description', 'summary', 'itunes:summary']);
  const about = (obj['raw $'] as Record<string, string> | undefined)?.['rdf:about'];
  const rssPermalink = !atom && guid !== undefined && attrOf(guid, 'isPermaLink') !== 'false' && /^https?:/.test(textOf(guid).trim());
  return {
    guid: textOf(guid).trim() || about || null,
    link: linkOf(obj, bases) ?? (rssPermalink ? resolveUrl(textOf(guid), ...bases) : null),
    title: constructTitle(construct(first(obj, ['title', 'dc:title', 'media:title'])), atom),
    published: atom
      ? dateOf(obj, ['published', 'issued', 'created', 'updated', 'modified', 'dc:date'])
      : dateOf(obj, ['pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:modified']),
    html: resolveHtmlUrls(constructHtml(construct(content)), attrOf(content, 'xml:base'), ...bases),
    author: authorOf(obj),
  };
}

/** Inline (xhtml) markup: xml2js loses the order of text and elements there, so the result is lossy. */
const hasInlineMarkup = (obj: Raw): boolean => CONSTRUCTS.some((name) => nodes(obj, name).some(hasChildren));

export type StrictFeed = Omit<ParsedFeed, 'repaired'> & { lossy: boolean };

/** Strict parse; throws the xml2js/rss-parser error when the text isn't a well-formed feed. */
export async function readFeedStrict(xml: string, docUrl?: string): Promise<StrictFeed> {
  const feed = (await newParser().parseString(xml)) as unknown as Raw & { items: Raw[] };
  // rss-parser keeps no root attributes: the format and the root's xml:base come from its start tag.
  const root = xml.replace(/<!--[\s\S]*?-->/g, '').match(/<(?:[\w-]+:)?(rss|feed|RDF)(\s[^>]*)?>/);
  const format = root?.[1] === 'feed' ? 'atom' : root?.[1] === 'RDF' ? 'rdf' : 'rss';
  const atom = format === 'atom';
  const rootBase = root?.[2]?.match(/xml:base\s*=\s*["']([^"']*)["']/)?.[1];
  const channelBase = (feed['raw $'] as Record<string, string> | undefined)?.['xml:base'];
  const feedBase = resolveUrl(channelBase, rootBase) ?? rootBase ?? null;
  return {
    title: constructTitle(construct(nodes(feed, 'title')[0]), atom),
    link: linkOf(feed, [feedBase, docUrl]),
    format,
    items: feed.items.map((item) => itemOf(item, atom, feedBase, docUrl)),
    lossy: hasInlineMarkup(feed) || feed.items.some(hasInlineMarkup),
  };
}
