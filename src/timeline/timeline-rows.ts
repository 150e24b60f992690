/**
 * The timeline view's row format (view `timeline` in the store; timeline-view.ts computes the rows, stored-groups.ts
 * reads them for digests). A unit is one (event, copy) pair, named by its place in the merge order: precision rank,
 * date, event id, copy index; a group is named by its founder, its first unit in that order. A month's units and the
 * group each joined, and the groups founded there, are kept by day: `u:<YYYY-MM>|<DD>` rows (the day of the unit's or
 * founder's date), so that a digest asking where a few units stand reads their days, not their whole months (at
 * 100,000 documents a month is ~3 MB of JSON). A refresh reads and writes a month at once (`readMonths`,
 * `monthParts`). Rows written before the split (`u:<YYYY-MM>`, a whole month, its founders without `n`) are still
 * read, and give way to the day rows when their month is next written. (A row per unit was tried: at 100,000 documents
 * the refresh after importing 1,000 more, saving ~260,000 small rows, had not finished after 4 minutes, most of it in
 * SQLite's page reads; with day rows the whole import took under a minute.)
 */
import { normalizeName } from '../facts/story.ts';
import type { Store, StoredEventRecord, ViewRowIndex } from '../stores/store.ts';
import { eventSpan, eventWords, precisionRank, prepare, type Prepared } from './events.ts';
import { eventsBySource } from './from-store.ts';
import type { TimelineEvent } from './types.ts';

export const TIMELINE_VIEW = 'timeline';

export interface Unit {
  id: string;
  month: string;
  year: boolean;
  readonly p: Prepared;
  /** The stored event the unit is a copy of. */
  record: StoredEventRecord;
}

/** A month's (or a day's) units and the groups founded there. */
export interface MonthRow {
  /** Unit id → its group (the founder's id; '=' when it founded its own). */
  a: Record<string, string>;
  /**
   * Founder id → its group's `g:` key, the months of its members and how many members it has (`n`: absent in rows
   * written before it was kept).
   */
  f: Record<string, { k: string; m: string[]; n?: number }>;
}

/** The month (YYYY-MM) of a unit id. */
export const monthOf = (id: string) => id.split('|')[1]!.slice(0, 7);

/** The key of the day row holding a unit (or a founder's group): `u:<YYYY-MM>|<DD>`. */
export function dayKeyOf(id: string): string {
  const date = id.split('|')[1]!;
  return `u:${date.slice(0, 7)}|${date.length >= 10 ? date.slice(8, 10) : '00'}`;
}

/** A month's rows as one: the day rows, and a whole-month row written before the split, merged. */
export function joinParts(values: Iterable<string>): MonthRow {
  const row: MonthRow = { a: {}, f: {} };
  for (const value of values) {
    const part = JSON.parse(value) as MonthRow;
    Object.assign(row.a, part.a);
    Object.assign(row.f, part.f);
  }
  return row;
}

/** A month's day rows (key → text), each with its units and founders in id order: the same rows however reached. */
export function monthParts(row: MonthRow): Map<string, string> {
  const parts = new Map<string, MonthRow>();
  const partOf = (id: string) => {
    const key = dayKeyOf(id);
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { a: {}, f: {} }));
    return part;
  };
  for (const id of Object.keys(row.a).sort()) partOf(id).a[id] = row.a[id]!;
  for (const id of Object.keys(row.f).sort()) partOf(id).f[id] = row.f[id]!;
  return new Map([...parts].sort(([x], [y]) => (x < y ? -1 : 1)).map(([key, part]) => [key, JSON.stringify(part)]));
}

/** The group a month's row gives a unit (undefined: the row does not know it). */
export function groupIn(row: MonthRow | undefined, id: string): string | undefined {
  const label = row?.a[id];
  return label === '=' ? id : label;
}

/** The units of a story's events: one per copy of each event's document, named by their place in the merge order. */
export function unitsOf(records: readonly StoredEventRecord[]): Unit[] {
  return records.flatMap((record) =>
    eventsBySource([record]).map((event, copy) => {
      // (prepared when first merged: a digest asks where thousands of units stand and merges only the new events')
      let prepared: Prepared | undefined;
      return {
        id: `${precisionRank(event.precision)}|${event.date}|${String(record.id).padStart(12, '0')}|${String(copy).padStart(4, '0')}`,
        month: event.date.slice(0, 7),
        year: event.precision === 'year',
        get p() {
          return (prepared ??= prepare(event));
        },
        record,
      };
    }),
  );
}

/** Merge order of units. */
export const byUnitId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The stored unit rows of these months (YYYY-MM): per month, its rows' keys and text (a month without rows: absent). */
export async function readMonths(store: Store, story: string, months: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const month of months) {
    // `u:<month>` (a whole month written before the split) sorts before its day rows `u:<month>|<DD>`.
    const { rows } = await store.viewRows(TIMELINE_VIEW, story, { from: `u:${month}`, to: `u:${month}|~` });
    if (rows.length > 0) out.set(month, new Map(rows.map((row) => [row.key, row.value])));
  }
  return out;
}

/**
 * What a `g:` row (a merged event, named by its founder) is paged and filtered by in SQL (`Store.viewPage`): `sort` is
 * timeline order (`timelineOrder`: date, precision, the better sourced first; ties by founder) as text compared byte
 * by byte; the days it covers, its places and its words as `filterEvents` reads them.
 */
export function timelineIndex(event: TimelineEvent, founder: string): ViewRowIndex {
  const [firstDay, lastDay] = eventSpan(event);
  // A space sorts before '-' and the digits: a date that is a prefix of another sorts first, as localeCompare has it.
  const sources = String(999_999_999 - event.sources.length).padStart(9, '0');
  return { sort: `${event.date} ${precisionRank(event.precision)}${sources}|${founder}`, firstDay, lastDay, places: event.places.map(normalizeName), words: eventWords(event) };
}
