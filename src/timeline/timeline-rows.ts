/**
 * The timeline view's row format (view `timeline` in the store; timeline-view.ts computes the rows, stored-groups.ts
 * reads them for digests). A unit is one (event, copy) pair, named by its place in the merge order: precision rank,
 * date, event id, copy index; a group is named by its founder, its first unit in that order. `u:<YYYY-MM>` rows hold a
 * month's units and the group each joined, and the groups founded there.
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

/** A `u:<YYYY-MM>` row. */
export interface MonthRow {
  /** Unit id → its group (the founder's id; '=' when it founded its own). */
  a: Record<string, string>;
  /** Founder id → its group's `g:` key and the months of its members. */
  f: Record<string, { k: string; m: string[] }>;
}

/** The month (YYYY-MM) of a unit id. */
export const monthOf = (id: string) => id.split('|')[1]!.slice(0, 7);

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

/** The stored `u:` rows of these months (YYYY-MM), as their text. */
export async function readMonthRows(store: Store, story: string, months: readonly string[]): Promise<Map<string, string>> {
  if (months.length === 0) return new Map();
  const { rows } = await store.viewRows(TIMELINE_VIEW, story, { keys: months.map((month) => `u:${month}`) });
  return new Map(rows.map((row) => [row.key.slice(2), row.value]));
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
