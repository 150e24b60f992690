/**
 * `npm run bench`: figures, not pass/fail tests. For each corpus size (BENCH_SIZES=10000,100000 by default;
 * `--quick`: 2,000) it generates chronological ~5 KB articles as RSS feeds (bench/generate.ts) and prints
 * one table (bench/table.ts), a row per measure, each beside the bare SQLite query that reads what the
 * answer needs (bench/bare.ts), timed in the same run:
 *   ingest      whole-pipeline ingest with extraction on: documents/s, peak RSS; bare: the same articles
 *               written to a scratch SQLite file with an FTS index
 *   answers     /deaths, /timeline, /timeline query:Juliaca, /search: warm p50/p99, the first call on an app
 *               closed and opened again (1st reopen) and in a fresh process (1st process, bench/first-call.ts)
 *   digest      a digest over the 1,000 documents learned (and dated) after the rest
 *   ask         `cronista ask "/help"` wall time; bare: node starting and opening the SQLite file
 * Sections are listed in `sections` below (bench/sections.ts; the BenchSection type in bench/section.ts).
 * `--loop` adds the event-loop measure (bench/loop-section.ts runs bench/event-loop.ts in a child process, once).
 * `--store postgres` runs every size on SQLite and then on PostgreSQL (a fresh database on the server of
 * CRONISTA_BENCH_POSTGRES_URL, default the local one, dropped afterwards), each beside its own bare queries, and ends
 * with the Postgres ÷ SQLite ratio of each figure (bench/stores.ts).
 * `--queue` runs only the distributed measure instead (bench/queue.ts): 1,000 local feeds, one `cronista start` and 1,
 * 2 and 3 workers, feeds polled per minute and items stored per second side by side (PostgreSQL and Redis needed).
 * Sizes: BENCH_SIZES=10000 npm run bench; npm run bench -- --quick; npm run bench -- --loop; npm run bench -- --queue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConfiguredApp } from '../src/app.ts';
import type { AppContext } from '../src/core/context.ts';
import { writeFeeds } from './generate.ts';
import type { BenchContext, BenchSection } from './section.ts';
import { eventLoopSection } from './loop-section.ts';
import { standardSections } from './sections.ts';
import { benchDatabase, benchStores, compareStores } from './stores.ts';
import { count, Table } from './table.ts';

process.env.CRONISTA_LOG_LEVEL ??= 'warn';
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const flags = new Set(process.argv.slice(2));
const known = new Set(['--quick', '--loop', '--queue']);
const stores = benchStores(process.argv.slice(2));
for (const flag of flags) {
  if (flag.startsWith('--store') || process.argv[process.argv.indexOf(flag) - 1] === '--store') continue;
  if (!known.has(flag)) {
    console.error(`unknown option ${flag} (known: ${[...known].join(', ')})`);
    process.exit(2);
  }
}
if (flags.has('--queue')) {
  // A measure of its own (no corpus sizes): the other sections are not run.
  const { runQueueBench } = await import('./queue.ts');
  await runQueueBench(root);
  process.exit(0);
}
const quick = flags.has('--quick');
const sizes = quick ? [2000] : (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const runs = quick ? 15 : 40;
const newDocuments = quick ? 200 : 1000;

const sections: BenchSection[] = [...standardSections, ...(flags.has('--loop') ? [eventLoopSection] : [])];

const table = new Table();
console.log(`Cronista bench: ${sections.map((s) => s.name).join(', ')}; ${runs} warm calls per answer; node ${process.version}`);
for (const [index, size] of sizes.entries()) {
  const work = mkdtempSync(join(tmpdir(), 'cronista-bench-'));
  const generating = performance.now();
  writeFeeds(join(work, 'feeds'), 0, size, size);
  const generated = ((performance.now() - generating) / 1000).toFixed(1);
  try {
    for (const store of stores.values) {
      const database = await benchDatabase(store, size);
      const dataDir = join(work, `data-${store}`);
      const open = () => openConfiguredApp(dataDir, { llm: null });
      let app: AppContext | null = null;
      // Opened inside the try: a store that fails to open still drops the scratch database.
      try {
        app = await open();
        const context: BenchContext = {
          size,
          newDocuments,
          runs,
          quick,
          work,
          dataDir,
          root,
          table,
          store,
          app,
          async reopen() {
            await context.app.store.close();
            context.app = app = await open();
            return context.app;
          },
        };
        table.heading(`${count(size)} documents, ${store === 'postgres' ? 'PostgreSQL' : 'SQLite'} (generated in ${generated} s)`, { size: `${count(size)} documents`, store });
        for (const section of sections) {
          if (section.once && (index > 0 || store !== stores.values[0])) continue;
          await section.run(context);
        }
      } finally {
        await app?.store.close();
        await database.drop();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
if (stores.values.length > 1) compareStores(table);
console.log('');
console.log('1st reopen: the first call after closing and opening the app on the same data (caches are per store);');
console.log('1st process: the first call in a fresh process; bare: the SQL the answer needs, on its own (bench/bare.ts).');
console.log('Targets at 100,000 documents (issue 13): answers p99 ≤ 50 ms warm and ≤ 200 ms first; digest over 1,000');
console.log('new ≤ 500 ms; ingest ≥ 300 docs/s with peak RSS ≤ 400 MB; cronista ask "/help" ≤ 1 s.');
