/**
 * The chart worker (src/pipeline/chart-pool.ts): draws a /deaths chart in a worker thread. Chart.js and the canvas
 * load in the worker at its first chart, never on the thread that answers chat.
 */
import type { ChartOptions } from '../answers/chart.ts';
import type { DeathsData } from '../timeline/types.ts';

export interface ChartTask {
  data: DeathsData;
  outPath: string;
  options: ChartOptions;
}

export async function draw(task: ChartTask): Promise<string> {
  const { renderDeathsChart } = await import('../answers/chart.ts');
  return renderDeathsChart(task.data, task.outPath, task.options);
}
