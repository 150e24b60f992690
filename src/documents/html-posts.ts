import { parseBylineLine } from './byline.ts';
import { htmlToText } from '../sources/html-text.ts';
import { cleanText } from './clean.ts';
import { postByline, postDate } from './html-meta.ts';

/** One post of a page that holds several. */
export interface HtmlPost {
  title: string | null;
  text: string;
  published: string | null;
  byline: string | null;
}

/** Inside a post: what is not its text (the heading and meta are read into fields first). */
const POST_CHROME =
  'script, style, noscript, template, svg, iframe, form, button, select, nav, aside, footer, figcaption, [class*="comment"], [id*="comment"], [class*="share"], [class*="social"], [class*="related"], time, [rel="author"], [itemprop="author"], .byline, .author';

/** Share of the container's text the posts must cover for it to count as a multi-post page. */
const MIN_COVERAGE = 0.6;
const MIN_POST_CHARS = 60;

function norm(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function toPost(heading: Element | null, nodes: Element[]): HtmlPost {
  const holder = nodes[0]?.ownerDocument.createElement('div');
  for (const node of nodes) holder?.appendChild(node.cloneNode(true));
  const title = norm(heading?.textContent) || null;
  const published = holder ? postDate(holder) : null;
  const byline = holder ? postByline(holder) : null;
  if (holder) {
    for (const h of holder.querySelectorAll('h1, h2, h3')) if (norm(h.textContent) === title) h.remove();
    // Only inside the post: a post wrapper's own class ("post has-comments") says nothing about its text.
    for (const el of holder.querySelectorAll(POST_CHROME)) if (el.parentElement !== holder) el.remove();
  }
  let text = cleanText(holder ? htmlToText(holder.outerHTML) : '');
  // A date or byline printed as text at the top of the post ("January 5, 2023", "By Ana Quispe").
  const [first = '', ...rest] = text.split('\n');
  const printed = parseBylineLine(first);
  if (printed) {
    text = cleanText(rest.join('\n'));
    return { title, text, published: published ?? printed.published, byline: byline ?? printed.byline };
  }
  return { title, text, published, byline };
}

/** Several top-level <article> elements: one post each. */
export function articlePosts(root: ParentNode): HtmlPost[] | null {
  const articles = [...root.querySelectorAll('article')].filter((a) => !a.parentElement?.closest('article'));
  if (articles.length < 2) return null;
  const posts = articles.map((a) => toPost(a.querySelector('h1, h2, h3'), [a])).filter((p) => p.text.length > 0);
  return posts.length >= 2 ? posts : null;
}

/** A heading that is wholly a link: on an index page each post's headline links to the post. */
function isLinkedHeading(h: Element): boolean {
  const link = h.querySelector('a[href]');
  const text = norm(h.textContent);
  return !!link && text.length > 0 && norm(link.textContent) === text && !h.closest('nav, aside, footer, header');
}

/**
 * Posts separated by linked headings (`<h2><a href=…>Title</a></h2>` then the post), with or without
 * a wrapper per post. Null unless the posts make up most of the container's text, so that a
 * "Related stories" list under a single article does not turn the page into teasers.
 */
export function linkedHeadingPosts(container: Element): HtmlPost[] | null {
  const all = [...container.querySelectorAll('h2, h3')].filter(isLinkedHeading);
  const tag = ['H2', 'H3'].find((t) => all.filter((h) => h.tagName.toUpperCase() === t).length >= 2);
  if (!tag) return null;
  const heads = all.filter((h) => h.tagName.toUpperCase() === tag);
  const headSet = new Set(heads);
  const holdsHead = (el: Element) => headSet.has(el) || heads.some((h) => el.contains(h));

  const posts = heads.map((head) => {
    // Climb to the largest box around this heading that holds no other post heading.
    let box: Element = head;
    while (box.parentElement && box.parentElement !== container && heads.filter((h) => box.parentElement!.contains(h)).length === 1) {
      box = box.parentElement;
    }
    if (box !== head) return toPost(head, [box]);
    // Headings are siblings: the post is what follows until the next heading.
    const nodes: Element[] = [head];
    for (let el = head.nextElementSibling; el && !holdsHead(el); el = el.nextElementSibling) nodes.push(el);
    return toPost(head, nodes);
  });

  const kept = posts.filter((p) => p.text.length >= MIN_POST_CHARS);
  const covered = kept.reduce((sum, p) => sum + p.text.length + (p.title?.length ?? 0), 0);
  const total = cleanText(htmlToText(container.outerHTML)).length;
  return kept.length >= 2 && covered >= MIN_COVERAGE * total ? kept : null;
}
