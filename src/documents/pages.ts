import { cleanText } from './clean.ts';
import { readHtmlPage } from './html.ts';
import { markdownToText } from './markdown.ts';
import { splitPosts, type Post } from './split.ts';
import type { RawItem } from './types.ts';

export interface PageOptions {
  format: 'html' | 'markdown' | 'text';
  url: string;
  fileName?: string;
}

interface PageParts {
  posts: Post[];
  title: string | null;
  published: string | null;
  siteName: string | null;
}

function readPage(content: string, format: PageOptions['format'], url: string): PageParts {
  if (format === 'html') {
    const page = readHtmlPage(content, url);
    const posts = page.posts
      ? // The DOM already drew the post boundaries: only the text needs cleaning.
        page.posts
          .map((p) => ({ title: p.title, text: cleanText(p.text), published: p.published, outlet: null, byline: p.byline, datelineDay: null }))
          .filter((p) => p.text.length > 0)
      : splitPosts(page.text, { fileTitle: page.title ?? undefined, teasers: page.source === 'body' });
    return { posts, title: page.title, published: page.published, siteName: page.siteName };
  }
  if (format === 'markdown') {
    const page = markdownToText(content);
    return { posts: splitPosts(page.text, { fileTitle: page.title ?? undefined }), title: page.title, published: page.published, siteName: null };
  }
  return { posts: splitPosts(content), title: null, published: null, siteName: null };
}

function baseName(fileName: string | undefined): string | null {
  const name = fileName?.split(/[\\/]/).pop()?.replace(/\.[^.]+$/, '');
  return name || null;
}

/**
 * A scraped page → one RawItem per story on it. Every post keeps the page's url (a page has one
 * address; posts on it have no links of their own) and is told apart by its key `${url}#${index}`.
 * Page-level metadata (date, site name) goes only to a page that is one post: on a multi-post page
 * it describes the page, not the posts, and a post without its own date stays undated.
 */
export function pageToItems(content: string, opts: PageOptions): RawItem[] {
  const { posts, title, published, siteName } = readPage(content, opts.format, opts.url);
  const split = posts.length > 1;
  const fallbackTitle = title ?? baseName(opts.fileName);
  return posts.map((post, index) => {
    // (a page's metadata date beats a last-edit line of its text: a live blog "Actualizado el 31/07/2017" published on the 30th)
    const dated = (post.fromEdit && !split ? published : null) ?? post.published ?? (split ? null : published);
    return {
      key: split ? `${opts.url}#${index}` : opts.url,
      url: opts.url,
      title: post.title ?? fallbackTitle,
      published: dated,
      text: post.text,
      outlet: post.outlet ?? (split ? null : siteName),
      datelineDay: dated ? null : post.datelineDay,
    };
  });
}
