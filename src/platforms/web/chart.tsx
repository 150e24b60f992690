/**
 * The toll chart of a story page as inline SVG, drawn on the server: the running toll (line and points), the
 * range of values reported for each date (band) and deadly incidents (triangles). Written by hand because
 * the page must work without JavaScript and every point must be an element a test, a tooltip (<title>) and
 * the stylesheet's light/dark colours can reach; the PNG for chat (src/answers/chart.ts) draws the same data.
 * The same numbers are in the table that follows the chart.
 */
import type { DeathsJson } from '../../answers/deaths.ts';
import { formatCount } from '../../answers/deaths-text.ts';

const WIDTH = 720;
const HEIGHT = 360;
const PAD = { left: 60, right: 24, top: 24, bottom: 52 };
const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const dayMs = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

/** A round upper bound for the y axis and its tick step (1, 2 or 5 times a power of ten). */
function niceScale(max: number): { top: number; step: number } {
  const raw = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return { top: Math.ceil(Math.max(max, 1) / step) * step, step: Math.max(1, step) };
}

export function chartSummary(deaths: DeathsJson): string {
  const { series, incidents } = deaths;
  const parts: string[] = [];
  if (series.length) {
    const first = series[0]!;
    const last = series.at(-1)!;
    parts.push(
      series.length === 1
        ? `One reported toll: ${formatCount(last.value, last.qualifier)} on ${last.as_of}.`
        : `The reported toll went from ${formatCount(first.value, first.qualifier)} on ${first.as_of} to ${formatCount(last.value, last.qualifier)} on ${last.as_of} over ${series.length} dates.`,
    );
  }
  if (incidents.length) parts.push(`${incidents.length} deadly incident${incidents.length === 1 ? '' : 's'} marked.`);
  return parts.join(' ') || 'No death toll reported yet.';
}

/** The chart's key, in HTML below it (readable at any width). */
export function ChartLegend() {
  return (
    <ul class="legend" aria-hidden="true">
      <li><span class="swatch toll" />Toll</li>
      <li><span class="swatch band" />Range reported</li>
      <li><span class="swatch incident" />Incident</li>
    </ul>
  );
}

export function TollChart({ deaths, title }: { deaths: DeathsJson; title: string }) {
  const { series, incidents } = deaths;
  const dates = [...series.map((p) => p.as_of), ...incidents.map((p) => p.as_of)].map(dayMs);
  const start = Math.min(...dates);
  const end = Math.max(...dates, start + DAY);
  const { top, step } = niceScale(Math.max(...series.map((p) => p.high), ...incidents.map((p) => p.high)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (date: string) => PAD.left + ((dayMs(date) - start) / (end - start)) * plotW;
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const r = (n: number) => Math.round(n * 10) / 10;

  const yTicks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  const months: number[] = [];
  const first = new Date(start);
  for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0), 1); m <= end; ) {
    months.push(m);
    const d = new Date(m);
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  // Label every month on short spans, fewer on long ones so labels never overlap.
  const every = Math.max(1, Math.ceil(months.length / 6));
  const band =
    series.length > 1
      ? `M${series.map((p) => `${r(x(p.as_of))},${r(y(p.high))}`).join('L')}L${[...series].reverse().map((p) => `${r(x(p.as_of))},${r(y(p.low))}`).join('L')}Z`
      : null;

  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">
      <title id="chart-title">{title}</title>
      <desc id="chart-desc">{chartSummary(deaths)}</desc>
      <g class="grid">
        {yTicks.map((tick) => (
          <g>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={r(y(tick))} y2={r(y(tick))} />
            <text x={PAD.left - 10} y={r(y(tick))} dominant-baseline="middle" text-anchor="end">{tick}</text>
          </g>
        ))}
        {months.map((month) => (
          // A short mark under the axis where each month begins; the labelled ones are longer.
          <line class="month-tick" x1={r(PAD.left + ((month - start) / (end - start)) * plotW)} x2={r(PAD.left + ((month - start) / (end - start)) * plotW)} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom + 6} />
        ))}
        {months.map((month, i) =>
          i % every === 0 ? (
            <text class={`month${(i / every) % 2 ? ' odd' : ''}`} x={r(PAD.left + ((month - start) / (end - start)) * plotW)} y={HEIGHT - PAD.bottom + 36} text-anchor="middle">
              {`${MONTHS[new Date(month).getUTCMonth()]} ${new Date(month).getUTCFullYear()}`}
            </text>
          ) : null,
        )}
      </g>
      {band ? <path class="band" d={band} /> : null}
      {series.length > 1 ? <polyline class="toll" points={series.map((p) => `${r(x(p.as_of))},${r(y(p.value))}`).join(' ')} /> : null}
      <g class="points">
        {series.map((p) => (
          <circle class="point" cx={r(x(p.as_of))} cy={r(y(p.value))} r="4" data-date={p.as_of} data-value={p.value}>
            <title>{`${p.as_of}: ${formatCount(p.value, p.qualifier)}${p.low !== p.high ? ` (reports ${p.low}–${p.high})` : ''}`}</title>
          </circle>
        ))}
      </g>
      <g class="incidents">
        {incidents.map((p) => {
          // Drawn around its own origin so the stylesheet can scale the marker up on a phone (transform: scale).
          return (
            <g transform={`translate(${r(x(p.as_of))},${r(y(p.high))})`}>
              <path class="incident" d="M0,-7L6,4L-6,4Z" data-date={p.as_of} data-value={p.value}>
                <title>{`${p.as_of}: ${formatCount(p.value, p.qualifier)} killed${p.location ? ` in ${p.location}` : ''}`}</title>
              </path>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
