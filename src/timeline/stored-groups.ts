/**
 * Where events stand in a story's stored timeline (the `u:` rows of view `timeline`): the group each of their units
 * joined, and whether that group also holds units of other events. A digest asks this of what it has not announced
 * yet: a group of only those units is a new event; one of them in a group with others is a new report of a known
 * event. The view is brought up to date first, as every read of it is; then only the rows of the months the units fall
 * in, and of the months their groups span, are read: the work follows what is asked, not what the story holds.
 */
import type { Story } from '../facts/types.ts';
import type { Store, StoredEventRecord } from '../stores/store.ts';
import { byUnitId, groupIn, monthOf, readMonthRows, unitsOf, type MonthRow, type Unit } from './timeline-rows.ts';
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

/** The `u:` rows read so far, by month, and their members by group (counted once per month, when first asked). */
class MonthRows {
  private readonly rows = new Map<string, MonthRow | undefined>();
  private readonly members = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly store: Store,
    private readonly story: string,
  ) {}

  async load(months: Iterable<string>): Promise<void> {
    const missing = [...new Set(months)].filter((month) => !this.rows.has(month)).sort();
    const read = await readMonthRows(this.store, this.story, missing);
    for (const month of missing) {
      const value = read.get(month);
      this.rows.set(month, value === undefined ? undefined : (JSON.parse(value) as MonthRow));
    }
  }

  groupOf(unit: { id: string; month: string }): string | undefined {
    return groupIn(this.rows.get(unit.month), unit.id);
  }

  /** The months a group's members fall in (undefined: the founder's row does not know the group). */
  monthsOf(founder: string): string[] | undefined {
    return this.rows.get(monthOf(founder))?.f[founder]?.m;
  }

  /** The ids of a group's members in the months read. */
  membersOf(founder: string, months: readonly string[]): string[] {
    return months.flatMap((month) => this.groupsIn(month).get(founder) ?? []);
  }

  private groupsIn(month: string): Map<string, string[]> {
    let groups = this.members.get(month);
    if (!groups) {
      groups = new Map();
      const row = this.rows.get(month);
      for (const id of row ? Object.keys(row.a) : []) {
        const group = groupIn(row, id)!;
        const ids = groups.get(group);
        if (ids) ids.push(id);
        else groups.set(group, [id]);
      }
      this.members.set(month, groups);
    }
    return groups;
  }
}

/** The stored groups holding the units of `records` (a story's events), the view brought up to date first. */
export async function storedGroupsOf(store: Store, story: Story, records: readonly StoredEventRecord[]): Promise<StoredGrouping> {
  await refreshTimelineView(store, story);
  const units = unitsOf(records);
  const asked = new Set(units.map((unit) => unit.id));
  const rows = new MonthRows(store, story.id);
  await rows.load(units.map((unit) => unit.month));
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
  // A group founded by a unit not asked about holds others; the rest are counted in the months their members span (the
  // founder's own month, which names them, is read already: the founder is one of the units asked about).
  const counted = [...byGroup.keys()].filter((founder) => asked.has(founder));
  await rows.load(counted.flatMap((founder) => rows.monthsOf(founder) ?? []));
  const groups: StoredGroup[] = [];
  for (const [founder, members] of byGroup) {
    const months = asked.has(founder) ? rows.monthsOf(founder) : [];
    if (months === undefined) {
      for (const unit of members) unplaced.add(unit.record);
      continue;
    }
    const holdsOthers = !asked.has(founder) || rows.membersOf(founder, months).some((id) => !asked.has(id));
    groups.push({ founder, units: members.sort(byUnitId), holdsOthers });
  }
  return { groups: groups.sort((a, b) => byUnitId({ id: a.founder }, { id: b.founder })), unplaced: [...unplaced] };
}
