import { monthDayYear } from '../../core/calendar.ts';
import type { Story } from '../../facts/types.ts';
import type { StoredFigureRecord } from '../../stores/store.ts';
import { buildDeathsData } from '../../timeline/deaths.ts';
import { disagreement, formatCount } from '../deaths-text.ts';
import { figuresBySource } from '../../timeline/from-store.ts';
import type { DeathPoint, DeathsData, FactSource, PointSource } from '../../timeline/types.ts';
import type { DigestEntry } from './types.ts';

const MAX_DISAGREEMENTS = 3;
const MAX_INCIDENTS = 5;


function citation(sources: PointSource[]): string {
  const best = sources[0];
  if (!best) return '';
  const who = best.attribution && best.attribution !== best.source ? `${best.attribution} (${best.source})` : best.source;
  const others = new Set(sources.map((source) => source.source)).size - 1;
  return ` — per ${who}${others > 0 ? ` and ${others} more` : ''}`;
}

function factSources(sources: PointSource[]): FactSource[] {
  const seen = new Set<string>();
  return sources
    .map(({ title, url, source, published }) => ({ title, url, source, published }))
    .filter((source) => {
      const key = `${source.url}|${source.source}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/**
 * Known at the cursor: learned at or before it, or seeded (its document was first stored silently, from a
 * subscribed feed's first fetch), which every digest treats as already known.
 */
export const knownAt = (fact: { learned: number; seeded?: boolean }, cursor: number): boolean => fact.seeded === true || fact.learned <= cursor;

// Over the point's `sources`: the days a digest's new figures are about keep every report (build.ts, tollChangeOf).
const isNew = (point: DeathPoint, newQuotes: Set<string>) => point.sources.some((source) => newQuotes.has(source.quote));

/** The toll and incidents before a digest's cursor and after its window, and the quotes of the figures learned between. */
export interface TollChange {
  before: Pick<DeathsData, 'latest' | 'series' | 'incidents'>;
  after: Pick<DeathsData, 'latest' | 'series' | 'incidents'>;
  newQuotes: Set<string>;
}

/** The change from every figure up to the window (a store without stories has no stored view to start from). */
export function tollChangeOf(figures: StoredFigureRecord[], cursor: number, story: Story | null): TollChange {
  const known = figures.filter((figure) => knownAt(figure, cursor));
  const newQuotes = new Set(figures.filter((figure) => !knownAt(figure, cursor)).map((figure) => figure.quote));
  // Every report of each point (`sources`): which ones are new is told by their quotes.
  const options = { story, sources: Number.POSITIVE_INFINITY };
  return { before: buildDeathsData(figuresBySource(known), options), after: buildDeathsData(figuresBySource(figures), options), newQuotes };
}

/**
 * Casualty news against the stored timeline: the toll changed, sources disagree on a new point, a new
 * deadly incident. A figure already known is not news, even when a new article repeats it.
 */
export function figureChanges({ before, after, newQuotes }: TollChange): DigestEntry[] {
  if (newQuotes.size === 0) return [];
  const entries: DigestEntry[] = [];

  const was = before.latest;
  const now = after.latest;
  if (now && isNew(now, newQuotes) && (!was || was.value !== now.value || was.qualifier !== now.qualifier)) {
    const count = formatCount(now.value, now.qualifier);
    const text = !was
      ? `Death toll: ${count} as of ${monthDayYear(now.as_of)}${citation(now.sources)}`
      : `Death toll ${now.value >= was.value ? 'rises to' : 'revised to'} ${count} (was ${formatCount(was.value, was.qualifier)} on ${monthDayYear(was.as_of)})${citation(now.sources)}`;
    entries.push({ kind: 'figure_change', text, summary: now.sources[0]?.quote ?? '', sources: factSources(now.sources), weight: 3 });
  }
  // Only the most recent disagreements and the deadliest new incidents: a digest is read, not audited
  // (/deaths shows every point).
  const disagreements: DigestEntry[] = [];
  for (const point of after.series) {
    const spread = disagreement(point);
    if (!spread || !isNew(point, newQuotes)) continue;
    const previous = before.series.find((old) => old.as_of === point.as_of);
    if (previous && disagreement(previous) === spread) continue;
    disagreements.push({
      kind: 'figure_change',
      text: `Sources disagree on the toll for ${monthDayYear(point.as_of)}: ${spread.replace(/^sources disagree: /, '')}`,
      summary: point.sources.map((source) => `${source.source}: “${source.quote}”`).join(' '),
      sources: factSources(point.sources),
      weight: 2,
    });
  }
  entries.push(...disagreements.slice(-MAX_DISAGREEMENTS));
  const incidents: DigestEntry[] = [];
  for (const incident of after.incidents) {
    if (!isNew(incident, newQuotes)) continue;
    const knownBefore = before.incidents.some((old) => old.as_of === incident.as_of && old.location === incident.location && old.low === incident.low && old.high === incident.high);
    if (knownBefore) continue;
    const range = incident.low === incident.high ? formatCount(incident.value, incident.qualifier) : `${incident.low}–${incident.high}`;
    const place = incident.location ? ` in ${incident.location}${incident.region && incident.region !== incident.location ? ` (${incident.region})` : ''}` : '';
    incidents.push({
      kind: 'figure_change',
      text: `${range} killed${place} on ${monthDayYear(incident.as_of)}${citation(incident.sources)}`,
      summary: incident.sources[0]?.quote ?? '',
      sources: factSources(incident.sources),
      weight: 1 + incident.high / 1000,
    });
  }
  entries.push(...incidents.sort((a, b) => b.weight - a.weight).slice(0, MAX_INCIDENTS));
  return entries;
}
