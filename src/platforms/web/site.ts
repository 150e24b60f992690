import { deathsJson, deathsQuery, latestTollReports, type DeathsJson } from '../../answers/deaths.ts';
import { mergedTimeline, timelineEvents, timelineQuery, type TimelineQuery } from '../../answers/timeline.ts';
import type { AppContext } from '../../core/context.ts';
import { InputError } from '../../core/errors.ts';
import type { Story } from '../../facts/types.ts';
import type { DeathPoint, PointSource, TimelineEvent } from '../../timeline/types.ts';

/**
 * What the pages show, read through the same builders as /deaths and /timeline (src/answers/), so the web
 * and the chat never disagree.
 */
export interface StoryOverview {
  story: Story;
  latest: DeathPoint | null;
  /** The newest date anything about the story was published or happened. */
  lastReport: string | null;
  events: number;
}

export type TimelineOrder = 'newest' | 'oldest';

/** The timeline filters of a story page, as the form sends them. */
export interface TimelineParams {
  from?: string;
  to?: string;
  q?: string;
  place?: string;
  order?: TimelineOrder;
}

export interface StoryPage {
  story: Story;
  deaths: DeathsJson;
  /** Every report of the latest toll's day, best first (its point in `deaths` keeps only the best few). */
  latestReports: PointSource[];
  /** Every place the story's events name, most named first (the place filter's choices). */
  places: string[];
  /** Events in the story's whole timeline. */
  total: number;
  /** The events the filters select, in the order asked for. */
  events: TimelineEvent[];
  params: TimelineParams & { order: TimelineOrder };
}

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

export function findStory(app: AppContext, id: string): Story | null {
  return app.stories.find((story) => story.id === id) ?? null;
}

export async function storyOverviews(app: AppContext): Promise<StoryOverview[]> {
  return Promise.all(
    app.stories.map(async (story) => {
      const deaths = await deathsJson(app, deathsQuery(app, { story: story.id }));
      const events = await mergedTimeline(app, story);
      const dates = [
        ...deaths.series.map((point) => point.as_of),
        ...deaths.incidents.map((point) => point.as_of),
        ...events.map((event) => event.date),
        ...events.flatMap((event) => event.sources.map((source) => source.published?.slice(0, 10) ?? '')),
      ].filter(Boolean);
      return { story, latest: deaths.latest, lastReport: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null, events: events.length };
    }),
  );
}

/** The timeline filters as query parameters arrive (strings or missing); a malformed date is an InputError. */
export function timelineParams(raw: Record<string, unknown>): TimelineParams & { order: TimelineOrder } {
  const text = (name: string) => (typeof raw[name] === 'string' && (raw[name] as string).trim() ? (raw[name] as string).trim().slice(0, 200) : undefined);
  const params: TimelineParams & { order: TimelineOrder } = { order: text('order') === 'oldest' ? 'oldest' : 'newest' };
  for (const name of ['from', 'to'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    if (!DATE.test(value) || Number.isNaN(Date.parse(value.length === 7 ? `${value}-01` : value))) {
      throw new InputError(`${name}: expects a date like 2023-01-31 (or 2023-01), not "${value}".`);
    }
    params[name] = value;
  }
  const q = text('q') ?? text('query');
  if (q) params.q = q;
  const place = text('place');
  if (place) params.place = place;
  return params;
}

export function toTimelineQuery(app: AppContext, story: Story, params: TimelineParams): TimelineQuery {
  return timelineQuery(app, { story: story.id, from: params.from, to: params.to, query: params.q, place: params.place });
}

export async function storyPage(app: AppContext, story: Story, params: TimelineParams & { order: TimelineOrder }): Promise<StoryPage> {
  const deaths = await deathsJson(app, deathsQuery(app, { story: story.id }));
  const latestReports = deaths.latest ? await latestTollReports(app, story, deaths.latest) : [];
  const all = await mergedTimeline(app, story);
  const selected = await timelineEvents(app, toTimelineQuery(app, story, params));
  const counts = new Map<string, number>();
  for (const event of all) for (const place of new Set(event.places)) counts.set(place, (counts.get(place) ?? 0) + 1);
  const places = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([place]) => place);
  return { story, deaths, latestReports, places, total: all.length, events: params.order === 'newest' ? [...selected].reverse() : selected, params };
}
