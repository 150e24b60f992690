/**
 * The /deaths chart: a PNG of the running toll (line), the range of reported values (shaded band) and
 * deadly incidents (red markers), drawn by Chart.js 4 on @napi-rs/canvas. No date adapter is installed:
 * the x axis is linear in days since the first date, with month ticks labelled as dates.
 * The font ships in assets/fonts (DejaVu Sans) and is registered explicitly so text never disappears.
 */
import { mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import type { Qualifier } from '../facts/types.ts';
import type { DeathsData } from '../timeline/types.ts';

const FONT_FAMILY = 'DejaVu Sans';
let ready = false;

function setup(): void {
  if (ready) return;
  const regular = fileURLToPath(new URL('../../assets/fonts/DejaVuSans.ttf', import.meta.url));
  const bold = fileURLToPath(new URL('../../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url));
  GlobalFonts.registerFromPath(regular, FONT_FAMILY);
  GlobalFonts.registerFromPath(bold, FONT_FAMILY);
  Chart.register(...registerables);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.color = '#222';
  ready = true;
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fmtDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

function shortCount(value: number, qualifier: Qualifier): string {
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

export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

type XY = { x: number; y: number; label?: string; lo?: number; hi?: number };

/** Renders the /deaths chart to `outPath` (PNG) and returns the path. */
export async function renderDeathsChart(data: DeathsData, outPath: string, options: ChartOptions = {}): Promise<string> {
  setup();
  const width = options.width ?? 1200;
  const height = options.height ?? 675;
  const canvas = createCanvas(width, height);

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

  const background: Plugin<'line'> = {
    id: 'background',
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
  const pointLabels: Plugin<'line'> = {
    id: 'pointLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const area = chart.chartArea;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      // Boxes already used: points (markers) and placed labels; a label tries above, below, then further out.
      const taken: { x1: number; y1: number; x2: number; y2: number }[] = [];
      chart.data.datasets.forEach((ds, i) => {
        const meta = chart.getDatasetMeta(i);
        if (meta.hidden || !(ds as { labelPoints?: boolean }).labelPoints) return;
        for (const el of meta.data) taken.push({ x1: el.x - 6, y1: el.y - 6, x2: el.x + 6, y2: el.y + 6 });
      });
      const collides = (b: { x1: number; y1: number; x2: number; y2: number }) =>
        taken.some((t) => b.x1 < t.x2 && t.x1 < b.x2 && b.y1 < t.y2 && t.y1 < b.y2);
      chart.data.datasets.forEach((ds, i) => {
        const meta = chart.getDatasetMeta(i);
        if (meta.hidden || !(ds as { labelPoints?: boolean }).labelPoints) return;
        const isIncident = (ds as { incident?: boolean }).incident;
        ctx.font = `${isIncident ? 'bold ' : ''}13px "${FONT_FAMILY}"`;
        meta.data.forEach((el, j) => {
          const raw = ds.data[j] as unknown as XY;
          if (!raw?.label) return;
          const w = ctx.measureText(raw.label).width + 6;
          const h = 16;
          const offsets = isIncident ? [-20, 20, -36, 36, -52, 52] : [-16, 18, -32, 34, -48, 50];
          let placed: { x: number; y: number } | null = null;
          for (const dy of offsets) {
            for (const dx of [0, w / 2 + 6, -(w / 2 + 6)]) {
              const px = Math.min(Math.max(el.x + dx, area.left + w / 2), area.right - w / 2);
              const py = el.y + dy;
              if (py - h / 2 < area.top || py + h / 2 > area.bottom) continue;
              const box = { x1: px - w / 2, y1: py - h / 2, x2: px + w / 2, y2: py + h / 2 };
              if (!collides(box)) {
                placed = { x: px, y: py };
                taken.push(box);
                break;
              }
            }
            if (placed) break;
          }
          if (!placed) return;
          ctx.fillStyle = 'rgba(255,255,255,0.85)';
          ctx.fillRect(placed.x - w / 2, placed.y - h / 2, w, h);
          ctx.fillStyle = isIncident ? '#b00020' : '#123a6b';
          ctx.fillText(raw.label, placed.x, placed.y);
        });
      });
      ctx.restore();
    },
  };

  // Where sources disagree the band is thin at chart scale: draw a whisker from the lowest to the highest report.
  const whiskers: Plugin<'line'> = {
    id: 'whiskers',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const yScale = chart.scales.y!;
      ctx.save();
      ctx.strokeStyle = '#1f5fa8';
      ctx.lineWidth = 2;
      chart.data.datasets.forEach((ds, i) => {
        if (!(ds as { labelPoints?: boolean }).labelPoints || (ds as { incident?: boolean }).incident) return;
        chart.getDatasetMeta(i).data.forEach((el, j) => {
          const raw = ds.data[j] as unknown as XY;
          if (raw.lo === undefined || raw.hi === undefined || raw.lo === raw.hi) return;
          const y1 = yScale.getPixelForValue(raw.lo);
          const y2 = yScale.getPixelForValue(raw.hi);
          ctx.beginPath();
          ctx.moveTo(el.x, y1);
          ctx.lineTo(el.x, y2);
          ctx.moveTo(el.x - 6, y1);
          ctx.lineTo(el.x + 6, y1);
          ctx.moveTo(el.x - 6, y2);
          ctx.lineTo(el.x + 6, y2);
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };

  const maxY = Math.max(10, ...data.series.map((p) => p.high), ...data.incidents.map((p) => p.high));
  const config: ChartConfiguration<'line', XY[]> = {
    type: 'line',
    data: {
      datasets: [
        { label: 'lowest report', data: low, borderWidth: 0, pointRadius: 0, borderColor: 'rgba(0,0,0,0)', fill: false },
        {
          label: 'range of reported values',
          data: high,
          borderWidth: 0,
          pointRadius: 0,
          borderColor: 'rgba(0,0,0,0)',
          backgroundColor: 'rgba(70,130,200,0.25)',
          fill: '-1',
        },
        {
          label: 'death toll (best-attributed report)',
          data: value,
          borderColor: '#1f5fa8',
          backgroundColor: '#1f5fa8',
          borderWidth: 3,
          pointRadius: 5,
          pointHoverRadius: 5,
          tension: 0,
          fill: false,
          labelPoints: true,
        } as never,
        {
          label: 'deadly incident (deaths that day)',
          data: incidents,
          showLine: false,
          pointStyle: 'triangle',
          pointRadius: 9,
          clip: false,
          borderColor: '#b00020',
          backgroundColor: '#e0455e',
          fill: false,
          labelPoints: true,
          incident: true,
        } as never,
      ],
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { left: 16, right: 36, top: 8, bottom: 8 } },
      plugins: {
        title: {
          display: true,
          text: options.title ?? 'Reported death toll',
          font: { size: 22, weight: 'bold', family: FONT_FAMILY },
          padding: { top: 10, bottom: 4 },
        },
        subtitle: {
          display: true,
          text: data.latest
            ? `Latest: ${shortCount(data.latest.value, data.latest.qualifier)} as of ${fmtDay(toMs(data.latest.as_of))} · band/whisker: lowest–highest report of the day · ▲ single incidents`
            : 'No death toll reported yet',
          font: { size: 14, family: FONT_FAMILY },
          color: '#444',
          padding: { bottom: 10 },
        },
        legend: {
          display: data.series.length > 0 || data.incidents.length > 0,
          position: 'bottom',
          labels: {
            font: { size: 14, family: FONT_FAMILY },
            filter: (item) => item.text !== 'lowest report',
            usePointStyle: true,
          },
        },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          type: 'linear',
          min: Math.min(-3, ...ticks),
          max: lastX + Math.max(10, lastX * 0.04),
          afterBuildTicks: (scale) => {
            scale.ticks = ticks.map((v) => ({ value: v }));
          },
          ticks: {
            font: { size: 13, family: FONT_FAMILY },
            autoSkip: false,
            maxRotation: 0,
            callback: (v) => {
              // Month names; the year on the first tick and wherever the year changes.
              const d = new Date(origin + Number(v) * DAY);
              const i = ticks.indexOf(Number(v));
              const prev = i > 0 ? new Date(origin + ticks[i - 1]! * DAY) : null;
              const month = MONTHS[d.getUTCMonth()]!;
              return !prev || prev.getUTCFullYear() !== d.getUTCFullYear() ? `${month} ${d.getUTCFullYear()}` : month;
            },
          },
          grid: { color: 'rgba(0,0,0,0.08)' },
          title: { display: true, text: 'date reported (as of)', font: { size: 14, family: FONT_FAMILY } },
        },
        y: {
          type: 'linear',
          min: 0,
          suggestedMax: Math.ceil((maxY * 1.15) / 10) * 10,
          ticks: { font: { size: 13, family: FONT_FAMILY }, precision: 0 },
          grid: { color: 'rgba(0,0,0,0.08)' },
          title: { display: true, text: 'people killed', font: { size: 14, family: FONT_FAMILY } },
        },
      },
    },
    plugins: [background, whiskers, pointLabels],
  };

  // Chart.js accepts any 2D context; @napi-rs/canvas' is close enough to the DOM one.
  const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, config);
  if (!data.series.length && !data.incidents.length) {
    const ctx = canvas.getContext('2d');
    ctx.font = `20px "${FONT_FAMILY}"`;
    ctx.fillStyle = '#555';
    ctx.textAlign = 'center';
    ctx.fillText('No casualty figures yet', width / 2, height / 2);
  }
  const png = await canvas.encode('png');
  chart.destroy();
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, png);
  return outPath;
}

/** Chart files kept in a charts folder; chart names carry user input (regions, dates), so older ones go. */
export const CHART_FILES_KEPT = 50;

/** Deletes all but the `keep` most recently written .png files of `dir`; returns how many went. */
export async function sweepChartFiles(dir: string, keep = CHART_FILES_KEPT): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.png'));
  } catch {
    return 0;
  }
  if (names.length <= keep) return 0;
  const files = await Promise.all(
    names.map(async (name) => ({ path: join(dir, name), written: await stat(join(dir, name)).then((info) => info.mtimeMs, () => 0) })),
  );
  files.sort((a, b) => b.written - a.written);
  let removed = 0;
  for (const file of files.slice(keep)) {
    // Already gone (another sweep) is fine.
    removed += await unlink(file.path).then(() => 1, () => 0);
  }
  return removed;
}
