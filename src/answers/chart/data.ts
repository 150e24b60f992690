/**
 * The /deaths chart's data, prepared for drawing (no canvas here): points on a linear x axis in days since the
 * first date (no date adapter is installed), the band of reported values, incident markers with their labels,
 * month ticks and the y range. src/answers/chart.ts draws it.
 */
import { dayMonthYear, monthShortName } from '../../core/calendar.ts';
import type { Qualifier } from '../../facts/types.ts';
import type { DeathsData } from '../../timeline/types.ts';

export const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function shortCount(value: number, qualifier: Qualifier): string {
  switch (qualifier) {
    case 'exact':
      return String(value);
    case 'more_than':
      return `>${value}`;
    case 'at_least':
      return `≥${value}`;
    case 'approximately':
      return `~${value}`;
    case 'almost':
      return `<${value}`;
    case 'up_to':
      return `≤${value}`;
  }
}

/** A point on the chart: x in days since `origin`; a label to draw next to it; the day's lowest and highest report. */
export type XY = { x: number; y: number; label?: string; lo?: number; hi?: number };

export interface DeathsChartData {
  /** The first date, in ms (x = 0). */
  origin: number;
  /** The last date's x. */
  lastX: number;
  /** Lowest and highest report of each day: the band's edges. */
  low: XY[];
  high: XY[];
  /** The running toll (the best-attributed report of each day). */
  value: XY[];
  incidents: XY[];
  /** Month ticks (x of the first of a month). */
  ticks: number[];
  maxY: number;
  subtitle: string;
  empty: boolean;
}

/** Everything the chart draws, computed from the /deaths data. */
export function deathsChartData(data: DeathsData): DeathsChartData {
  const allDates = [...data.series.map((p) => p.as_of), ...data.incidents.map((p) => p.as_of)].sort();
  const origin = allDates.length ? toMs(allDates[0]!) : Date.now();
  const x = (d: string) => (toMs(d) - origin) / DAY;
  const lastX = allDates.length ? x(allDates.at(-1)!) : 30;

  const low: XY[] = data.series.map((p) => ({ x: x(p.as_of), y: p.low }));
  const high: XY[] = data.series.map((p) => ({ x: x(p.as_of), y: p.high }));
  const value: XY[] = data.series.map((p) => ({
    x: x(p.as_of),
    y: p.value,
    lo: p.low,
    hi: p.high,
    label: `${shortCount(p.value, p.qualifier)}${p.low !== p.high ? ` (${p.low}–${p.high})` : ''}${p.revision ? ' ↓rev.' : ''}`,
  }));
  const incidents: XY[] = data.incidents.map((p) => ({
    x: x(p.as_of),
    y: p.high,
    label: `${p.location ?? p.region ?? '?'} ${p.low === p.high ? shortCount(p.value, p.qualifier) : `${p.low}–${p.high}`}`,
  }));

  // Month ticks: the first of every month in range (every 2nd/3rd when the range is long).
  const ticks: number[] = [];
  const start = new Date(origin);
  const months = Math.ceil(lastX / 30) + 1;
  const every = months > 24 ? 3 : months > 12 ? 2 : 1;
  for (let i = 0; i <= months + 1; i++) {
    const t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1);
    const v = (t - origin) / DAY;
    if (v >= -25 && v <= lastX + 20 && i % every === 0) ticks.push(v);
  }
  if (ticks.length < 2) ticks.push(0, lastX);

  const maxY = Math.max(10, ...data.series.map((p) => p.high), ...data.incidents.map((p) => p.high));
  const subtitle = data.latest
    ? `Latest: ${shortCount(data.latest.value, data.latest.qualifier)} as of ${dayMonthYear(data.latest.as_of)} · band/whisker: lowest–highest report of the day · ▲ single incidents`
    : 'No death toll reported yet';
  return { origin, lastX, low, high, value, incidents, ticks, maxY, subtitle, empty: !data.series.length && !data.incidents.length };
}

/** A tick's label: the month name, with the year on the first tick and wherever the year changes. */
export function tickLabel(chart: Pick<DeathsChartData, 'origin' | 'ticks'>, v: number): string {
  const { origin, ticks } = chart;
  const d = new Date(origin + v * DAY);
  const i = ticks.indexOf(v);
  const prev = i > 0 ? new Date(origin + ticks[i - 1]! * DAY) : null;
  const month = monthShortName(d.getUTCMonth() + 1);
  return !prev || prev.getUTCFullYear() !== d.getUTCFullYear() ? `${month} ${d.getUTCFullYear()}` : month;
}
