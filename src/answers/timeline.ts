import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import type { Story } from '../facts/types.ts';
import { cachedByFacts, storyStamp } from '../timeline/cache.ts';
import { filterEvents, mergeEvents } from '../timeline/events.ts';
import { eventsBySource } from '../timeline/from-store.ts';
import { timelineFromView, timelineViewPage } from '../timeline/timeline-view.ts';
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

/** A page of the events a query selects (oldest first), and where it stands among them. */
export interface TimelinePage {
  events: TimelineEvent[];
  /** Events the query selects in all. */
  total: number;
  /** 1 = the oldest events; a page past the end is the last one. */
  page: number;
  pages: number;
}

/**
 * One page of `size` events (null: all of them) that a query selects, oldest first. A story's page is read from its
 * stored timeline view in SQL (the page's rows and a count, filtered by dates, place and words there: `Store.viewPage`,
 * the same tests as `filterEvents`); without a story, every event is merged and filtered in memory. Kept until the
 * stored facts change.
 */
export async function timelinePage(app: AppContext, query: TimelineQuery, request: { page: number; size: number | null }): Promise<TimelinePage> {
  const filter = { from: query.from, to: query.to ? endOf(query.to) : undefined, place: query.place, query: query.query };
  const size = request.size ?? Number.MAX_SAFE_INTEGER;
  const asked = Math.max(1, Math.floor(request.page) || 1);
  const story = query.story;
  if (!story) {
    const selected = filterEvents(await mergedTimeline(app, null), filter);
    const pages = Math.max(1, Math.ceil(selected.length / size));
    const page = Math.min(asked, pages);
    return { events: selected.slice((page - 1) * size, page * size), total: selected.length, page, pages };
  }
  return cachedByFacts(app.store, `timeline-page:${storyStamp(story)}:${JSON.stringify([filter, asked, request.size])}`, async () => {
    const read = (page: number) => timelineViewPage(app.store, story, filter, { offset: (page - 1) * size, limit: request.size });
    let found = await read(asked);
    const pages = Math.max(1, Math.ceil(found.total / size));
    const page = Math.min(asked, pages);
    if (page !== asked) found = await read(page); // asked past the end: the last page
    return { events: found.events, total: found.total, page, pages };
  });
}

/** Every event a query selects, oldest first (the web's selection: see `timelinePage`). */
export async function timelineEvents(app: AppContext, query: TimelineQuery): Promise<TimelineEvent[]> {
  return (await timelinePage(app, query, { page: 1, size: null })).events;
}

/** The web's timeline.json: a story's selected events, whole. */
export function timelineJson(story: Story | null, events: TimelineEvent[]) {
  return { story: story?.id ?? null, events: events.map(eventJson) };
}

/** `/timeline --json`, exactly: the page shown, and where it stands (the whole selection: the web's timeline.json). */
export function timelinePageJson(story: Story | null, page: TimelinePage) {
  return { ...timelineJson(story, page.events), page: page.page, pages: page.pages, total: page.total };
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
