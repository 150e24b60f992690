import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import type { Story } from '../facts/types.ts';
import { cachedByFacts } from '../timeline/cache.ts';
import { filterEvents, mergeEvents } from '../timeline/events.ts';
import { eventsBySource } from '../timeline/from-store.ts';
import { timelineFromView } from '../timeline/timeline-view.ts';
import type { TimelineEvent } from '../timeline/types.ts';
import { chooseStory } from './story-choice.ts';

/** What a /timeline request asks for: a story and filters (dates YYYY-MM-DD or YYYY-MM, inclusive). */
export interface TimelineQuery {
  story: Story | null;
  from?: string;
  to?: string;
  query?: string;
  place?: string;
}

/** Resolves /timeline options; `from` after `to` is an InputError. */
export function timelineQuery(app: AppContext, options: { story?: unknown; from?: unknown; to?: unknown; query?: unknown; place?: unknown }): TimelineQuery {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const [from, to] = [text(options.from), text(options.to)];
  if (from && to && from > to) throw new InputError(`/timeline from:${from} is after to:${to}.`);
  const query = text(options.query);
  const place = text(options.place);
  return { story: chooseStory(app, options.story), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(query ? { query } : {}), ...(place ? { place } : {}) };
}

/**
 * Every dated event of the story merged across sources, oldest first: the story's stored timeline view
 * (src/timeline/timeline-view.ts); without a story (none configured), every event merged in memory. Kept until
 * the stored facts change.
 */
export async function mergedTimeline(app: AppContext, story: Story | null): Promise<TimelineEvent[]> {
  return cachedByFacts(app.store, `timeline:${story?.id ?? '*'}`, async () =>
    story ? timelineFromView(app.store, story) : mergeEvents(eventsBySource(await app.store.listEvents({}))));
}

/** The events a query selects, oldest first; a date range reads only the view's rows that may fall in it. */
export async function timelineEvents(app: AppContext, query: TimelineQuery): Promise<TimelineEvent[]> {
  const dates = { from: query.from, to: query.to ? endOf(query.to) : undefined };
  const merged = query.story && (dates.from || dates.to) ? await timelineFromView(app.store, query.story, dates) : await mergedTimeline(app, query.story);
  return filterEvents(merged, { ...dates, query: query.query, place: query.place });
}

/** `/timeline --json`, exactly. */
export function timelineJson(story: Story | null, events: TimelineEvent[]) {
  return { story: story?.id ?? null, events: events.map(eventJson) };
}

export type TimelineJson = ReturnType<typeof timelineJson>;

/** A bare month means its last day. */
function endOf(to: string): string {
  return to.length === 7 ? `${to}-31` : to;
}

function eventJson(event: TimelineEvent) {
  return {
    date: event.date,
    precision: event.precision,
    text: event.text,
    places: event.places,
    actors: event.actors,
    sources: event.sources.map(({ title, url, source, published, quote }) => ({ title, url, source, published, quote })),
  };
}
