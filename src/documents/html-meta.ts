import { parseBylineLine } from './byline.ts';
import { normalizeIsoDate } from './dates.ts';
import { detectLanguage } from './language.ts';

/** Page-level metadata: Open Graph / article meta tags, schema.org microdata and JSON-LD. */
export interface PageMeta {
  title: string | null;
  published: string | null;
  siteName: string | null;
  byline: string | null;
}

const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[property="og:article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dcterms.created"]',
  'meta[name="date"]',
];

function attr(doc: ParentNode, selector: string, name = 'content'): string | null {
  return doc.querySelector(selector)?.getAttribute(name)?.trim() || null;
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t || null;
}

/** Every object in the page's JSON-LD blocks, @graph and arrays flattened. */
function jsonLdObjects(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      visit((v as Record<string, unknown>)['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and carries nothing we can trust.
    }
  }
  return out;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return clean(v.map(nameOf).filter(Boolean).join(', '));
  if (v && typeof v === 'object') return nameOf((v as Record<string, unknown>).name);
  return null;
}

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage/;

/** Date of a post element: <time datetime>, microdata datePublished. */
export function postDate(el: ParentNode): string | null {
  const micro = el.querySelector('[itemprop="datePublished"]');
  const value = micro?.getAttribute('content') ?? micro?.getAttribute('datetime') ?? micro?.textContent ?? null;
  return (
    normalizeIsoDate(value) ??
    normalizeIsoDate(attr(el, 'time[pubdate]', 'datetime')) ??
    normalizeIsoDate(attr(el, 'time[datetime]', 'datetime'))
  );
}

/** Author of a post element: rel=author, microdata author, .byline / .author. */
export function postByline(el: ParentNode): string | null {
  const node = el.querySelector('[rel="author"], [itemprop="author"], .byline, .author');
  return clean(node?.textContent?.replace(/^\s*(?:by|por)\s+/i, ''));
}

// Where a page's own date is never printed: menus, sidebars, related-story lists, captions.
const NOT_THE_STORY = 'nav, aside, footer, figure, ul, ol, table, form, [class*="related"], [class*="sidebar"]';
const BLOCKS = 'p, div, section, article, header, h1, h2, h3, ul, ol, table';

/**
 * The date a page prints under its headline when it has no date metadata: the first short element after the page's
 * one <h1>, before the story's second paragraph, whose text is a byline or a date line ("Por Ana Ruiz | EFE | 13 de
 * octubre de 2019 - 10:35", "Domingo, 13 de octubre de 2019", "13.10.2019 | 10:35"). Elements before the headline are
 * not read: a newspaper's masthead prints the day the page was visited.
 */
function printedDate(doc: Document): string | null {
  const h1s = doc.querySelectorAll('h1');
  const headline = h1s.length === 1 ? h1s[0] : (doc.querySelector('article h1, main h1') ?? null);
  if (!headline || !doc.body) return null;
  const language = doc.documentElement?.getAttribute('lang')?.slice(0, 2).toLowerCase() || detectLanguage(doc.body.textContent ?? '');
  const all = [...doc.body.querySelectorAll('*')];
  let paragraphs = 0;
  let seen = 0;
  for (const el of all.slice(all.indexOf(headline) + 1)) {
    if (++seen > 60 || paragraphs >= 2) break;
    if (el.closest(NOT_THE_STORY) || el.querySelector(BLOCKS)) continue;
    const text = clean(el.textContent);
    if (!text) continue;
    if (el.tagName === 'P' && text.split(' ').length >= 20) paragraphs++;
    if (text.length > 160) continue;
    const date = parseBylineLine(text, language)?.published;
    if (date) return date;
  }
  return null;
}

export function pageMeta(doc: Document): PageMeta {
  const ld = jsonLdObjects(doc);
  const ldArticle = ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? ''))) ?? ld.find((o) => 'datePublished' in o);

  let published: string | null = null;
  for (const selector of PUBLISHED_META) {
    published = normalizeIsoDate(attr(doc, selector));
    if (published) break;
  }
  published ??= normalizeIsoDate(typeof ldArticle?.datePublished === 'string' ? ldArticle.datePublished : null);
  // A <time> counts only inside the article: sidebars list other stories' dates.
  const article = doc.querySelector('article, main, [role="main"]');
  if (!published && article) published = postDate(article);
  published ??= printedDate(doc);

  const h1s = doc.querySelectorAll('h1');
  const title =
    clean(attr(doc, 'meta[property="og:title"]')) ??
    (typeof ldArticle?.headline === 'string' ? clean(ldArticle.headline) : null) ??
    (h1s.length === 1 ? clean(h1s[0]?.textContent) : null) ??
    clean(doc.querySelector('title')?.textContent);

  const siteName =
    clean(attr(doc, 'meta[property="og:site_name"]')) ??
    nameOf(ldArticle?.publisher) ??
    clean(attr(doc, 'meta[name="application-name"]'));

  const byline =
    clean(attr(doc, 'meta[name="author"]')) ??
    clean(attr(doc, 'meta[property="article:author"]'))?.replace(/^https?:\/\/\S+$/, '') ??
    nameOf(ldArticle?.author) ??
    (article ? postByline(article) : null);

  return { title, published, siteName, byline: byline || null };
}
