/**
 * `npm run bench`: figures, not pass/fail tests.
 * - Whole-pipeline ingest throughput with extraction on (decode → parse → clean → language → dedup →
 *   figures/events → SQLite) on generated ~5 KB articles, and peak memory.
 * - p50/p99 latency of /deaths and /timeline over the resulting store.
 * - Digest build time over 1,000 new documents.
 * BENCH_SIZES=10000,100000 (default) picks the corpus sizes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import { openApp } from '../src/app.ts';
import type { AppContext } from '../src/core/context.ts';
import { Dispatcher } from '../src/core/dispatch.ts';
import { previewDigest } from '../src/pipeline/digest.ts';
import { CONSOLE_DESTINATION } from '../src/pipeline/destination.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { generateFeed } from './generate.ts';

const ITEMS_PER_FEED = 100;
const QUERY_RUNS = 40;
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
process.env.CRONISTA_LOG_LEVEL ??= 'warn';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const caller = { platform: 'console', userId: 'bench', chatId: 'bench', isAdmin: true } as const;

function writeFeeds(dir: string, from: number, to: number): void {
  mkdirSync(dir, { recursive: true });
  for (let start = from; start < to; start += ITEMS_PER_FEED) {
    writeFileSync(join(dir, `feed-${String(start).padStart(7, '0')}.xml`), generateFeed(start, Math.min(to, start + ITEMS_PER_FEED)));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(app: AppContext, line: { name: string; options: Record<string, string> }): Promise<string> {
  const dispatcher = new Dispatcher(app, commands);
  const times: number[] = [];
  for (let run = 0; run < QUERY_RUNS; run++) {
    const started = performance.now();
    await dispatcher.dispatch({ ...line, caller: { ...caller, userId: `bench-${run}` } });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms`;
}

for (const size of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'cronista-bench-'));
  writeFeeds(join(work, 'feeds'), 0, size);
  const app = openApp(join(work, 'data'), { llm: null });
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const reports = await ingestTargets(app, [join(work, 'feeds')]);
  const seconds = (performance.now() - started) / 1000;
  const added = reports.reduce((sum, report) => sum + report.added, 0);
  console.log(
    `ingest ${size.toLocaleString('en')} documents (extraction on): ${(added / seconds).toFixed(0)} documents/s ` +
      `(${added} added, ${reports.filter((r) => r.failure).length} sources failed, ${seconds.toFixed(1)} s), peak RSS ${mib(peakRss)}`,
  );
  console.log(`  /deaths at ${size.toLocaleString('en')} documents: ${await latency(app, { name: 'deaths', options: {} })}`);
  console.log(`  /timeline at ${size.toLocaleString('en')} documents: ${await latency(app, { name: 'timeline', options: {} })}`);
  console.log(`  /timeline query at ${size.toLocaleString('en')} documents: ${await latency(app, { name: 'timeline', options: { query: 'Juliaca' } })}`);

  // A digest over the next 1,000 documents learned after everything above was delivered.
  const { digest } = await previewDigest(app, CONSOLE_DESTINATION);
  await app.store.kv.set('digest:cursor:bench', { sequence: digest.toSequence, at: digest.until });
  writeFeeds(join(work, 'more'), size, size + 1000);
  await ingestTargets(app, [join(work, 'more')]);
  const digestStarted = performance.now();
  const next = await previewDigest(app, { ...CONSOLE_DESTINATION, id: 'bench' });
  console.log(`  digest build over 1,000 new documents: ${(performance.now() - digestStarted).toFixed(0)} ms (${next.digest.entries.length} entries)`);
  await app.store.close();
  rmSync(work, { recursive: true, force: true });
}
clearInterval(sampler);
