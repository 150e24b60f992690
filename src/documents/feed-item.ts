import type { FeedItem } from '../sources/feed.ts';
import { htmlToText } from '../sources/html-text.ts';
import { contentHash } from './dedup.ts';
import { cleanText } from './clean.ts';
import type { RawItem } from './types.ts';

/** A feed entry as a RawItem: its link as the feed gave it, its text cleaned of widgets and banners. */
export function feedItemToRaw(item: FeedItem, feedUrl: string): RawItem {
  const text = item.html ? cleanText(htmlToText(item.html)) : '';
  const key = item.guid ?? item.link ?? `${feedUrl}#${contentHash(`${item.title ?? ''}\n${text}`).slice(0, 16)}`;
  return { key, url: item.link, title: item.title, published: item.published, text, outlet: null };
}
