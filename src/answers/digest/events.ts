/**
 * The event part of a digest: the merged events whose every report was learned in the window (cursor, upTo] — a new
 * report of an event told before is not a new event — and the quotes of the known events of the months next to the new
 * ones, which a story's summary must not repeat.
 *
 * With a story, which events are new is read from its stored timeline (`storedGroupsOf`, the timeline view's `u:`
 * rows): a new event is a group holding no unit of an event known at the cursor. The work then follows what is new.
 * Without a story (the view is kept per story), or when the view cannot place a new event (one stored after its
 * refresh), the events of the months around the new ones are merged in memory, as digests did before the view.
 * The two agree on the sample, the news set and generated feeds (tests/answers/digest-events.test.ts); where they can
 * differ the view is right (it is /timeline's grouping), and the test and NOTES.md say when and why.
 */
import { monthDayYear } from '../../core/calendar.ts';
import type { Story } from '../../facts/types.ts';
import type { FactFilter, Store, StoredEventRecord } from '../../stores/store.ts';
import { groupEvent, mergeEvents, timelineOrder } from '../../timeline/events.ts';
import { eventsBySource } from '../../timeline/from-store.ts';
import { storedGroupsOf } from '../../timeline/stored-groups.ts';
import type { TimelineEvent } from '../../timeline/types.ts';
import { knownAt } from './figure-changes.ts';
import { knownBound } from './known.ts';
import { uniqueSources } from './sources.ts';
import type { DigestEntry } from './types.ts';

export interface EventWindow {
  story: Story | null;
  cursor: number;
  /** Where the window ends (the learned sequence the digest reaches). */
  upTo: number;
  /** The events not known at the cursor (see `knownAt`), those learned after `upTo` included. */
  unknown: StoredEventRecord[];
}

export interface DigestEvents {
  entries: DigestEntry[];
  /** Quotes of the events known at the cursor in the months next to the new ones: the latest of each date (see known.ts). */
  knownQuotes: string[];
}

/** How new events are told from reports of known ones: the stored timeline's groups, or a merge in memory. */
export type EventGrouping = 'timeline' | 'merge';

/** The digest's event entries (unsorted, unfiltered) and the known quotes around them. */
export async function digestEvents(store: Store, window: EventWindow, grouping: EventGrouping = window.story ? 'timeline' : 'merge'): Promise<DigestEvents> {
  const fresh = window.unknown.filter((event) => event.learned <= window.upTo);
  if (fresh.length === 0) return { entries: [], knownQuotes: [] };
  const months = [...new Set(fresh.flatMap((event) => monthsNear(event.date)))];
  const nearby = { ...(window.story ? { story: window.story.id } : {}), months, learnedUpTo: window.upTo };
  if (grouping === 'timeline' && window.story) {
    const events = await newEventsFromTimeline(store, window.story, window);
    if (events) return { entries: events.map(eventEntry), knownQuotes: await knownQuotes(store, nearby, window.cursor) };
  }
  const around = await store.listEvents(nearby);
  // The same known quotes as the timeline's way (bounded per date, in SQL): both ways summarize alike.
  return { entries: newEventsByMerge(around, window.cursor).map(eventEntry), knownQuotes: await knownQuotes(store, nearby, window.cursor) };
}

/** The quotes of the latest known reports of each date of the months around the new events (see known.ts). */
function knownQuotes(store: Store, nearby: FactFilter, cursor: number): Promise<string[]> {
  return store.eventQuotes({ ...nearby, knownAt: cursor }, knownBound);
}

/** Months a day falls in or next to: events further apart are never one event (see mergeEvents). */
function monthsNear(date: string): string[] {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return [-1, 0, 1].map((offset) => new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7));
}

/**
 * The groups of the stored timeline that hold no unit of a known event, each as its units learned in the window
 * make it, in timeline order (ties: the order the merge founded them). Null when the view cannot place one of the
 * window's events.
 */
async function newEventsFromTimeline(store: Store, story: Story, window: EventWindow): Promise<TimelineEvent[] | null> {
  const { groups, unplaced } = await storedGroupsOf(store, story, window.unknown);
  if (unplaced.some((event) => event.learned <= window.upTo)) return null;
  return groups
    .filter((group) => !group.holdsOthers)
    .map((group) => group.units.filter((unit) => unit.record.learned <= window.upTo))
    .filter((units) => units.length > 0)
    .map((units) => ({ first: units[0]!.id, event: groupEvent(units.map((unit) => unit.p)) }))
    .sort((a, b) => timelineOrder(a.event, b.event) || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
    .map((entry) => entry.event);
}

/** The merged events of `records` (the events of the months around the new ones) whose every source is new. */
function newEventsByMerge(records: StoredEventRecord[], cursor: number): TimelineEvent[] {
  const known = new Map(records.map((record) => [record.documentId, knownAt(record, cursor)]));
  return mergeEvents(eventsBySource(records)).filter((event) => event.sources.every((source) => known.get(source.documentId) === false));
}

/** A merged event as a digest entry. */
export function eventEntry(event: TimelineEvent): DigestEntry {
  return {
    kind: 'event',
    date: event.date,
    text: `${eventDate(event)} — ${event.text}${event.places.length ? ` (${event.places.join(', ')})` : ''}`,
    summary: event.sources[0]?.quote ?? '',
    sources: uniqueSources(event.sources),
    weight: new Set(event.sources.map((source) => source.source)).size + Date.parse(event.date) / 1e13,
  };
}

function eventDate(event: TimelineEvent): string {
  if (event.precision === 'day') return monthDayYear(event.date);
  const [year, month] = event.date.split('-');
  return `${monthDayYear(`${year}-${month}-01`).replace(/ 1,/, '')}`;
}
