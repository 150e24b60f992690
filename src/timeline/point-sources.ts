/**
 * A toll point keeps only its best reports (issue 13: a stored point held every source of its day, 4.7 MB of view rows
 * at 10,000 generated documents, all read and parsed by the first /deaths). What the answers say of all of its reports
 * is computed with the point, from all of them, and kept beside the few: how many there are (`sources_total`, on every
 * point), and, when some were left out, how many reporters they name (`reporters_total`) and the values their exact or
 * approximate reports give (`reported_values`, the "sources disagree: 46 vs 48" line). Read a point through the
 * functions here, never its `sources` alone, for anything about all of its reports.
 */
import type { DeathPoint, PointSource } from './types.ts';

/** The reports a toll point keeps, best first (besides the best report of each of its first NAMED_REPORTERS reporters). */
export const POINT_SOURCES = 8;

/** How many reporters the answers name for a point ("teleSUR, RT, AP, …"): the best report of each is kept. */
export const NAMED_REPORTERS = 3;

/** Who a report is from, as the answers name it: "Health Ministry via teleSUR", "RT, citing the Ombudsman", "AP". */
export function reporterName(source: PointSource): string {
  if (source.official && source.attribution) return `${source.attribution} via ${source.source}`;
  return source.attribution && source.attribution !== source.source ? `${source.source}, citing ${source.attribution}` : source.source;
}

function valuesOf(sources: readonly PointSource[]): number[] {
  return [...new Set(sources.filter((s) => s.qualifier === 'exact' || s.qualifier === 'approximately').map((s) => s.value))].sort((a, b) => a - b);
}

/**
 * The point with at most `limit` of its reports, in the order it ranks them (`sources[0]` stays the best), and the best
 * report of each of its first NAMED_REPORTERS reporters when that one ranks lower (so the reporters the answers name
 * are the same as from all of them): at most limit + NAMED_REPORTERS − 1 reports. A point with no more than `limit`
 * reports is returned as it is.
 */
export function boundSources(point: DeathPoint, limit: number = POINT_SOURCES): DeathPoint {
  if (point.sources.length <= limit) return point;
  const named = new Set<string>();
  const sources = point.sources.filter((source, index) => {
    const name = reporterName(source);
    const firstOfNamed = !named.has(name) && named.size < NAMED_REPORTERS;
    if (firstOfNamed) named.add(name);
    return index < limit || firstOfNamed;
  });
  return {
    ...point,
    sources,
    reporters_total: new Set(point.sources.map(reporterName)).size,
    reported_values: valuesOf(point.sources),
  };
}

/** How many reports a point has (its `sources` may hold only the best of them). */
export function reportCount(point: DeathPoint): number {
  return point.sources_total;
}

/** The values a point's exact or approximate reports give, ascending, each once: of all of its reports. */
export function reportedValues(point: DeathPoint): number[] {
  return point.reported_values ?? valuesOf(point.sources);
}

/** The first NAMED_REPORTERS reporters of a point, best first, and how many reporters all of its reports name. */
export function reporters(point: DeathPoint): { named: string[]; total: number } {
  const names = [...new Set(point.sources.map(reporterName))];
  return { named: names.slice(0, NAMED_REPORTERS), total: point.reporters_total ?? names.length };
}
