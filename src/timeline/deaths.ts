/**
 * Reconciles stored death figures into the /deaths data: the running toll, incidents, counts by region.
 * Pure functions over StoredFigure lists (no store access).
 *
 * Rules
 * - Series: deaths with scope "cumulative" and a date (on/after the story start when a story is given);
 *   one point per date. low/high are the smallest/largest value reported that day, ignoring lower bounds
 *   that another figure of the day already exceeds ("over a dozen" next to "17": consistent, not a
 *   disagreement). value/qualifier come from the best-attributed figure: official counts (figure.official,
 *   or its attribution/source naming one of story.officialSources) first, then the most precise
 *   qualifier (exact > approximately > at least/more than/almost > up to), then the value most sources
 *   give, then the latest published, then the larger value. Every source keeps its own value+qualifier;
 *   a point keeps its best POINT_SOURCES reports and what the answers need of all (src/timeline/point-sources.ts).
 * - Plausibility: a point under a third of the earlier points' median is no total (see dropImplausible).
 * - Revision: a point is flagged `revision: true` when even its *highest* report is below what an earlier
 *   point established for certain. Each statement has a floor (exact n → n, more than n → n+1, at least n →
 *   n, approximately n → 0.9n, almost n → 0.9n, up to n → 0) and a ceiling (exact n → n, more than/at least
 *   → ∞, approximately n → 1.1n, almost n → n-1, up to n → n). A point is a revision when the ceiling of its
 *   high report is below the largest floor of any earlier point: "more than 30" after "47" is not a
 *   revision (more than 30 may well be 47); "45" after "47" is.
 * - Incidents: deaths with scope "incident" and a date. Two figures are the same incident when their dates
 *   are within a day and they name the same place, or one names a region-level place (or only a region)
 *   and the other a place in that region ("18 dead in the region" (Puno) joins "17 killed in Juliaca").
 * - Headline: the latest point that an accountable statement supports and that does not likely say less than two thirds of
 *   what earlier accountable points established (see headlineIndex) — a count attributed to someone (an official
 *   body, a rights office, an NGO) or stated as fact in a report's own voice — not merely the newest number anywhere.
 *   A point carried only by rhetoric ("the blood of over 100 martyrs on its hands") is listed as another report
 *   after the headline and never replaces it.
 * - By region: byRegion breakdowns of death figures, and cumulative figures scoped to a region (location
 *   null or the region itself); the latest per region (ties: best-attributed).
 */
import { normalizeName, canonicalRegion } from '../facts/story.ts';
import type { Qualifier, Story } from '../facts/types.ts';
import { boundSources, POINT_SOURCES } from './point-sources.ts';
import type { DeathPoint, DeathsData, IncidentPoint, PointSource, RegionCount, StoredFigure } from './types.ts';

export interface DeathsOptions {
  /** Gives the official sources, the start date (earlier figures are dropped) and region names. */
  story?: Story | null;
  /** How many of its reports a point of the toll keeps (POINT_SOURCES, src/timeline/point-sources.ts, unless given). */
  sources?: number;
}

const QUALIFIER_RANK: Record<Qualifier, number> = {
  exact: 0,
  approximately: 1,
  at_least: 2,
  more_than: 2,
  almost: 2,
  up_to: 3,
};

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

export function isOfficial(figure: StoredFigure, story?: Story | null): boolean {
  if (figure.official) return true;
  const names = story?.officialSources ?? [];
  if (!names.length) return false;
  const hay = [figure.attribution, figure.source.source].filter((s): s is string => !!s).map(normalizeName);
  return names.some((name) => {
    const n = normalizeName(name);
    return hay.some((h) => new RegExp(`(?:^|\\W)${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|\\W)`).test(h));
  });
}

function toSource(f: StoredFigure, story?: Story | null): PointSource {
  return {
    title: f.source.title,
    url: f.source.url,
    source: f.source.source,
    published: f.source.published,
    quote: f.quote,
    qualifier: f.qualifier,
    value: f.value,
    attribution: f.attribution,
    official: isOfficial(f, story),
  };
}

export function floorOf(value: number, qualifier: Qualifier): number {
  switch (qualifier) {
    case 'exact':
    case 'at_least':
      return value;
    case 'more_than':
      return value + 1;
    case 'approximately':
    case 'almost':
      return Math.floor(value * 0.9);
    case 'up_to':
      return 0;
  }
}

export function ceilingOf(value: number, qualifier: Qualifier): number {
  switch (qualifier) {
    case 'exact':
    case 'up_to':
      return value;
    case 'more_than':
    case 'at_least':
      return Number.POSITIVE_INFINITY;
    case 'approximately':
      return Math.ceil(value * 1.1);
    case 'almost':
      return value - 1;
  }
}

/** Figures of one date (or incident) → one point. */
function makePoint(asOf: string, figures: StoredFigure[], story?: Story | null): DeathPoint {
  // Deduplicate the same statement stored twice (same document, quote and source); one document carried
  // by several outlets stays one source per outlet.
  const seen = new Set<string>();
  const unique = figures.filter((f) => {
    const key = `${f.documentId}|${f.quote}|${f.value}|${f.source.source}|${f.source.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const counts = new Map<number, number>();
  for (const f of unique) counts.set(f.value, (counts.get(f.value) ?? 0) + 1);
  const ranked = [...unique].sort(
    (a, b) =>
      Number(isOfficial(b, story)) - Number(isOfficial(a, story)) ||
      QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier] ||
      (counts.get(b.value) ?? 0) - (counts.get(a.value) ?? 0) ||
      (b.source.published ?? '').localeCompare(a.source.published ?? '') ||
      b.value - a.value,
  );
  const best = ranked[0]!;
  // Lower bounds exceeded by another figure of the same point do not widen the range.
  const considered = unique.filter(
    (f) => !((f.qualifier === 'at_least' || f.qualifier === 'more_than') && unique.some((g) => g.value > f.value)),
  );
  const values = (considered.length ? considered : unique).map((f) => f.value);
  return {
    as_of: asOf,
    value: best.value,
    qualifier: best.qualifier,
    low: Math.min(...values),
    high: Math.max(...values),
    sources: ranked.map((f) => toSource(f, story)),
    sources_total: ranked.length,
  };
}

/** The most a point's reports likely mean: an open bound ("at least 8") is taken as at most half again its value. */
function likelyCeiling(point: DeathPoint): number {
  return Math.max(...point.sources.map((s) => (s.qualifier === 'at_least' || s.qualifier === 'more_than' ? 1.5 * s.value : ceilingOf(s.value, s.qualifier))));
}

/**
 * What the series rules need of a point, over all of its reports: kept beside a stored point (src/timeline/death-view.ts)
 * so that the series can be assembled from stored points alone.
 */
export interface PointSummary {
  likelyCeiling: number;
  /** The ceiling of its highest report (a point is a revision when even that is under what was established). */
  highCeiling: number;
  /** The largest floor of its reports: what it establishes for certain. */
  floor: number;
  /** Some report is accountable (not rhetoric only): it may be the headline. */
  accountable: boolean;
  /** The largest floor of its accountable reports. */
  accountableFloor: number;
}

/** One date of the running toll with its summary. */
export interface SummarizedPoint {
  point: DeathPoint;
  summary: PointSummary;
}

export function summarizePoint(point: DeathPoint): PointSummary {
  const accountable = point.sources.filter((s) => !isRhetorical(s));
  return {
    likelyCeiling: likelyCeiling(point),
    highCeiling: Math.max(...point.sources.map((s) => ceilingOf(s.value, s.qualifier))),
    floor: Math.max(...point.sources.map((s) => floorOf(s.value, s.qualifier))),
    accountable: accountable.length > 0,
    accountableFloor: Math.max(0, ...accountable.map((s) => floorOf(s.value, s.qualifier))),
  };
}

/**
 * A running toll does not shrink threefold: a point whose every report is under a third of the median of the earlier
 * points ("2" after "19, 23, 39, 60") is a day's or a place's count read as the toll, not a total. It is left out of the
 * series (so never the headline). The median, not the largest, so that one early high estimate ("more than 900,
 * unofficial") does not push later counts out; a recount or a disagreeing source stays (199 next to 325 is a total).
 */
function dropImplausible(points: SummarizedPoint[]): SummarizedPoint[] {
  const kept: SummarizedPoint[] = [];
  // the kept points' values in order, each inserted in its place (sorting them again for every point was quadratic in
  // the number of dates, a tenth of a digest's toll work at a few hundred dates)
  const earlier: number[] = [];
  for (const entry of points) {
    const median = earlier.length >= 3 ? earlier[Math.floor(earlier.length / 2)]! : 0;
    if (median >= 10 && entry.summary.likelyCeiling < median / 3) continue;
    kept.push(entry);
    const value = entry.point.value;
    let low = 0;
    let high = earlier.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (earlier[middle]! <= value) low = middle + 1;
      else high = middle;
    }
    earlier.splice(low, 0, value);
  }
  return kept;
}

/** Marks revisions on copies of the points (stored points are never changed in place). */
function flagRevisions(points: SummarizedPoint[]): DeathPoint[] {
  let establishedFloor = Number.NEGATIVE_INFINITY;
  return points.map(({ point, summary }) => {
    const flagged: DeathPoint = summary.highCeiling < establishedFloor ? { ...point, revision: true } : point;
    establishedFloor = Math.max(establishedFloor, summary.floor);
    return flagged;
  });
}

function inStory(f: StoredFigure, story?: Story | null): f is StoredFigure & { asOf: string } {
  return !!f.asOf && (!story || f.asOf >= story.start);
}

/** Whether a figure is a report of the running toll (a dated cumulative death count of the whole story, not of one region). */
export function isTollFigure(f: StoredFigure, story?: Story | null): f is StoredFigure & { asOf: string } {
  if (f.kind !== 'deaths' || f.scope !== 'cumulative' || !inStory(f, story)) return false;
  // Region-scoped cumulative counts belong to by_region, not the national toll.
  return !(f.region && (!f.location || normalizeName(f.location) === normalizeName(f.region)));
}

/**
 * One summarized point per date the figures give a toll for, oldest first (before the plausibility rule). Each point
 * keeps its best `sources` reports (boundSources); its summary is of all of them.
 */
export function tollPoints(figures: StoredFigure[], story?: Story | null, sources: number = POINT_SOURCES): SummarizedPoint[] {
  const byDate = new Map<string, StoredFigure[]>();
  for (const f of figures) {
    if (!isTollFigure(f, story)) continue;
    const list = byDate.get(f.asOf) ?? [];
    list.push(f);
    byDate.set(f.asOf, list);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => {
      const point = makePoint(date, list, story);
      return { point: boundSources(point, sources), summary: summarizePoint(point) };
    });
}

/** The running toll from its points (oldest first): implausible points left out, revisions marked. */
function seriesOf(points: SummarizedPoint[]): { series: DeathPoint[]; kept: SummarizedPoint[] } {
  const kept = dropImplausible(points);
  return { series: flagRevisions(kept), kept };
}

/** The running death toll, one point per date, oldest first. */
export function deathSeries(figures: StoredFigure[], options: DeathsOptions = {}): DeathPoint[] {
  return seriesOf(tollPoints(figures, options.story ?? null, options.sources)).series;
}

function regionOf(f: StoredFigure, story?: Story | null): string | null {
  const raw = f.region ?? (story && f.location ? canonicalRegion(story, f.location) : null);
  if (!raw) return null;
  return (story && canonicalRegion(story, raw)) || raw;
}

/** True when the figure's place is a region as a whole ("in the region", "Puno") rather than a town in it. */
function regionLevel(f: StoredFigure, region: string | null): boolean {
  if (!f.location) return true;
  return !!region && normalizeName(f.location) === normalizeName(region);
}

function sameIncident(a: StoredFigure & { asOf: string }, b: StoredFigure & { asOf: string }, story?: Story | null): boolean {
  if (Math.abs(dayDiff(a.asOf, b.asOf)) > 1) return false;
  const ra = regionOf(a, story);
  const rb = regionOf(b, story);
  if (a.location && b.location && normalizeName(a.location) === normalizeName(b.location)) return true;
  if (!a.location && !b.location && !ra && !rb) return true;
  if (ra && rb && normalizeName(ra) === normalizeName(rb) && (regionLevel(a, ra) || regionLevel(b, rb))) return true;
  return false;
}

/** Deadly incidents grouped across sources (same date ±1 day, same place or region), oldest first. */
export function deathIncidents(figures: StoredFigure[], options: DeathsOptions = {}): IncidentPoint[] {
  const story = options.story ?? null;
  const incidents = figures.filter(
    (f): f is StoredFigure & { asOf: string } => f.kind === 'deaths' && f.scope === 'incident' && inStory(f, story),
  );
  // Single-link clustering: specific places first so region-level figures join an existing group.
  const sorted = [...incidents].sort((a, b) => Number(regionLevel(a, regionOf(a, story))) - Number(regionLevel(b, regionOf(b, story))) || a.asOf.localeCompare(b.asOf));
  const groups: (StoredFigure & { asOf: string })[][] = [];
  for (const f of sorted) {
    const matches = groups.filter((g) => g.some((h) => sameIncident(f, h, story)));
    if (!matches.length) {
      groups.push([f]);
      continue;
    }
    const [first, ...rest] = matches;
    first!.push(f);
    for (const g of rest) {
      first!.push(...g);
      groups.splice(groups.indexOf(g), 1);
    }
  }
  const out = groups.map((group): IncidentPoint => {
    // The incident's date: the one most figures give (ties: the earliest).
    const dates = new Map<string, number>();
    for (const f of group) dates.set(f.asOf, (dates.get(f.asOf) ?? 0) + 1);
    const date = [...dates.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const specific = group.filter((f) => !regionLevel(f, regionOf(f, story)) && f.location);
    const places = new Map<string, number>();
    for (const f of specific) places.set(f.location!, (places.get(f.location!) ?? 0) + 1);
    const location =
      [...places.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? group.find((f) => f.location)?.location ?? null;
    const region = group.map((f) => regionOf(f, story)).find((r) => r) ?? null;
    return { ...makePoint(date, group, story), location, region };
  });
  return out.sort((a, b) => a.as_of.localeCompare(b.as_of) || b.high - a.high);
}

/** Latest death count per region (from breakdowns and region-scoped cumulative figures), largest first. */
export function deathsByRegion(figures: StoredFigure[], options: DeathsOptions = {}): RegionCount[] {
  const story = options.story ?? null;
  type Entry = { region: string; value: number; asOf: string | null; figure: StoredFigure };
  const entries: Entry[] = [];
  for (const f of figures) {
    if (f.kind !== 'deaths') continue;
    if (f.asOf && story && f.asOf < story.start) continue;
    for (const part of f.byRegion ?? []) {
      const region = (story && canonicalRegion(story, part.region)) || part.region;
      entries.push({ region, value: part.value, asOf: f.asOf, figure: { ...f, value: part.value, qualifier: f.qualifier === 'exact' ? 'exact' : f.qualifier } });
    }
    const region = regionOf(f, story);
    if (f.scope === 'cumulative' && region && regionLevel(f, region)) entries.push({ region, value: f.value, asOf: f.asOf, figure: f });
  }
  const byRegion = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = normalizeName(e.region);
    const list = byRegion.get(key) ?? [];
    list.push(e);
    byRegion.set(key, list);
  }
  const out: RegionCount[] = [];
  for (const list of byRegion.values()) {
    const latest = list.reduce((a, b) => ((b.asOf ?? '') > (a.asOf ?? '') ? b : a)).asOf;
    const same = list.filter((e) => e.asOf === latest);
    const point = makePoint(latest ?? '', same.map((e) => e.figure), story);
    out.push({ region: same[0]!.region, value: point.value, as_of: latest, sources: point.sources });
  }
  return out.sort((a, b) => b.value - a.value || a.region.localeCompare(b.region));
}

// Words of advocacy rather than counting: a number wrapped in them is a claim, not a tally.
const RHETORIC = /\b(?:martyrs?|m[aá]rtires|blood|sangre|on (?:its|their|his|her) hands|genocid\w*|butcher\w*|slaughter\w*|carnage|bloodbath|murderous|criminal regime|r[eé]gimen (?:asesino|criminal)|masacrados)\b/iu;

/** True when a statement is rhetoric with no one accountable behind it. */
export function isRhetorical(source: PointSource): boolean {
  return !source.official && !source.attribution && RHETORIC.test(source.quote);
}

/**
 * The point the headline gives: the latest one an accountable statement supports, unless it likely says less than two thirds
 * of what earlier accountable points established ("about 200" acknowledged by a government years after a commission
 * counted 355; "at least 8" on an anniversary after 60): such a point stays in the series, marked lower, but a reader
 * asking for the toll gets the established count.
 */
function headlineIndex(points: SummarizedPoint[]): number {
  let floor = 0;
  let best = -1;
  points.forEach(({ summary }, i) => {
    if (!summary.accountable) return;
    if (summary.likelyCeiling >= (floor * 2) / 3) best = i;
    floor = Math.max(floor, summary.accountableFloor);
  });
  return best;
}

/** The series, headline and other reports of /deaths from the toll's points (oldest first). */
export function tollFromPoints(points: SummarizedPoint[]): Pick<DeathsData, 'series' | 'latest' | 'other_reports'> {
  const { series, kept } = seriesOf(points);
  const accountable = headlineIndex(kept);
  return {
    series,
    latest: accountable >= 0 ? series[accountable]! : (series.at(-1) ?? null),
    other_reports: accountable >= 0 ? series.slice(accountable + 1).filter((_, i) => !kept[accountable + 1 + i]!.summary.accountable) : [],
  };
}

/** Everything /deaths shows. */
export function buildDeathsData(figures: StoredFigure[], options: DeathsOptions = {}): DeathsData {
  return {
    ...tollFromPoints(tollPoints(figures, options.story ?? null, options.sources)),
    incidents: deathIncidents(figures, options),
    by_region: deathsByRegion(figures, options),
  };
}
