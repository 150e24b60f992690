/**
 * Where a /deaths chart is kept (apart from the renderer: finding a drawn chart must not load Chart.js and the
 * canvas). A chart file is named by its query and by a hash of what it draws, so a chart drawn before a restart (or
 * by another process on the same data directory) is reused while its data are the same: drawing one takes a worker
 * thread, Chart.js and the canvas, most of a first /deaths.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DeathsData } from '../../timeline/types.ts';
import { deathsChartData } from './data.ts';

/** The drawing's version: change it with src/answers/chart.ts or chart/drawing.ts, and every chart is drawn again. */
export const CHART_DRAWING = 1;

/** The chart file of `key` (the query's name) drawing `data` under `title`. */
export function chartFile(dir: string, key: string, data: DeathsData, title: string): string {
  const drawn = JSON.stringify([CHART_DRAWING, title, deathsChartData(data)]);
  return join(dir, `${key}-${createHash('sha1').update(drawn).digest('hex').slice(0, 12)}.png`);
}
