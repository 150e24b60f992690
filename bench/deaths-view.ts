/**
 * The /deaths view's size and its first answer after a reopen, on one data directory (issue 13, NOTES "Derived views"):
 *   node --import tsx bench/deaths-view.ts <data dir> [--ingest N] [--reopens K]
 * `--ingest N` first generates N articles (bench/generate.ts, as `npm run bench` does) and ingests them into the data
 * directory. Then it prints, for the configured default story:
 *   refresh     bringing the view up to date (a whole rebuild when its rows' stamp changed: an older version's rows)
 *   rows        the view's rows: how many, the bytes of their values, the largest, the most sources a row holds
 *   json        the size of the /deaths answer's JSON as `cronista ask --json "/deaths"` prints it
 *   1st reopen  the first /deaths on an app closed and opened again, K times (the chart was drawn before, so it is
 *               reused, as on a running service), then warm p50/p99 of 20 calls
 *   1st process the first /deaths in a fresh process (bench/first-call.ts), 3 times
 * and the load average before and after (2 shared cores: the figures say as much about the load as about the code).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.ts';
import { chooseStory } from '../src/answers/story-choice.ts';
import { openConfiguredApp } from '../src/app.ts';
import type { AppContext } from '../src/core/context.ts';
import { Dispatcher } from '../src/core/dispatch.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { refreshDeathView } from '../src/timeline/death-view.ts';
import { writeFeeds } from './generate.ts';

process.env.CRONISTA_LOG_LEVEL ??= 'warn';
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const dataDir = args[0];
const option = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : null);
if (!dataDir || dataDir.startsWith('--')) {
  console.error('usage: deaths-view.ts <data dir> [--ingest N] [--reopens K]');
  process.exit(2);
}
const reopens = option('--reopens') ?? 5;
const caller = (userId: string) => ({ platform: 'console', userId, chatId: 'bench', isAdmin: true, isOperator: true }) as const;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const open = () => openConfiguredApp(dataDir, { llm: null });

console.log(`load average before: ${load()}`);
const size = option('--ingest');
if (size) {
  const work = mkdtempSync(join(tmpdir(), 'cronista-deaths-view-'));
  try {
    writeFeeds(join(work, 'feeds'), 0, size, size);
    const app = await open();
    const started = performance.now();
    const reports = await ingestTargets(app, [join(work, 'feeds')]);
    console.log(`ingest: ${reports.reduce((sum, report) => sum + report.added, 0)} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await app.store.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let app: AppContext = await open();
const story = chooseStory(app);
if (!story) throw new Error('no story configured');
let started = performance.now();
const days = await refreshDeathView(app.store, story);
console.log(`refresh (${story.id}): ${days} days recomputed in ${ms(performance.now() - started)}`);
const { rows } = await app.store.viewRows('deaths', story.id);
const bytes = rows.map((row) => Buffer.byteLength(row.value));
const sources = rows.map((row) => (JSON.parse(row.value) as { point: { sources: unknown[] } }).point.sources.length);
console.log(`rows: ${rows.length}, values ${kb(bytes.reduce((a, b) => a + b, 0))}, largest ${kb(Math.max(0, ...bytes))}, most sources in a row ${Math.max(0, ...sources)}`);
// The chart is drawn once here, as a running service would have drawn it; the timed calls reuse its file.
const warmUp = await new Dispatcher(app, commands).dispatch({ name: 'deaths', options: {}, caller: caller('bench-draw') });
console.log(`json: ${kb(Buffer.byteLength(JSON.stringify(warmUp.json, null, 2)))} (--json's formatting), latest ${JSON.stringify((warmUp.json as { latest?: { as_of: string; value: number } | null }).latest ? { as_of: (warmUp.json as { latest: { as_of: string } }).latest.as_of, value: (warmUp.json as { latest: { value: number } }).latest.value } : null)}`);
await app.store.close();

const firsts: number[] = [];
let warm: number[] = [];
for (let run = 0; run < reopens; run++) {
  app = await open();
  const dispatcher = new Dispatcher(app, commands);
  await Promise.all(commands.map((command) => command.preload?.()));
  started = performance.now();
  await dispatcher.dispatch({ name: 'deaths', options: {}, caller: caller(`bench-first-${run}`) });
  firsts.push(performance.now() - started);
  if (run === reopens - 1) {
    warm = [];
    for (let call = 0; call < 20; call++) {
      started = performance.now();
      await dispatcher.dispatch({ name: 'deaths', options: {}, caller: caller(`bench-warm-${call}`) });
      warm.push(performance.now() - started);
    }
  }
  await app.store.close();
}
console.log(`1st reopen: ${firsts.map(ms).join(', ')} (median ${ms(median(firsts))}); warm p50 ${ms(percentile(warm, 50))}, p99 ${ms(percentile(warm, 99))}`);

const processes: string[] = [];
for (let run = 0; run < 3; run++) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/first-call.ts'), dataDir, JSON.stringify({ name: 'deaths', options: {} })], { cwd: root, encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  processes.push(child.status === 0 ? ms((JSON.parse(line) as { ms: number }).ms) : `failed (${child.status})`);
}
console.log(`1st process: ${processes.join(', ')}`);
console.log(`load average after: ${load()}`);
