/**
 * One unit or founder of a stored day row, read from the row's text without parsing all of it. A day many reports
 * recall holds megabytes of units (5.1–5.8 MB for the generator's busiest days at 100,000 documents) and a digest asks
 * about a few of them: JSON.parse of such rows was the largest single cost of a digest's first build after a start
 * (~150 ms, and the garbage its objects leave). `monthParts` (timeline-rows.ts) writes every day row as
 * `{"a":{…},"f":{…}}` with its keys in id order, and ids, group keys and months need no escaping in JSON, so an entry is
 * found by a binary search over the text's characters: an entry of `a` ends where `","` begins the next one, an entry
 * of `f` (a small object with no object inside) where `},"` does. Hand-written because no JSON library looks one key up
 * in a sorted object without reading the whole text.
 */
import type { MonthRow } from './timeline-rows.ts';

export type FounderEntry = MonthRow['f'][string];

/** The two lookups a digest makes of a day row (stored-groups.ts); a parsed row answers them as well. */
export interface UnitLookup {
  /** The unit's label: its group's founder, or '=' when it founded its own; undefined when the row does not hold it. */
  unit(id: string): string | undefined;
  /** What the founder's entry says of its group; undefined when the row does not hold it. */
  founder(id: string): FounderEntry | undefined;
}

/** A parsed row (a whole month, or a row read some other way) behind the same lookups. */
export function parsedLookup(row: MonthRow): UnitLookup {
  return { unit: (id) => row.a[id], founder: (id) => row.f[id] };
}

/** Lookups by binary search in a day row's text; anything else than `monthParts`' layout is parsed whole instead. */
export function textLookup(text: string): UnitLookup {
  const aOpen = '{"a":{';
  const aStart = text.startsWith(aOpen) ? aOpen.length : -1;
  const aEnd = aStart < 0 ? -1 : text.indexOf('}', aStart);
  const fOpen = ',"f":{';
  const fStart = aEnd >= 0 && text.startsWith(fOpen, aEnd + 1) ? aEnd + 1 + fOpen.length : -1;
  const fEnd = text.length - 2;
  if (fStart < 0 || !text.endsWith('}}') || fEnd < fStart) return parsedLookup(JSON.parse(text) as MonthRow);
  return {
    unit: (id) => {
      const at = find(text, aStart, aEnd, id, '","');
      return at === null ? undefined : (JSON.parse(text.slice(at.value, at.end)) as string);
    },
    founder: (id) => {
      const at = find(text, fStart, fEnd, id, '},"');
      return at === null ? undefined : (JSON.parse(text.slice(at.value, at.end)) as FounderEntry);
    },
  };
}

/**
 * The entry whose key is `id` among the entries in `text[from, to)` (`"key":value` separated by commas, keys in
 * ascending order), or null. `separator` is what stands between one entry's value and the next entry's key, and occurs
 * nowhere else in the section: the entry starting at or after any position is the one after the next separator.
 * Invariant: if the entry is there, it starts in [lo, hi), and lo is always an entry's start.
 */
function find(text: string, from: number, to: number, id: string, separator: string): { value: number; end: number } | null {
  if (from >= to) return null;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let start = lo;
    if (mid > lo) {
      const cut = text.indexOf(separator, mid - 2);
      start = cut < 0 ? to : cut + 2;
    }
    if (start >= hi) {
      hi = mid;
      continue;
    }
    const keyEnd = text.indexOf('"', start + 1);
    const key = text.slice(start + 1, keyEnd);
    const value = keyEnd + 2; // past `":`
    const next = text.indexOf(separator, value);
    const end = next < 0 || next >= to ? to : next + 1;
    if (key === id) return { value, end };
    if (key < id) lo = end + 1;
    else hi = mid;
  }
  return null;
}
