/**
 * The /deaths chart: a PNG of the running toll (line), the range of reported values (shaded band) and
 * deadly incidents (red markers), drawn by Chart.js 4 on @napi-rs/canvas. The data is prepared in
 * chart/data.ts (x axis linear in days since the first date, month ticks); fonts and plugins are in
 * chart/drawing.ts. The font ships in assets/fonts (DejaVu Sans).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration } from 'chart.js';
import type { DeathsData } from '../timeline/types.ts';
import { deathsChartData, tickLabel, type XY } from './chart/data.ts';
import { background, FONT_FAMILY, pointLabels, setupChart, whiskers } from './chart/drawing.ts';

export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

/** Renders the /deaths chart to `outPath` (PNG) and returns the path. */
export async function renderDeathsChart(data: DeathsData, outPath: string, options: ChartOptions = {}): Promise<string> {
  setupChart();
  const width = options.width ?? 1200;
  const height = options.height ?? 675;
  const canvas = createCanvas(width, height);
  const prepared = deathsChartData(data);
  const { low, high, value, incidents, ticks, lastX, maxY, subtitle, empty } = prepared;

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
          text: subtitle,
          font: { size: 14, family: FONT_FAMILY },
          color: '#444',
          padding: { bottom: 10 },
        },
        legend: {
          display: !empty,
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
            // Month names; the year on the first tick and wherever the year changes.
            callback: (v) => tickLabel(prepared, Number(v)),
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
  if (empty) {
    const ctx = canvas.getContext('2d');
    ctx.font = `20px "${FONT_FAMILY}"`;
    ctx.fillStyle = '#555';
    ctx.textAlign = 'center';
    ctx.fillText('No casualty figures yet', width / 2, height / 2);
  }
  const png = await canvas.encode('png');
  chart.destroy();
  await mkdir(dirname(outPath), { recursive: true });
  // Written aside, then renamed: a chart file found by its name (chart/file.ts) is always whole.
  const partial = `${outPath}.${process.pid}.${threadId}.part`;
  await writeFile(partial, png);
  await rename(partial, outPath);
  return outPath;
}
