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

// The names sites give their publication date in <meta> (name, property or itemprop, any case), the surest first:
// Open Graph, schema.org, then the conventions of publishing systems, Dublin Core, citation and search-engine tags.
const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'article:published',
  'datepublished',
  'article.published',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'publication-date',
  'parsely-pub-date',
  'sailthru.date',
  'cxenseparse:recs:publishtime',
  'originalpublicationdate',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'dc.date.created',
  'dc.date',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'date',
];

/** The first publication date the page's <meta> tags give, by the order of PUBLISHED_META. */
function metaPublished(doc: ParentNode): string | null {
  const byName = new Map<string, string>();
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    for (const key of ['property', 'name', 'itemprop']) {
      const name = meta.getAttribute(key)?.trim().toLowerCase();
      if (name && !byName.has(name)) byName.set(name, content);
    }
  }
  for (const name of PUBLISHED_META) {
    const date = normalizeIsoDate(byName.get(name));
    if (date) return date;
  }
  return null;
}

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
    normalizeIsoDate(attr(el, 'time[datetime]', 'datetime')) ??
    // (an hAtom entry: <abbr class="published" title="2019-11-12T10:12:00">)
    normalizeIsoDate(attr(el, '.published[title]', 'title'))
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
function printedDate(doc: Document, title: string | null): string | null {
  const headline = headlineOf(doc, title);
  if (!headline || !doc.body) return null;
  const language = doc.documentElement?.getAttribute('lang')?.slice(0, 2).toLowerCase() || detectLanguage(doc.body.textContent ?? '');
  const all = [...doc.body.querySelectorAll('*')];
  const at = all.indexOf(headline);
  // Inside the story's own <article>, a date may stand above the headline ("<div class=date>…</div><h1>…"): the
  // masthead's date is outside it.
  const container = headline.closest('article');
  const above = container ? all.slice(all.indexOf(container) + 1, at).filter((el) => !el.contains(headline)).slice(0, 12) : [];
  let paragraphs = 0;
  let seen = 0;
  for (const el of [...above, ...all.slice(at + 1)]) {
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

/**
 * The story's headline: the page's one <h1>, or the one inside its <article>/<main>, or the one the page's title
 * repeats (a site that puts its name in an <h1> too).
 */
function headlineOf(doc: Document, title: string | null): Element | null {
  const h1s = [...doc.querySelectorAll('h1')];
  if (h1s.length === 1) return h1s[0]!;
  const inStory = doc.querySelector('article h1, main h1');
  if (inStory) return inStory;
  // (the title may add the site's name, "Headline | Site", or shorten the headline)
  const key = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
  const parts = (title ?? '').split(/\s+[|–—·-]\s+/).map(key).filter((p) => p.length >= 12);
  const named = h1s.filter((h) => {
    const text = key(h.textContent);
    return text.length >= 12 && parts.some((p) => text.startsWith(p) || p.startsWith(text));
  });
  return named.length === 1 ? named[0]! : null;
}

export function pageMeta(doc: Document): PageMeta {
  const ld = jsonLdObjects(doc);
  const ldArticle = ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? ''))) ?? ld.find((o) => 'datePublished' in o);

  let published = metaPublished(doc);
  published ??= normalizeIsoDate(typeof ldArticle?.datePublished === 'string' ? ldArticle.datePublished : null);
  published ??= normalizeIsoDate(typeof ldArticle?.dateCreated === 'string' ? ldArticle.dateCreated : null);
  // A <time> counts only inside the article: sidebars list other stories' dates.
  const article = doc.querySelector('article, main, [role="main"], .hentry, .h-entry');
  if (!published && article) published = postDate(article);
  published ??= printedDate(doc, clean(doc.querySelector('title')?.textContent) ?? clean(attr(doc, 'meta[property="og:title"]')));

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
