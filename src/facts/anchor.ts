import { monthShortName, pad } from '../core/calendar.ts';
import { addDays, findDateMentions, storyDayCount } from './dates.ts';
import { infoboxSpanEnd } from './infobox.ts';
import type { Story } from './types.ts';

const SHORT_NAMES = (['en', 'es'] as const).map((language) => Array.from({ length: 12 }, (_, i) => monthShortName(i + 1, language).toLowerCase()));

/**
 * The day an undated document speaks from, for resolving its relative dates ("on Saturday", "so far"):
 * the latest date the text itself names, reading a year-less date ("December 26", "late January") as
 * its first occurrence after the story started. Never stored as the publication date — that stays
 * null — only used as the reference that publication would otherwise give.
 */
export function inferAnchor(text: string, story: Story | undefined): string | null {
  if (!story) return null;
  const dates = findDateMentions(text, addDays(story.start, 364))
    .filter((mention) => (mention.kind === 'explicit' || mention.kind === 'period') && !mention.since)
    .filter((mention) => mention.precision === 'day' || mention.precision === 'month')
    .map((mention) => (/\d{4}/.test(mention.text) ? mention.date : firstOccurrence(mention.text, mention.date, story.start)))
    .filter((date): date is string => date !== null && date >= story.start);
  const counted = storyDayCount(text, story.start);
  if (counted) dates.push(counted.date);
  return dates.length ? dates.sort().at(-1)! : null;
}

/**
 * The day a document's counts are as of: an infobox whose "Date" row closes a span counts the whole span ("Date: 2–11
 * January 2022" → 2022-01-11), whatever later days its prose names and however long after the page was saved
 * (ANNOTATION.md: an explicit period end is the as-of); otherwise its publication, or for an undated page `anchor`
 * (inferAnchor's).
 */
export function inferCountsAnchor(text: string, story: Story | undefined, published: string | null, anchor: string | null): string | null {
  const spanEnd = infoboxSpanEnd(text, story?.start ?? null);
  const closed = story && spanEnd && spanEnd >= story.start && (!published || spanEnd < published.slice(0, 10));
  return closed ? spanEnd : (published ?? anchor);
}

/** A year-less "December 26" or "late January" as its first occurrence on or after the story's start. */
function firstOccurrence(mention: string, resolved: string, start: string): string | null {
  const words = mention.toLowerCase();
  const index = SHORT_NAMES.map((names) => names.findIndex((name) => new RegExp(`\\b${name}`).test(words))).find((i) => i >= 0);
  if (index === undefined) return null;
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(words)?.[1];
  const month = pad(index + 1);
  // A whole month ("in December") counts from the story's own month; a day from the story's day.
  const startsFrom = day ? start.slice(5) : start.slice(5, 7);
  const key = day ? `${month}-${pad(Number(day))}` : month;
  const year = Number(start.slice(0, 4)) + (key >= startsFrom ? 0 : 1);
  return `${year}-${month}-${day ? pad(Number(day)) : resolved.slice(8, 10)}`;
}
