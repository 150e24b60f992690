/**
 * Drawing the /deaths chart off the event loop: rendering a PNG (Chart.js on @napi-rs/canvas) takes a CPU for a
 * tenth of a second or more, time in which chat would wait. One worker thread of its own (piscina), apart from the
 * extraction pool so that a chart never queues behind an import's thousands of extraction tasks; it starts with the
 * first chart and leaves after a minute without one. With CRONISTA_WORKERS=0 (tests) charts are drawn in-process.
 */
import { Piscina } from 'piscina';
import type { ChartOptions } from '../answers/chart.ts';
import type { DeathsData } from '../timeline/types.ts';
import type { ChartTask } from './chart-worker.ts';
import { workerEntryFor, workersFromEnv } from './workers.ts';

let pool: Piscina | null = null;

/** Draws the chart of `data` to `outPath` (PNG); returns the path. */
export async function drawDeathsChart(data: DeathsData, outPath: string, options: ChartOptions = {}): Promise<string> {
  if (workersFromEnv() === 0) {
    const { renderDeathsChart } = await import('../answers/chart.ts');
    return renderDeathsChart(data, outPath, options);
  }
  pool ??= new Piscina({ filename: workerEntryFor('chart-worker', import.meta.url).href, maxThreads: 1, minThreads: 0, idleTimeout: 60_000 });
  return (await pool.run({ data, outPath, options } satisfies ChartTask, { name: 'draw' })) as string;
}

/** Ends the chart worker (the service does on shutdown); a later chart starts a new one. */
export async function closeCharts(): Promise<void> {
  const running = pool;
  pool = null;
  await running?.destroy();
}
