import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDeathsChart } from '../../src/answers/chart.ts';
import { closeCharts, drawDeathsChart } from '../../src/pipeline/chart-pool.ts';
import { deathsChartData, tickLabel } from '../../src/answers/chart/data.ts';
import { loadStory } from '../../src/facts/story.ts';
import { buildDeathsData } from '../../src/timeline/deaths.ts';
import { sampleFigures } from './sample-figures.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const story = loadStory(new URL('../../config/stories/peru.yaml', import.meta.url).pathname);

function pngSize(buf: Buffer): { width: number; height: number } {
  // IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.
  assert.equal(buf.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('renderDeathsChart writes a PNG of the sample series', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-chart-'));
  const out = join(dir, 'nested', 'deaths.png');
  const path = await renderDeathsChart(buildDeathsData(sampleFigures(), { story }), out, { title: 'Peru crisis: reported death toll' });
  assert.equal(path, out);
  const buf = readFileSync(out);
  assert.deepEqual(buf.subarray(0, 8), PNG_SIGNATURE);
  assert.deepEqual(pngSize(buf), { width: 1200, height: 675 });
  // A chart with lines, a band, markers and text is tens of KB; a blank canvas is ~5 KB.
  assert.ok(statSync(out).size > 30_000, `only ${statSync(out).size} bytes`);
});

test('renderDeathsChart handles no data and a custom size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-chart-'));
  const out = join(dir, 'empty.png');
  await renderDeathsChart(buildDeathsData([]), out, { width: 800, height: 450 });
  const buf = readFileSync(out);
  assert.deepEqual(buf.subarray(0, 8), PNG_SIGNATURE);
  assert.deepEqual(pngSize(buf), { width: 800, height: 450 });
  assert.ok(buf.length > 5_000);
});

test('deathsChartData: days since the first date, month ticks with the year where it changes, labels with qualifiers', () => {
  const chart = deathsChartData(buildDeathsData(sampleFigures(), { story }));
  assert.equal(chart.empty, false);
  assert.equal(Math.min(...chart.value.map((p) => p.x), ...chart.incidents.map((p) => p.x)), 0);
  assert.ok(chart.ticks.length >= 2 && chart.ticks.every((t, i) => i === 0 || t > chart.ticks[i - 1]!));
  assert.match(tickLabel(chart, chart.ticks[0]!), /^[A-Z][a-z]{2} \d{4}$/);
  assert.ok(chart.value.every((p) => p.label && p.lo !== undefined && p.hi !== undefined));
  assert.match(chart.subtitle, /^Latest: .+ as of \d{1,2} [A-Z][a-z]{2} \d{4}/);
  assert.equal(deathsChartData(buildDeathsData([])).subtitle, 'No death toll reported yet');
});

test('a chart drawn in the chart worker thread is the same PNG as one drawn in-process', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-chart-'));
  const data = buildDeathsData(sampleFigures(), { story });
  const inProcess = await renderDeathsChart(data, join(dir, 'here.png'), { title: 'Toll' });
  const previous = process.env.CRONISTA_WORKERS;
  process.env.CRONISTA_WORKERS = '1';
  try {
    const pooled = await drawDeathsChart(data, join(dir, 'worker.png'), { title: 'Toll' });
    assert.equal(pooled, join(dir, 'worker.png'));
    assert.deepEqual(readFileSync(pooled), readFileSync(inProcess));
  } finally {
    if (previous === undefined) delete process.env.CRONISTA_WORKERS;
    else process.env.CRONISTA_WORKERS = previous;
    await closeCharts();
  }
});
