/**
 * Where events stand in a story's stored timeline (the unit rows of view `timeline`, timeline-rows.ts): the group each
 * of their units joined, and whether that group also holds units of other events. A digest asks this of what it has
 * not announced yet: a group of only those units is a new event; one of them in a group with others is a new report of
 * a known event. The view is brought up to date first, as every read of it is; then only the day rows the units asked
 * about fall in are read (a group's member count is in its founder's entry, and a founder asked about is one of those
 * units): the work follows what is asked, not what the story holds.
 */
import type { Story } from '../facts/types.ts';
import type { Store, StoredEventRecord } from '../stores/store.ts';
import { parsedLookup, textLookup, type FounderEntry, type UnitLookup } from './day-row-text.ts';
import { byUnitId, dayKeyOf, groupIn, joinParts, monthOf, readMonths, TIMELINE_VIEW, unitsOf, type MonthRow, type Unit } from './timeline-rows.ts';
import { refreshTimelineView } from './timeline-view.ts';

export interface StoredGroup {
  /** The group's founder (its first unit in merge order): groups founded earlier sort first, as the merge made them. */
  founder: string;
  /** The units of the events asked about that the group holds, in merge order. */
  units: Unit[];
  /** The group also holds units of events not asked about. */
  holdsOthers: boolean;
}

export interface StoredGrouping {
  groups: StoredGroup[];
  /** Events asked about with a unit the rows do not hold (stored after the refresh), or whose group they cannot tell. */
  unplaced: StoredEventRecord[];
}

/**
 * The unit rows read so far: the day rows of the units asked about (`dayKeyOf`), and whole months where a row written
 * before the day rows holds them, or where a group's members must be counted one by one (its founder's entry has no
 * count `n`: written before it was kept).
 */
class UnitRows {
  // (a day row is looked into, not parsed: day-row-text.ts)
  private readonly days = new Map<string, UnitLookup | undefined>();
  private readonly months = new Map<string, MonthRow>();

  constructor(
    private readonly store: Store,
    private readonly story: string,
  ) {}

  /** Reads the day rows holding these unit ids (and their months' whole-month rows, if any are left). */
  async loadDays(ids: Iterable<string>): Promise<void> {
    const keys = [...new Set([...ids].map(dayKeyOf))].filter((key) => !this.days.has(key) && !this.months.has(key.slice(2, 9)));
    if (keys.length === 0) return;
    const months = [...new Set(keys.map((key) => key.slice(2, 9)))];
    const { rows } = await this.store.viewRows(TIMELINE_VIEW, this.story, { keys: [...months.map((month) => `u:${month}`), ...keys] });
    const read = new Map(rows.map((row) => [row.key, row.value]));
    for (const month of months) {
      const whole = read.get(`u:${month}`);
      if (whole !== undefined) this.months.set(month, joinParts([whole, ...keys.filter((key) => key.slice(2, 9) === month).flatMap((key) => read.get(key) ?? [])]));
    }
    for (const key of keys) {
      const value = read.get(key);
      this.days.set(key, value === undefined ? undefined : textLookup(value));
    }
  }

  /** Reads these months whole. */
  async loadMonths(months: Iterable<string>): Promise<void> {
    const missing = [...new Set(months)].filter((month) => !this.months.has(month));
    for (const [month, parts] of await readMonths(this.store, this.story, missing)) this.months.set(month, joinParts(parts.values()));
    for (const month of missing) if (!this.months.has(month)) this.months.set(month, { a: {}, f: {} });
  }

  private rowOf(id: string): UnitLookup | undefined {
    const month = this.months.get(monthOf(id));
    return month ? parsedLookup(month) : this.days.get(dayKeyOf(id));
  }

  groupOf(unit: { id: string }): string | undefined {
    const label = this.rowOf(unit.id)?.unit(unit.id);
    return label === '=' ? unit.id : label;
  }

  /** What the founder's row says of its group (undefined: it does not know the group). */
  groupEntry(founder: string): FounderEntry | undefined {
    return this.rowOf(founder)?.founder(founder);
  }

  /** The ids of a group's members in these months (read whole first). */
  membersOf(founder: string, months: readonly string[]): string[] {
    return months.flatMap((month) => {
      const row = this.months.get(month);
      return row ? Object.keys(row.a).filter((id) => groupIn(row, id) === founder) : [];
    });
  }
}

/** The stored groups holding the units of `records` (a story's events), the view brought up to date first. */
export async function storedGroupsOf(store: Store, story: Story, records: readonly StoredEventRecord[]): Promise<StoredGrouping> {
  await refreshTimelineView(store, story);
  const units = unitsOf(records);
  const asked = new Set(units.map((unit) => unit.id));
  const rows = new UnitRows(store, story.id);
  await rows.loadDays(units.map((unit) => unit.id));
  const unplaced = new Set<StoredEventRecord>();
  const byGroup = new Map<string, Unit[]>();
  for (const unit of units) {
    const group = rows.groupOf(unit);
    if (group === undefined) {
      unplaced.add(unit.record);
      continue;
    }
    const members = byGroup.get(group);
    if (members) members.push(unit);
    else byGroup.set(group, [unit]);
  }
  // A group founded by a unit not asked about holds others. One founded by a unit asked about (its row is read: the
  // founder is one of the units) holds others when it has more members than the units asked about that joined it; a
  // founder's entry without a count (written before it was kept) has its members counted in the months they span.
  const uncounted = [...byGroup.keys()].filter((founder) => asked.has(founder) && rows.groupEntry(founder) && rows.groupEntry(founder)!.n === undefined);
  await rows.loadMonths(uncounted.flatMap((founder) => rows.groupEntry(founder)!.m));
  const groups: StoredGroup[] = [];
  for (const [founder, members] of byGroup) {
    let holdsOthers = !asked.has(founder);
    if (!holdsOthers) {
      const entry = rows.groupEntry(founder);
      if (entry === undefined) {
        for (const unit of members) unplaced.add(unit.record);
        continue;
      }
      holdsOthers = entry.n !== undefined ? entry.n > members.length : rows.membersOf(founder, entry.m).some((id) => !asked.has(id));
    }
    groups.push({ founder, units: members.sort(byUnitId), holdsOthers });
  }
  return { groups: groups.sort((a, b) => byUnitId({ id: a.founder }, { id: b.founder })), unplaced: [...unplaced] };
}
