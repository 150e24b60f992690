/**
 * The forgiving reader: htmlparser2 in XML mode builds a tree from anything (truncated, bad entities,
 * prefixed roots like `<r:rss>`), and we read RSS 0.9x–2.0, RDF and Atom 0.3/1.0 from it by local name.
 */
import { parseDocument, DomUtils, ElementType } from 'htmlparser2';
import type { Element, AnyNode } from 'domhandler';
import { parseDate } from './feed-dates.ts';
import { resolveHtmlUrls, resolveUrl } from './feed-text.ts';
import { constructHtml, constructTitle, type ConstructNode } from './feed-construct.ts';
import type { FeedItem, ParsedFeed } from './feed-types.ts';

// Namespaces of RSS, RDF and Atom: a prefixed element in one of these is a core element; any other
// prefix is an extension (dc:title, szf:description) that must not stand in for a core one.
const CORE_NS =
  /^https?:\/\/(www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#|purl\.org\/rss\/1\.0\/?$|backend\.userland\.com\/rss|my\.netscape\.com\/rdf\/simple\/0\.9|www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#)/;

const isElement = (node: AnyNode): node is Element => ElementType.isTag(node);
const localName = (el: Element): string => el.name.slice(el.name.indexOf(':') + 1);
const prefixOf = (el: Element): string => (el.name.includes(':') ? el.name.slice(0, el.name.indexOf(':')) : '');
const kids = (el: Element): Element[] => el.children.filter(isElement);
const attr = (el: Element, name: string): string | null => el.attribs[name] ?? null;

function isCore(el: Element): boolean {
  const prefix = prefixOf(el);
  if (!prefix) return true;
  for (let node: Element | null = el; node; node = node.parent && isElement(node.parent) ? node.parent : null) {
    const uri = attr(node, `xmlns:${prefix}`);
    if (uri !== null) return CORE_NS.test(uri);
  }
  return false;
}

/** A core child by local name, else the first extension element named in `fallbacks`. */
function child(el: Element, local: string, fallbacks: string[] = []): Element | null {
  const children = kids(el);
  const core =
    children.find((k) => k.name === local) ?? children.find((k) => localName(k) === local && isCore(k));
  if (core) return core;
  for (const name of fallbacks) {
    const found = children.find((k) => k.name === name || (name.startsWith('*:') && localName(k) === name.slice(2)));
    if (found) return found;
  }
  return null;
}

const text = (el: Element | null): string | null => (el ? DomUtils.textContent(el).trim() || null : null);

function construct(el: Element | null): ConstructNode | null {
  if (!el) return null;
  const elements = kids(el);
  const only = elements.length === 1 && localName(elements[0]!) === 'div' ? elements[0]! : el;
  return {
    attr: (name) => attr(el, name),
    text: DomUtils.textContent(el),
    inner: elements.length ? DomUtils.getInnerHTML(only, { xmlMode: true, encodeEntities: 'utf8' }) : null,
  };
}

const markup = (el: Element | null): string | null => constructHtml(construct(el));
const titleOf = (el: Element | null, atom: boolean): string | null => constructTitle(construct(el), atom);

/** xml:base values from the element up, innermost first. */
function basesOf(el: Element): string[] {
  const bases: string[] = [];
  for (let node: Element | null = el; node; node = node.parent && isElement(node.parent) ? node.parent : null) {
    const base = attr(node, 'xml:base');
    if (base) bases.push(base);
  }
  return bases;
}

function atomLink(el: Element, docUrl?: string): string | null {
  const links = kids(el).filter((k) => localName(k) === 'link' && (isCore(k) || prefixOf(k) === 'atom'));
  const best =
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && /html/.test(attr(l, 'type') ?? 'html')) ??
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ??
    links[0];
  if (!best) return null;
  return resolveUrl(attr(best, 'href') ?? text(best), ...basesOf(best), docUrl);
}

function rssLink(el: Element, docUrl?: string): string | null {
  const link = child(el, 'link');
  if (link && attr(link, 'href')) return atomLink(el, docUrl);
  const guid = child(el, 'guid');
  const value = text(link) ?? (guid && attr(guid, 'isPermaLink') !== 'false' && /^https?:/.test(text(guid) ?? '') ? text(guid) : null);
  return resolveUrl(value, ...basesOf(el), docUrl);
}

function firstDate(el: Element, names: string[]): string | null {
  for (const name of names) {
    const found = child(el, name, [`dc:${name}`, `dcterms:${name}`]);
    const date = parseDate(text(found));
    if (date) return date;
  }
  return null;
}

/** The first present candidate as HTML, its relative URLs resolved. */
function htmlOf(item: Element, docUrl: string | undefined, ...candidates: Array<Element | null>): string | null {
  const el = candidates.find((c) => c !== null) ?? null;
  return el ? resolveHtmlUrls(markup(el), ...basesOf(el), docUrl) : null;
}

function atomItem(el: Element, docUrl?: string): FeedItem {
  const author = child(el, 'author');
  return {
    guid: text(child(el, 'id')),
    link: atomLink(el, docUrl),
    title: titleOf(child(el, 'title', ['dc:title', 'media:title']), true),
    published: firstDate(el, ['published', 'issued', 'created', 'updated', 'modified', 'date']),
    html: htmlOf(el, docUrl, child(el, 'content'), child(el, 'summary')),
    author: text(author && (child(author, 'name') ?? author)) ?? text(child(el, 'creator', ['dc:creator'])),
  };
}

function rssItem(el: Element, docUrl?: string): FeedItem {
  return {
    guid: text(child(el, 'guid')) ?? attr(el, 'rdf:about') ?? text(child(el, 'identifier', ['dc:identifier'])),
    link: rssLink(el, docUrl),
    title: titleOf(child(el, 'title', ['dc:title', 'media:title']), false),
    published: firstDate(el, ['pubDate', 'date', 'issued', 'created', 'modified', 'published', 'updated']),
    html: htmlOf(
      el,
      docUrl,
      child(el, 'encoded', ['content:encoded', '*:encoded']),
      child(el, 'body', ['xhtml:body']),
      child(el, 'description', ['dc:description']),
      child(el, 'summary', ['itunes:summary']),
    ),
    author: text(child(el, 'author', ['dc:creator', 'itunes:author'])),
  };
}

/** Reads a feed from any XML-ish text; null when there is no rss/feed/RDF root element at all. */
export function readFeedDom(xml: string, docUrl?: string): Omit<ParsedFeed, 'repaired'> | null {
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
  const root = DomUtils.findOne((el) => ['rss', 'feed', 'RDF'].includes(localName(el)), doc.children, true);
  if (!root) return null;
  const format = localName(root) === 'feed' ? 'atom' : localName(root) === 'RDF' ? 'rdf' : 'rss';
  const channel = format === 'atom' ? root : (child(root, 'channel') ?? root);
  const named = (name: string) => DomUtils.findAll((el) => localName(el) === name && isCore(el), [root]);
  // Some Atom 0.3 era feeds say <item> instead of <entry>.
  const items = format === 'atom' ? (named('entry').length ? named('entry') : named('item')) : named('item');
  const read = format === 'atom' ? atomItem : rssItem;
  return {
    title: titleOf(child(channel, 'title', ['dc:title']), format === 'atom'),
    link: format === 'atom' ? atomLink(channel, docUrl) : rssLink(channel, docUrl),
    format,
    items: items.map((el) => read(el, docUrl)),
  };
}
