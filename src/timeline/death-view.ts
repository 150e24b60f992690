/**
 * The /deaths view kept in the store: one row per day of the running toll (its point, with its best few reports and
 * what the answers need of all of them — src/timeline/point-sources.ts —, and the summary the series rules need), so
 * that /deaths reads a story's points instead of every death figure it has, and a point's row stays small however
 * many reports its day has.
 * Writes mark the days they touch stale in their own transaction (the store's triggers: a new or re-extracted figure,
 * a new copy of its document, a changed title or date); a refresh recomputes only those days, with the same rules
 * as a full build (`tollPoints`). The series rules that look across days (plausibility, revisions, the headline)
 * run on the stored points at read time: they need only the points' summaries. Incidents and counts by region are
 * read from their own (small) subsets of the figures.
 */
import type { Story } from '../facts/types.ts';
import type { Store, StoredFigureRecord } from '../stores/store.ts';
import { storyStamp } from './cache.ts';
import { deathIncidents, deathsByRegion, tollFromPoints, tollPoints, type SummarizedPoint } from './deaths.ts';
import { figuresBySource } from './from-store.ts';
import type { DeathsData, PointSource } from './types.ts';

/** Stale days recomputed per read of the store: bounds the memory of a refresh after a large import. */
const REFRESH_BATCH = 500;

/**
 * The rows' format, in the view's stamp beside the story's settings: change it with what a row holds, so that rows
 * written by an older version are rebuilt, not misread. 'bounded-sources-1': a point keeps its best reports only
 * (rows before it held every report and no `sources_total`).
 */
export const DEATH_ROWS = 'bounded-sources-1';

const viewStampOf = (story: Story) => `${DEATH_ROWS}|${storyStamp(story)}`;

const refreshing = new WeakMap<Store, Map<string, Promise<number>>>();

/**
 * Recomputes the stale days of a story's toll (all of them when the story's settings changed since the rows were
 * computed, or `reset`); returns how many days it recomputed. Concurrent calls for one story share one refresh.
 */
export function refreshDeathView(store: Store, story: Story, options: { reset?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  let running = refreshing.get(store);
  if (!running) refreshing.set(store, (running = new Map()));
  const pending = running.get(story.id);
  if (pending && !options.reset) return pending;
  const refresh = recompute(store, story, options).finally(() => {
    // A reset started meanwhile holds the slot now: leave it.
    if (running.get(story.id) === refresh) running.delete(story.id);
  });
  running.set(story.id, refresh);
  return refresh;
}

async function recompute(store: Store, story: Story, options: { reset?: boolean; onProgress?: (done: number, total: number) => void }): Promise<number> {
  const stamp = viewStampOf(story);
  let total = 0;
  if (options.reset || (await store.viewStamp('deaths', story.id)) !== stamp) total = await store.resetView('deaths', story.id, stamp);
  let done = 0;
  for (;;) {
    const stale = await store.staleViewKeys('deaths', story.id, REFRESH_BATCH);
    if (stale.length === 0) return done;
    const days = stale.map((entry) => entry.key);
    const figures = figuresBySource(await store.listFigures({ story: story.id, kinds: ['deaths'], dates: days }));
    const points = new Map(tollPoints(figures, story).map((entry) => [entry.point.as_of, entry]));
    const rows = days.map((day) => ({ key: day, value: points.has(day) ? JSON.stringify(points.get(day), keepInfinity) : null }));
    await store.saveViewRows('deaths', story.id, rows, stale);
    done += stale.length;
    options.onProgress?.(done, Math.max(total, done));
  }
}

// An open bound's ceiling is infinite ("more than 80"), which JSON would write as null.
const keepInfinity = (_key: string, value: unknown) => (value === Number.POSITIVE_INFINITY ? 'Infinity' : value);
const readInfinity = (_key: string, value: unknown) => (value === 'Infinity' ? Number.POSITIVE_INFINITY : value);

/** The story's toll points, oldest first, brought up to date first. */
export async function storedTollPoints(store: Store, story: Story): Promise<SummarizedPoint[]> {
  await refreshDeathView(store, story);
  const { rows } = await store.viewRows('deaths', story.id);
  return rows.map((row) => JSON.parse(row.value, readInfinity) as SummarizedPoint);
}

/** Everything /deaths shows for a whole story, from the stored points and the incident and regional figures. */
export async function deathsFromView(store: Store, story: Story): Promise<DeathsData> {
  const regional = figuresBySource(await store.listFigures({ story: story.id, kinds: ['deaths'], regional: true }));
  return { ...(await deathsWith(store, story, [], () => true)), by_region: deathsByRegion(regional, { story }) };
}

/** Which death figures one toll counts: the stored points, with the days in `changedDays` recomputed from the figures `kept` selects. */
export interface DeathsSelection {
  /** The days holding a figure `kept` leaves out (their stored points count figures it does not). */
  changedDays: readonly string[];
  kept: (figure: StoredFigureRecord) => boolean;
}

/**
 * The toll and incidents as they stood with only the death figures `kept` selects (a digest's "before" and "after"):
 * the stored points, with the days in `changedDays` (those holding a figure `kept` leaves out) recomputed from their
 * figures alone. Reads the story's points, those days' figures and the incident figures, never the whole store.
 */
export async function deathsWith(store: Store, story: Story, changedDays: readonly string[], kept: (figure: StoredFigureRecord) => boolean): Promise<DeathsData> {
  const [data] = await deathsWithEach(store, story, [{ changedDays, kept }]);
  return data;
}

/**
 * `deathsWith` for several selections at once, from one read: the stored points, the figures of every selection's
 * changed days and the incident figures are read once (a digest's before and after differ only in which of them they
 * keep). `sources`: how many reports the recomputed points keep (the stored ones keep POINT_SOURCES); a digest keeps
 * all of them for the days it recomputes, the days its new figures are about, to tell which reports are new.
 */
export async function deathsWithEach<const S extends readonly DeathsSelection[]>(
  store: Store,
  story: Story,
  selections: S,
  options: { sources?: number } = {},
): Promise<{ [K in keyof S]: DeathsData }> {
  const stored = await storedTollPoints(store, story);
  const days = [...new Set(selections.flatMap((selection) => selection.changedDays))];
  const dayFigures = days.length > 0 ? await store.listFigures({ story: story.id, kinds: ['deaths'], dates: days }) : [];
  const incidentFigures = await store.listFigures({ story: story.id, kinds: ['deaths'], scopes: ['incident'] });
  // One answer per selection, in their order (the tuple type says so to the callers).
  return selections.map(({ changedDays, kept }) => {
    const points = new Map(stored.map((entry) => [entry.point.as_of, entry]));
    if (changedDays.length > 0) {
      const changed = new Set(changedDays);
      // In the read's order (as-of day, then id), as a read of these days alone gives them.
      const figures = dayFigures.filter((figure) => figure.asOf !== null && changed.has(figure.asOf) && kept(figure));
      for (const day of changedDays) points.delete(day);
      for (const entry of tollPoints(figuresBySource(figures), story, options.sources)) points.set(entry.point.as_of, entry);
    }
    const series = [...points.values()].sort((a, b) => a.point.as_of.localeCompare(b.point.as_of));
    const incidents = deathIncidents(figuresBySource(incidentFigures.filter(kept)), { story });
    return { ...tollFromPoints(series), incidents, by_region: [] };
  }) as { [K in keyof S]: DeathsData };
}

/**
 * Every report of one day of the story's toll, best first (a stored point keeps only the best few): that day's figures
 * read and its point recomputed, one day's read whatever the size of the store. Empty when the day has no toll.
 */
export async function tollReports(store: Store, story: Story, day: string): Promise<PointSource[]> {
  const figures = figuresBySource(await store.listFigures({ story: story.id, kinds: ['deaths'], dates: [day] }));
  return tollPoints(figures, story, Number.POSITIVE_INFINITY).find((entry) => entry.point.as_of === day)?.point.sources ?? [];
}
