export interface FeedItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  /** ISO 8601, UTC; null when absent or unparseable. */
  published: string | null;
  /** content:encoded > content > description/summary, as HTML. */
  html: string | null;
  author: string | null;
}

export interface ParsedFeed {
  title: string | null;
  link: string | null;
  format: 'rss' | 'atom' | 'rdf';
  items: FeedItem[];
  /** True when the XML had to be repaired (or read by the forgiving parser) to be read. */
  repaired: boolean;
}
