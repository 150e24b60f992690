// The English text of /deaths (and the counts digests and pages quote): "Death toll: more than 60 as of …", the series,
// incidents and regions, from the data src/timeline/deaths.ts reconciles.
import { reportedValues, reporterName, reporters } from '../timeline/point-sources.ts';
import type { DeathPoint, DeathsData } from '../timeline/types.ts';
import type { Qualifier } from '../facts/types.ts';

export function formatCount(value: number, qualifier: Qualifier): string {
  switch (qualifier) {
    case 'exact':
      return String(value);
    case 'at_least':
      return `at least ${value}`;
    case 'more_than':
      return `more than ${value}`;
    case 'approximately':
      return `about ${value}`;
    case 'almost':
      return `almost ${value}`;
    case 'up_to':
      return `up to ${value}`;
  }
}

const sourceName = reporterName;

/** "sources disagree: 46 vs 48" when a point's reports differ (all of them, not only those it keeps), else ''. */
export function disagreement(point: DeathPoint): string {
  if (point.low === point.high) return '';
  const values = reportedValues(point);
  const shown = values.length >= 2 ? values : [point.low, point.high];
  return `sources disagree: ${shown.join(' vs ')}`;
}

function pointLine(p: DeathPoint): string {
  const { named, total } = reporters(p);
  const extra = [disagreement(p), p.revision ? 'lower than before: revised?' : ''].filter(Boolean).join('; ');
  return `${p.as_of}  ${formatCount(p.value, p.qualifier)} (${named.join(', ')}${total > named.length ? ', …' : ''})${extra ? ` — ${extra}` : ''}`;
}

/** A readable chat answer for /deaths. */
export function deathsText(data: DeathsData, options: { maxPoints?: number } = {}): string {
  const lines: string[] = [];
  const latest = data.latest;
  if (!latest) {
    lines.push('No death toll reported yet.');
  } else {
    const best = latest.sources[0]!;
    lines.push(
      `Death toll: ${formatCount(latest.value, latest.qualifier)} as of ${latest.as_of}, per ${sourceName(best)}${best.title ? ` ("${best.title}")` : ''}.`,
    );
    const d = disagreement(latest);
    if (d) lines.push(`  (${d})`);
    for (const other of data.other_reports) {
      lines.push(`  Other reports: ${formatCount(other.value, other.qualifier)} on ${other.as_of}, per ${sourceName(other.sources[0]!)} (a claim, not a count).`);
    }
  }
  if (data.series.length > 1) {
    lines.push('', 'How the toll grew:');
    const max = options.maxPoints ?? 12;
    let points = data.series;
    if (points.length > max) {
      // Keep the first, the last and evenly spaced points between.
      const step = (points.length - 1) / (max - 1);
      points = [...new Set(Array.from({ length: max }, (_, i) => Math.round(i * step)))].map((i) => data.series[i]!);
    }
    for (const p of points) lines.push(`  ${pointLine(p)}`);
  }
  if (data.incidents.length) {
    lines.push('', 'Deadliest incidents:');
    const top = [...data.incidents].sort((a, b) => b.high - a.high || a.as_of.localeCompare(b.as_of)).slice(0, 5);
    top.sort((a, b) => a.as_of.localeCompare(b.as_of));
    for (const i of top) {
      const where = i.location ? `${i.location}${i.region && i.region !== i.location ? ` (${i.region})` : ''}` : i.region ?? 'place not given';
      const range = i.low === i.high ? formatCount(i.value, i.qualifier) : `${i.low}–${i.high}`;
      const names = [...new Set(i.sources.map((s) => s.source))];
      lines.push(`  ${i.as_of} ${where}: ${range} killed (${names.join(', ')})${i.low !== i.high ? ` — ${disagreement(i)}` : ''}`);
    }
  }
  if (data.by_region.length) {
    const dates = [...new Set(data.by_region.map((r) => r.as_of).filter(Boolean))].sort();
    lines.push('', `By region${dates.length === 1 ? ` (as of ${dates[0]})` : ''}:`);
    lines.push(`  ${data.by_region.map((r) => `${r.region} ${r.value}${dates.length > 1 && r.as_of ? ` (${r.as_of})` : ''}`).join(' · ')}`);
  }
  return lines.join('\n');
}
