/**
 * `npx tsx bench/round-trips.ts [documents]`: how many statements the PostgreSQL store sends per ingested document and
 * per answer, and where the time goes (issue 14). Ingests a generated corpus into a scratch database, then asks each
 * answer a few times, counting the queries every pg client sends (their text, count and total time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { commands } from '../commands/index.ts';
import { openConfiguredApp } from '../src/app.ts';
import { Dispatcher, type CommandRequest } from '../src/core/dispatch.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { writeFeeds } from './generate.ts';
import { benchDatabase } from './stores.ts';

process.env.CRONISTA_LOG_LEVEL ??= 'warn';
const size = Number(process.argv[2] ?? 1000);
const stats = new Map<string, { n: number; ms: number }>();
let statements = 0;
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string; name?: string };
  const text = (typeof first === 'string' ? first : (first.text ?? first.name ?? '?')).replace(/\s+/g, ' ').slice(0, 110);
  const started = performance.now();
  statements++;
  const record = () => {
    const entry = stats.get(text) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += performance.now() - started;
    stats.set(text, entry);
  };
  // The pool passes a callback (and gets no promise back); a client used directly gets a promise.
  const callback = args.at(-1);
  if (typeof callback === 'function') {
    args[args.length - 1] = (...results: unknown[]) => {
      record();
      return (callback as (...results: unknown[]) => unknown)(...results);
    };
  }
  const result = original.apply(this, args);
  if (result instanceof Promise) result.then(record, record);
  return result;
};

function report(title: string, per: number) {
  const total = [...stats.values()].reduce((sum, entry) => sum + entry.ms, 0);
  console.log(`\n== ${title}: ${statements} statements, ${(statements / per).toFixed(1)} per unit, ${(total / per).toFixed(2)} ms of query time per unit`);
  for (const [text, entry] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    console.log(`${String(entry.n).padStart(7)} ×  ${(entry.ms / entry.n).toFixed(3).padStart(8)} ms  ${text}`);
  }
  stats.clear();
  statements = 0;
}

const work = mkdtempSync(join(tmpdir(), 'cronista-trips-'));
const database = await benchDatabase('postgres', size);
try {
  writeFeeds(join(work, 'feeds'), 0, size, size);
  let app = await openConfiguredApp(join(work, 'data'), { llm: null });
  stats.clear();
  statements = 0;
  const started = performance.now();
  await ingestTargets(app, [join(work, 'feeds')]);
  const seconds = (performance.now() - started) / 1000;
  console.log(`ingest: ${size} documents in ${seconds.toFixed(1)} s (${(size / seconds).toFixed(0)} docs/s)`);
  report('ingest (per document)', size);
  const asks: Omit<CommandRequest, 'caller'>[] = [
    { name: 'deaths', options: {} },
    { name: 'timeline', options: {} },
    { name: 'timeline', options: { query: 'Juliaca' } },
    { name: 'search', options: { query: 'Juliaca curfew' } },
  ];
  for (const request of asks) {
    await app.store.close();
    app = await openConfiguredApp(join(work, 'data'), { llm: null });
    const dispatcher = new Dispatcher(app, commands);
    const caller = (run: number) => ({ platform: 'console', userId: `trips-${run}`, chatId: 'trips', isAdmin: true, isOperator: true }) as const;
    await dispatcher.dispatch({ ...request, caller: caller(-1) });
    stats.clear();
    statements = 0;
    const runs = 10;
    const begun = performance.now();
    for (let run = 0; run < runs; run++) await dispatcher.dispatch({ ...request, caller: caller(run) });
    console.log(`\n/${request.name} ${JSON.stringify(request.options)}: ${((performance.now() - begun) / runs).toFixed(2)} ms per warm answer`);
    report(`/${request.name} warm (per answer)`, runs);
  }
  await app.store.close();
} finally {
  await database.drop();
  rmSync(work, { recursive: true, force: true });
}
