/**
 * Where events stand in a story's stored timeline (the `a:` and `n:` rows of view `timeline`): the group each of their
 * units joined, and whether that group also holds units of other events. A digest asks this of what it has not announced
 * yet: a group of only those units is a new event; one of them in a group with others is a new report of a known
 * event. The view is brought up to date first, as every read of it is; then only the `a:` row of each unit asked about
 * and the `n:` row of each group one of them founded are read (it read the `u:` rows of their months, which hold every
 * unit of the story there: at 100,000 generated documents about 500 ms a digest): the work follows what is asked, not
 * what the story holds.
 */
import type { Story } from '../facts/types.ts';
import type { Store, StoredEventRecord } from '../stores/store.ts';
import { byUnitId, sizeKey, TIMELINE_VIEW, unitKey, unitsOf, type Unit } from './timeline-rows.ts';
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

/** The stored groups holding the units of `records` (a story's events), the view brought up to date first. */
export async function storedGroupsOf(store: Store, story: Story, records: readonly StoredEventRecord[]): Promise<StoredGrouping> {
  await refreshTimelineView(store, story);
  const units = unitsOf(records);
  const asked = new Set(units.map((unit) => unit.id));
  const groupOf = await readValues(store, story.id, units.map((unit) => unitKey(unit.id)));
  const unplaced = new Set<StoredEventRecord>();
  const byGroup = new Map<string, Unit[]>();
  for (const unit of units) {
    const label = groupOf.get(unitKey(unit.id));
    if (label === undefined) {
      unplaced.add(unit.record);
      continue;
    }
    const group = label === '=' ? unit.id : label;
    const members = byGroup.get(group);
    if (members) members.push(unit);
    else byGroup.set(group, [unit]);
  }
  // A group founded by a unit not asked about holds others; one founded by a unit asked about holds others when it has
  // more units than those asked about (every unit of a group asked about is in `byGroup`).
  const counted = [...byGroup.keys()].filter((founder) => asked.has(founder));
  const sizes = await readValues(store, story.id, counted.map(sizeKey));
  const groups: StoredGroup[] = [];
  for (const [founder, members] of byGroup) {
    const size = asked.has(founder) ? Number(sizes.get(sizeKey(founder)) ?? Number.NaN) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(size)) {
      for (const unit of members) unplaced.add(unit.record);
      continue;
    }
    groups.push({ founder, units: members.sort(byUnitId), holdsOthers: size > members.length });
  }
  return { groups: groups.sort((a, b) => byUnitId({ id: a.founder }, { id: b.founder })), unplaced: [...unplaced] };
}

/** The values of these rows of the story's timeline view, by key (a row the view lacks is absent). */
async function readValues(store: Store, story: string, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const { rows } = await store.viewRows(TIMELINE_VIEW, story, { keys });
  return new Map(rows.map((row) => [row.key, row.value]));
}
