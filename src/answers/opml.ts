/**
 * OPML 2.0 for feed lists: what feed readers export and import. Only feeds travel (one outline per
 * feed, `xmlUrl` its address); destinations and schedules stay in the YAML configuration.
 */
import { Parser } from 'htmlparser2';

export interface OpmlFeed {
  url: string;
  title: string | null;
  /** Cronista's `story` of the feed, kept in a `category` attribute when there is one. */
  story?: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toOpml(feeds: readonly OpmlFeed[], options: { title?: string; now?: Date } = {}): string {
  const outlines = feeds.map((feed) => {
    const title = escape(feed.title ?? feed.url);
    const category = feed.story ? ` category="${escape(feed.story)}"` : '';
    return `    <outline type="rss" text="${title}" title="${title}" xmlUrl="${escape(feed.url)}"${category}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escape(options.title ?? 'Cronista feeds')}</title>`,
    `    <dateCreated>${(options.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

export function looksLikeOpml(text: string): boolean {
  return /<opml[\s>]/i.test(text.slice(0, 2000));
}

/** Every outline with an xmlUrl, at any depth (folders are flattened), first occurrence of a URL kept. */
export function parseOpml(text: string): OpmlFeed[] {
  if (!looksLikeOpml(text)) throw new Error('not an OPML document (no <opml> element)');
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name.toLowerCase() !== 'outline') return;
        const lower = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key.toLowerCase(), value]));
        const url = lower.xmlurl?.trim();
        if (!url || seen.has(url)) return;
        seen.add(url);
        const title = (lower.title ?? lower.text)?.trim() || null;
        const story = lower.category?.trim();
        feeds.push({ url, title, ...(story && /^[a-z0-9][a-z0-9-]*$/.test(story) ? { story } : {}) });
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return feeds;
}
