import type { Gold } from './evaluation.ts';

interface PointSource {
  value: number;
  qualifier: string;
  quote: string;
}
interface Point {
  as_of: string;
  value: number;
  qualifier: string;
  sources: PointSource[];
}
export interface DeathsJson {
  series: Point[];
  latest: Point | null;
  incidents: (Point & { location: string | null })[];
}

const DAY = 86_400_000;

/** Which cumulative gold death figures the series shows (as a point's value or a source's), and which incident counts leaked into it. */
export function seriesCoverage(gold: Gold, deaths: DeathsJson) {
  const cumulative = gold.figures.filter((f) => f.kind === 'deaths' && f.scope === 'cumulative');
  const missing = cumulative.filter((figure) => {
    const tolerance = (figure.as_of_tolerance_days ?? 0) * DAY;
    return !deaths.series.some(
      (point) =>
        Math.abs(Date.parse(point.as_of) - Date.parse(figure.as_of ?? point.as_of)) <= tolerance &&
        (point.value === figure.value || point.sources.some((source) => source.value === figure.value && source.qualifier === figure.qualifier)),
    );
  });
  const incidents = gold.figures.filter((f) => f.kind === 'deaths' && f.scope === 'incident');
  const incidentsInSeries = deaths.series.flatMap((point) =>
    point.sources
      .filter((source) => incidents.some((gold) => gold.value === source.value && source.quote.toLowerCase().includes(gold.quote.toLowerCase())))
      .map((source) => `${point.as_of} ${source.value}: ${source.quote.slice(0, 100)}`),
  );
  return { expected: cumulative.length, found: cumulative.length - missing.length, missing, incidentsInSeries };
}
