/**
 * The /timeline view kept in the store: the merged events (mergeEvents' groups) as rows, so that /timeline reads
 * rows instead of merging every event of a story. Rows (view `timeline`):
 *   `g:<period>|<founder>`  one merged event (a TimelineEvent); period: its date (day, week), month or year
 *   `u:<YYYY-MM>|<DD>`      the day's units and the group each joined (`a`), and the groups founded there (`f`:
 *                           their `g:` key, the months of their members and how many there are); a refresh reads and
 *                           writes a month's day rows together (timeline-rows.ts)
 *   `y:<YYYY>`              the months of the year holding year-precision units
 * A unit is one (event, copy) pair, named by its place in the merge order: precision rank, date, event id, copy
 * index (`unitsOf` in timeline-rows.ts); a group is named by its founder, its first unit in that order (so group names
 * sort as the greedy merge created them, as its ties want).
 *
 * Writes mark the months they touch (the store's triggers: an event stored or deleted, a new copy of its document, a
 * changed title, outlet or date). A refresh replays the greedy merge (events.ts' GreedyMerge, the same code as the
 * full merge) where it may decide differently, and nowhere else; see `replayMonths` for why that equals a full merge.
 */
import type { Story } from '../facts/types.ts';
import type { Store, ViewRowWrite } from '../stores/store.ts';
import { GreedyMerge, groupEvent, queryWords, timelineOrder, type EventFilter } from './events.ts';
import { normalizeName } from '../facts/story.ts';
import { byUnitId, groupIn, joinParts, monthOf, monthParts, readMonths, TIMELINE_VIEW, timelineIndex, unitsOf, type MonthRow, type Unit } from './timeline-rows.ts';
import type { TimelineEvent } from './types.ts';

const VIEW = TIMELINE_VIEW;
/**
 * The merge rules' version: change it with events.ts' merging rules (or the rows' format), and every story's rows are
 * computed again. 2: the `g:` rows are indexed for paging (`timelineIndex`).
 */
export const TIMELINE_RULES = 'greedy-merge-2';

/** Months within `reach` months of any of `months`. */
function around(months: Iterable<string>, reach: number): Set<string> {
  const out = new Set<string>();
  for (const month of months) {
    const [year, number] = month.split('-').map(Number) as [number, number];
    for (let offset = -reach; offset <= reach; offset++) out.add(new Date(Date.UTC(year, number - 1 + offset, 1)).toISOString().slice(0, 7));
  }
  return out;
}

/** What a refresh has read: fresh units and stored rows, per month, and the groups it decided anew. */
class Replay {
  readonly units = new Map<string, Unit[]>();
  readonly rows = new Map<string, MonthRow>();
  /** Per month, the unit rows read (key → text): what a write compares with. */
  readonly loadedRows = new Map<string, Map<string, string>>();
  /** Unit id → the group a replay gave it. */
  readonly labels = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly story: string,
    /** Ignore the stored rows (a reset: every month is recomputed). */
    private readonly fresh: boolean,
  ) {}

  async load(months: Iterable<string>): Promise<void> {
    const missing = [...new Set(months)].filter((month) => !this.units.has(month)).sort();
    if (missing.length === 0) return;
    for (const month of missing) this.units.set(month, []);
    for (const unit of unitsOf(await this.store.listEvents({ story: this.story, months: missing }))) this.units.get(unit.month)!.push(unit);
    for (const month of missing) this.units.get(month)!.sort(byUnitId);
    const rows = this.fresh ? new Map<string, Map<string, string>>() : await readMonths(this.store, this.story, missing);
    for (const [month, parts] of rows) {
      this.loadedRows.set(month, parts);
      this.rows.set(month, joinParts(parts.values()));
    }
    for (const month of missing) if (!this.rows.has(month)) this.rows.set(month, { a: {}, f: {} });
  }

  /** The group a unit joined when the rows were computed (undefined: a unit they do not know). */
  stored(unit: { id: string; month: string }): string | undefined {
    return groupIn(this.rows.get(unit.month), unit.id);
  }

  /** The group a unit is in now: as replayed, else as stored. */
  label(unit: Unit): string {
    return this.labels.get(unit.id) ?? this.stored(unit)!;
  }

  sorted(months: Iterable<string>, keep: (unit: Unit) => boolean): Unit[] {
    return [...new Set(months)].flatMap((month) => (this.units.get(month) ?? []).filter(keep)).sort(byUnitId);
  }
}

/** The months of the days within 4 days of `date`: the farthest apart two events of different months can be and merge (weeks). */
function monthsNear(date: string): string[] {
  const day = Date.parse(`${date}T00:00:00Z`);
  return [...new Set([-4, 0, 4].map((offset) => new Date(day + offset * 86_400_000).toISOString().slice(0, 7)))];
}

/**
 * Replays the merge of the units other than year-precision ones where it may decide differently, until nothing further
 * can change. A unit's decision depends only on the units before it in merge order within a month of its own (the
 * candidates' lookup and the posting counts: `monthsAround` in events.ts), and of those only on the ones it could be
 * the same event as (datesCompatible: the same month, or within 4 days for day and week precision) and on the counts
 * of postings that hold such units, which only units of such months change. So a unit decides as before unless a unit
 * of its own month, or of a month within 4 days of its date, was added, removed or regrouped before it in merge order
 * ("changed"); only those are replayed, in merge order, the others keep their stored group.
 *
 * The months W that may hold changes start as the stale ones; units within a month of W may be replayed (R), the units
 * two months away are context (C, indexed with their stored groups, never replayed: they look at no month of W). When a
 * unit outside W is regrouped, its month joins W and the pass runs again. At that fixpoint the result equals the full
 * merge, by induction over the merge order: a unit with no earlier change it can see decides as before, with the same
 * candidates in the same groups; a replayed one decides as the full merge does, seeing the same units (every month it
 * looks at is read) in the same groups; the units outside R and C look only at months outside W, whose units are the
 * stored ones in their stored groups. Year-precision units come after all others and look only at their own year
 * (`Y` keys); no other unit looks at them: `replayYears` handles them.
 */
async function replayMonths(replay: Replay, stale: ReadonlySet<string>): Promise<Set<string>> {
  const changing = new Set(stale);
  for (;;) {
    const replayed = around(changing, 1);
    const context = around(changing, 2);
    await replay.load(context);
    replay.labels.clear();
    // The first change of each month in merge order: units added or removed (in stale months), then units regrouped.
    const firstChange = new Map<string, string>();
    const changed = (month: string, id: string) => {
      const first = firstChange.get(month);
      if (first === undefined || id < first) firstChange.set(month, id);
    };
    for (const month of stale) {
      const present = new Set(replay.units.get(month)!.map((unit) => unit.id));
      for (const unit of replay.units.get(month)!) if (replay.stored(unit) === undefined) changed(month, unit.id);
      for (const id of Object.keys(replay.rows.get(month)!.a)) if (!present.has(id)) changed(month, id);
    }
    const merge = new GreedyMerge();
    const grow = new Set<string>();
    for (const unit of replay.sorted(context, (unit) => !unit.year)) {
      const stored = replay.stored(unit);
      const sees = unit.p.event.precision === 'month' ? [unit.month] : monthsNear(unit.p.event.date);
      if (replayed.has(unit.month) && (stored === undefined || sees.some((month) => (firstChange.get(month) ?? '~') < unit.id))) {
        const label = merge.add(unit.p, unit.id);
        replay.labels.set(unit.id, label);
        if (label === stored) continue;
        changed(unit.month, unit.id);
        if (!changing.has(unit.month)) grow.add(unit.month);
      } else if (stored === undefined) grow.add(unit.month); // rows that do not know it: replay its month too
      else merge.add(unit.p, unit.id, stored);
    }
    if (grow.size === 0) return changing;
    for (const month of grow) changing.add(month);
  }
}

/**
 * Replays the year-precision units of every year holding a month that changed: they look at every unit of their year
 * (which the month replay has settled) and at nothing else, and no other unit looks at them. Returns the `y:` rows.
 */
async function replayYears(store: Store, story: string, replay: Replay, changing: ReadonlySet<string>, fresh: boolean): Promise<{ key: string; value: string | null }[]> {
  const years = [...new Set([...changing].map((month) => month.slice(0, 4)))].sort();
  const { rows } = fresh ? { rows: [] } : await store.viewRows(VIEW, story, { keys: years.map((year) => `y:${year}`) });
  const stored = new Map(rows.map((row) => [row.key.slice(2), JSON.parse(row.value) as string[]]));
  const out: { key: string; value: string | null }[] = [];
  for (const year of years) {
    const known = new Set(stored.get(year) ?? []);
    for (const [month, units] of replay.units) {
      if (!month.startsWith(year)) continue;
      if (units.some((unit) => unit.year)) known.add(month);
      else known.delete(month);
    }
    if (known.size > 0) {
      const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
      await replay.load(months);
      const merge = new GreedyMerge();
      for (const unit of replay.sorted(months, () => true)) {
        if (unit.year) replay.labels.set(unit.id, merge.add(unit.p, unit.id));
        else merge.add(unit.p, unit.id, replay.label(unit));
      }
      known.clear();
      for (const month of months) if (replay.units.get(month)!.some((unit) => unit.year)) known.add(month);
    }
    const value = known.size > 0 ? JSON.stringify([...known].sort()) : null;
    if (value !== (rows.find((row) => row.key === `y:${year}`)?.value ?? null)) out.push({ key: `y:${year}`, value });
  }
  return out;
}

/** Where a merged event is filed: its date (day, week precision), month or year. */
const periodOf = (event: TimelineEvent) => (event.precision === 'month' ? event.date.slice(0, 7) : event.precision === 'year' ? event.date.slice(0, 4) : event.date);

/** The `g:` rows of every group a replayed unit left or joined, or that holds a unit of a stale month. */
async function groupRows(replay: Replay, stale: ReadonlySet<string>): Promise<ViewRowWrite[]> {
  const founders = new Set<string>();
  for (const [month, units] of replay.units) {
    const row = replay.rows.get(month)!;
    const present = new Set(units.map((unit) => unit.id));
    for (const unit of units) {
      const [now, before] = [replay.label(unit), replay.stored(unit)];
      if (now !== before || stale.has(month)) for (const label of [now, before]) if (label !== undefined) founders.add(label);
    }
    // Units gone (their event deleted, or a copy): their groups lose a member.
    for (const id of Object.keys(row.a)) if (!present.has(id)) founders.add(replay.stored({ id, month })!);
  }
  // Every member of those groups: in the months read, or (unchanged) in the months a group's row lists.
  await replay.load([...founders].map(monthOf));
  await replay.load([...founders].flatMap((founder) => replay.rows.get(monthOf(founder))!.f[founder]?.m ?? []));
  const members = new Map<string, Unit[]>();
  for (const units of replay.units.values()) {
    for (const unit of units) {
      const label = replay.label(unit);
      if (!founders.has(label)) continue;
      const list = members.get(label);
      if (list) list.push(unit);
      else members.set(label, [unit]);
    }
  }
  const out: ViewRowWrite[] = [];
  for (const founder of [...founders].sort()) {
    const row = replay.rows.get(monthOf(founder))!;
    const before = row.f[founder]?.k;
    const group = (members.get(founder) ?? []).sort(byUnitId);
    if (group.length === 0) {
      delete row.f[founder];
      if (before) out.push({ key: before, value: null });
      continue;
    }
    const event = groupEvent(group.map((unit) => unit.p));
    const key = `g:${periodOf(event)}|${founder}`;
    row.f[founder] = { k: key, m: [...new Set(group.map((unit) => unit.month))].sort(), n: group.length };
    if (before && before !== key) out.push({ key: before, value: null });
    out.push({ key, value: JSON.stringify(event), index: timelineIndex(event, founder) });
  }
  return out;
}

/** The day rows of the months read whose units, groups or founders changed (a row written before the split goes). */
function monthRows(replay: Replay): { key: string; value: string | null }[] {
  const out: { key: string; value: string | null }[] = [];
  for (const [month, units] of replay.units) {
    const row = replay.rows.get(month)!;
    const a: Record<string, string> = {};
    for (const unit of units) {
      const label = replay.label(unit);
      a[unit.id] = label === unit.id ? '=' : label;
    }
    const parts = monthParts({ a, f: row.f });
    const loaded = replay.loadedRows.get(month) ?? new Map<string, string>();
    for (const [key, value] of parts) if (loaded.get(key) !== value) out.push({ key, value });
    for (const key of loaded.keys()) if (!parts.has(key)) out.push({ key, value: null });
  }
  return out;
}

const refreshing = new WeakMap<Store, Map<string, Promise<number>>>();

/**
 * Brings a story's timeline rows up to date: replays the merge around the months writes made stale (every month
 * after a change of the merge rules, or `reset`). Returns how many stale months it answered. Concurrent calls for
 * one story share one refresh.
 */
export function refreshTimelineView(store: Store, story: Story, options: { reset?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  let running = refreshing.get(store);
  if (!running) refreshing.set(store, (running = new Map()));
  const pending = running.get(story.id);
  if (pending && !options.reset) return pending;
  const refresh = recompute(store, story.id, options).finally(() => {
    if (running.get(story.id) === refresh) running.delete(story.id);
  });
  running.set(story.id, refresh);
  return refresh;
}

async function recompute(store: Store, story: string, options: { reset?: boolean; onProgress?: (done: number, total: number) => void }): Promise<number> {
  const reset = options.reset === true || (await store.viewStamp(VIEW, story)) !== TIMELINE_RULES;
  const previous = reset ? (await store.viewRows(VIEW, story)).rows.map((row) => row.key) : [];
  if (reset) await store.resetView(VIEW, story, TIMELINE_RULES);
  const stale = await store.staleViewKeys(VIEW, story, Number.MAX_SAFE_INTEGER);
  if (stale.length === 0) return 0;
  options.onProgress?.(0, stale.length);
  const replay = new Replay(store, story, reset);
  const staleMonths = new Set(stale.map((entry) => entry.key));
  const changing = await replayMonths(replay, staleMonths);
  const years = await replayYears(store, story, replay, changing, reset);
  const rows = [...(await groupRows(replay, staleMonths)), ...monthRows(replay), ...years];
  // A reset starts from nothing: rows no longer produced go.
  const written = new Set(rows.map((row) => row.key));
  for (const key of previous) if (!written.has(key)) rows.push({ key, value: null });
  await store.saveViewRows(VIEW, story, rows, stale);
  options.onProgress?.(stale.length, stale.length);
  return stale.length;
}

/**
 * The story's merged events, oldest first (as mergeEvents orders them), brought up to date first. With dates
 * (YYYY-MM-DD or YYYY-MM, inclusive), only the rows that may fall in them are read: filter them exactly with
 * `filterEvents` (a month or year event counts for its whole month or year).
 */
export async function timelineFromView(store: Store, story: Story, dates: { from?: string; to?: string } = {}): Promise<TimelineEvent[]> {
  await refreshTimelineView(store, story);
  let rows: { key: string; value: string }[];
  if (!dates.from && !dates.to) rows = (await store.viewRows(VIEW, story.id, { from: 'g:', to: 'g:~' })).rows;
  else {
    const [from, to] = [dates.from ?? '0000', dates.to ?? '9999'];
    // Days and months from the first month to the last; years from the first year to the last.
    const days = await store.viewRows(VIEW, story.id, { from: `g:${from.slice(0, 7)}`, to: `g:${to.slice(0, 7)}|~` });
    const years = await store.viewRows(VIEW, story.id, { from: `g:${from.slice(0, 4)}|`, to: `g:${to.slice(0, 4)}|~` });
    rows = [...new Map([...days.rows, ...years.rows].map((row) => [row.key, row])).values()];
  }
  return rows
    .map((row) => ({ founder: row.key.slice(row.key.indexOf('|') + 1), event: JSON.parse(row.value) as TimelineEvent }))
    .sort((a, b) => timelineOrder(a.event, b.event) || (a.founder < b.founder ? -1 : a.founder > b.founder ? 1 : 0))
    .map((entry) => entry.event);
}

/**
 * One page of the story's merged events that `filter` selects, in timeline order (`limit` null: all), and how many it
 * selects; brought up to date first. The store filters and pages (`Store.viewPage`, on the rows' `timelineIndex`) with
 * the tests `filterEvents` makes: the same events, in the order `timelineFromView` gives.
 */
export async function timelineViewPage(store: Store, story: Story, filter: EventFilter, page: { offset: number; limit: number | null }): Promise<{ events: TimelineEvent[]; total: number }> {
  await refreshTimelineView(store, story);
  const where = {
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.place ? { place: normalizeName(filter.place) } : {}),
    words: queryWords(filter.query),
  };
  const found = await store.viewPage(VIEW, story.id, where, page);
  return { events: found.rows.map((row) => JSON.parse(row.value) as TimelineEvent), total: found.total };
}
