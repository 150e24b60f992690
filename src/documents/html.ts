import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from '../sources/html-text.ts';
import { cleanText } from './clean.ts';
import { pageMeta, type PageMeta } from './html-meta.ts';
import { articlePosts, linkedHeadingPosts, type HtmlPost } from './html-posts.ts';

export type { HtmlPost } from './html-posts.ts';

export interface HtmlPage {
  title: string | null;
  /** Story text; on a multi-post page each post appears as "Headline", byline/date line, paragraphs. */
  text: string;
  published: string | null;
  siteName: string | null;
  byline: string | null;
  /** The posts of a page with several <article> elements or linked-headline posts, else null. */
  posts: HtmlPost[] | null;
  /** Where the text came from: several <article> posts, Readability's one article, or the whole body. */
  source: 'posts' | 'article' | 'body';
}

/** Not story text anywhere on a page. */
const CHROME = 'script, style, noscript, template, svg, iframe, form, button, select, nav, aside, footer, figcaption';
/** Not story text in a page's body when Readability found no article. */
const BODY_CHROME = `${CHROME}, header, [role="navigation"], [role="banner"], [role="contentinfo"], [class*="comment"], [id*="comment"], [class*="share"], [class*="social"], [class*="newsletter"], [class*="related"]`;

const MIN_ARTICLE_CHARS = 140;

function load(html: string): Document {
  const full = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(full).document as unknown as Document;
}

/** "Headline\n\nBy X | 2023-01-10\n\ntext": the layout splitPosts reads as one post per headline + byline. */
function postAsText(post: HtmlPost): string {
  const meta = [post.byline ? `By ${post.byline}` : null, post.published].filter(Boolean).join(' | ');
  return [post.title, meta, post.text].filter(Boolean).join('\n\n');
}

/** Strip a " | Site" or " - Site" suffix from a <title>. */
function tidyTitle(title: string | null, siteName: string | null): string | null {
  if (!title) return null;
  let t = title.trim();
  if (siteName) {
    const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    t = t.replace(new RegExp(`\\s*[|–—:-]\\s*${escaped}\\s*$`, 'i'), '').trim();
  }
  return t || null;
}

function postsPage(posts: HtmlPost[], meta: PageMeta): HtmlPage {
  return {
    title: tidyTitle(meta.title, meta.siteName),
    text: posts.map(postAsText).join('\n\n'),
    published: meta.published,
    siteName: meta.siteName,
    byline: meta.byline,
    posts,
    source: 'posts',
  };
}

function bodyText(html: string): Element {
  const body = load(html).body;
  for (const el of body.querySelectorAll(BODY_CHROME)) el.remove();
  return body;
}

/**
 * HTML page → story text and metadata. Readability (on linkedom) finds the article; page metadata
 * gives the date; pages of several posts (<article> elements, or linked headlines each followed by
 * its post) keep one post each.
 */
export function readHtmlPage(html: string, url?: string | null): HtmlPage {
  const meta = pageMeta(load(html));
  const articles = articlePosts(load(html));
  if (articles) return postsPage(articles, meta);

  const doc = load(html);
  if (url) {
    // Readability resolves relative links against the document's URL; linkedom has none by default.
    const base = doc.createElement('base');
    base.setAttribute('href', url);
    doc.head?.appendChild(base);
  }
  const article = new Readability(doc).parse();
  let container: Element;
  let source: HtmlPage['source'] = 'article';
  if (article?.content && (article.textContent ?? '').trim().length >= MIN_ARTICLE_CHARS) {
    container = load(article.content).body;
    for (const el of container.querySelectorAll(CHROME)) el.remove();
  } else {
    source = 'body';
    container = bodyText(html);
  }
  // Readability may keep one post of an index page: look at the whole body too.
  const linked = linkedHeadingPosts(container) ?? (source === 'article' ? linkedHeadingPosts(bodyText(html)) : null);
  if (linked) return postsPage(linked, meta);

  // Trailers stay: they mark post ends for splitPosts.
  const text = cleanText(htmlToText(container.outerHTML), { keepTrailers: true });
  return {
    title: tidyTitle(meta.title ?? article?.title ?? null, meta.siteName ?? article?.siteName ?? null),
    text,
    published: meta.published,
    siteName: meta.siteName ?? article?.siteName ?? null,
    byline: meta.byline ?? article?.byline?.replace(/^(?:by|por)\s+/i, '').trim() ?? null,
    posts: null,
    source,
  };
}
