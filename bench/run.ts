/**
 * `npm run bench`: whole-pipeline ingest throughput (decode → parse → clean → language → dedup →
 * SQLite) on generated ~5 KB articles, and peak memory. Figures, not a pass/fail test.
 * BENCH_SIZES=10000,100000 (default) picks the corpus sizes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/core/app.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { generateFeed } from './generate.ts';

const ITEMS_PER_FEED = 100;
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
process.env.CRONISTA_LOG_LEVEL ??= 'warn';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

for (const size of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'cronista-bench-'));
  const feeds = join(work, 'feeds');
  mkdirSync(feeds);
  for (let from = 0; from < size; from += ITEMS_PER_FEED) {
    writeFileSync(join(feeds, `feed-${String(from).padStart(7, '0')}.xml`), generateFeed(from, Math.min(size, from + ITEMS_PER_FEED)));
  }
  const app = openApp(join(work, 'data'));
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const reports = await ingestTargets(app, [feeds]);
  const seconds = (performance.now() - started) / 1000;
  const added = reports.reduce((sum, report) => sum + report.added, 0);
  const failed = reports.filter((report) => report.failure).length;
  console.log(
    `ingest ${size.toLocaleString('en')} documents: ${(added / seconds).toFixed(0)} documents/s ` +
      `(${added} added, ${failed} sources failed, ${seconds.toFixed(1)} s), peak RSS ${mib(peakRss)}`,
  );
  await app.store.close();
  rmSync(work, { recursive: true, force: true });
}
clearInterval(sampler);
