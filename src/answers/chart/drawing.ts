/**
 * Drawing helpers of the /deaths chart: the bundled font (registered explicitly so text never disappears), and
 * Chart.js plugins for the white background, point labels that avoid each other, and low–high whiskers.
 */
import { join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type Plugin } from 'chart.js';
import { bundledFontsDir } from '../../core/paths.ts';
import type { XY } from './data.ts';

export const FONT_FAMILY = 'DejaVu Sans';
let ready = false;

/** Registers the font and Chart.js' components, once. */
export function setupChart(): void {
  if (ready) return;
  const regular = join(bundledFontsDir, 'DejaVuSans.ttf');
  const bold = join(bundledFontsDir, 'DejaVuSans-Bold.ttf');
  // A font that fails to load is silently replaced by whatever the system has (or nothing): say so.
  for (const path of [regular, bold]) if (!GlobalFonts.registerFromPath(path, FONT_FAMILY)) throw new Error(`chart font missing: ${path}`);
  Chart.register(...registerables);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.color = '#222';
  ready = true;
}

/** A white background (PNG would otherwise be transparent). */
export const background: Plugin<'line'> = {
  id: 'background',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** Labels next to the points of datasets marked `labelPoints`, each placed where it overlaps no marker or other label. */
export const pointLabels: Plugin<'line'> = {
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
export const whiskers: Plugin<'line'> = {
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
