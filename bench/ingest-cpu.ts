/**
 * `npx tsx bench/ingest-cpu.ts [documents] [sqlite|postgres]`: one pipeline ingest of generated feeds (as the bench's
 * ingest row: extraction with workers) with the CPU it took: Cronista's (every thread of this process) and, on
 * PostgreSQL, the server's (every postgres process alive at the end: the store's backends until it closes). On a
 * machine shared with other work, wall time swings by ±25% from one run to the next; the CPU per document does not,
 * so compare changes by it (issue 14).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConfiguredApp } from '../src/app.ts';
import { closeExtraction } from '../src/pipeline/extraction-pool.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { writeFeeds } from './generate.ts';
import { benchDatabase } from './stores.ts';

process.env.CRONISTA_LOG_LEVEL ??= 'warn';
const size = Number(process.argv[2] ?? 1000);
const store = process.argv[3] === 'sqlite' ? 'sqlite' : 'postgres';

/** CPU seconds of the postgres server processes alive now (Linux /proc; clock ticks of 1/100 s). */
function postgresCpu(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

const work = mkdtempSync(join(tmpdir(), 'cronista-ingest-cpu-'));
const database = await benchDatabase(store, size);
try {
  writeFeeds(join(work, 'feeds'), 0, size, size);
  const app = await openConfiguredApp(join(work, 'data'), { llm: null });
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const [started, cpu, server] = [performance.now(), process.cpuUsage(), postgresCpu()];
  await ingestTargets(app, [join(work, 'feeds')]);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const serverUsed = store === 'postgres' ? postgresCpu() - server : 0;
  const perDocument = (cpuSeconds: number) => `${((cpuSeconds * 1000) / size).toFixed(1)} ms`;
  console.log(
    `${store}: ${size} documents, ${(size / seconds).toFixed(1)} docs/s (${seconds.toFixed(1)} s, load average ${load} → ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}); ` +
      `CPU per document: Cronista ${perDocument((used.user + used.system) / 1e6)}` +
      (store === 'postgres' ? `, postgres ${perDocument(serverUsed)}` : ''),
  );
  await app.store.close();
  await closeExtraction();
} finally {
  await database.drop();
  rmSync(work, { recursive: true, force: true });
}
