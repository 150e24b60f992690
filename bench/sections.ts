/**
 * The bench's sections, in the order they run for each corpus size: ingest (fills the store), answers
 * (/deaths, /timeline, /timeline query, /search), digest (over new documents), ask (`cronista ask "/help"`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import { chooseStory } from '../src/answers/story-choice.ts';
import type { AppContext } from '../src/core/context.ts';
import { Dispatcher, type CommandRequest } from '../src/core/dispatch.ts';
import { previewDigest } from '../src/pipeline/digest.ts';
import { CONSOLE_DESTINATION } from '../src/pipeline/destination.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { bareDeaths, bareDigest, bareIngestRate, bareSearch, bareTimeline, bareTimelineQuery, timeBare, type BareQuery } from './bare.ts';
import { generateArticle, writeFeeds } from './generate.ts';
import type { BenchContext, BenchSection } from './section.ts';
import { count, mib, ms, percentile, timeRuns } from './table.ts';

const caller = { platform: 'console', userId: 'bench', chatId: 'bench', isAdmin: true, isOperator: true } as const;
/** At most this many articles are written for the bare ingest rate (a rate; more would only take longer). */
const BARE_INGEST_SAMPLE = 5000;

let peakRss = 0;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100).unref();

/** Whole-pipeline ingest with extraction on (decode → parse → clean → language → dedup → facts → SQLite). */
export const ingestSection: BenchSection = {
  name: 'ingest',
  async run({ app, size, work, table, store }) {
    peakRss = process.memoryUsage().rss;
    const started = performance.now();
    const reports = await ingestTargets(app, [join(work, 'feeds')]);
    const seconds = (performance.now() - started) / 1000;
    const added = reports.reduce((sum, report) => sum + report.added, 0);
    const failed = reports.filter((report) => report.failure).length;
    const sample = Math.min(size, BARE_INGEST_SAMPLE);
    const bare = bareIngestRate(join(work, `bare-ingest-${store}.db`), (function* () {
      for (let index = 0; index < sample; index++) yield generateArticle(index, size);
    })());
    table.figure(
      'ingest, extraction on',
      `${count(Math.round(added / seconds))} docs/s · ${count(added)} in ${seconds.toFixed(1)} s${failed ? ` · ${failed} sources failed` : ''} · peak RSS ${mib(peakRss)}`,
      `bare SQLite: ${count(Math.round(bare.perSecond))} docs/s`,
      added / seconds,
    );
  },
};

interface AnswerMeasure {
  label: string;
  request: Omit<CommandRequest, 'caller'>;
  bare: (app: AppContext) => BareQuery;
}

const storyId = (app: AppContext) => chooseStory(app)?.id ?? null;
const ANSWERS: AnswerMeasure[] = [
  { label: '/deaths', request: { name: 'deaths', options: {} }, bare: (app) => bareDeaths(storyId(app)) },
  { label: '/timeline', request: { name: 'timeline', options: {} }, bare: (app) => bareTimeline(storyId(app)) },
  { label: '/timeline query:Juliaca', request: { name: 'timeline', options: { query: 'Juliaca' } }, bare: (app) => bareTimelineQuery(storyId(app), 'Juliaca') },
  { label: '/search Juliaca curfew', request: { name: 'search', options: { query: 'Juliaca curfew' } }, bare: () => bareSearch('Juliaca curfew') },
];

const errorOf = (json: unknown) => (json as { error?: { code?: string } } | null)?.error?.code ?? null;

/**
 * Each answer: its first call on an app just reopened (cold caches, warm process), then `runs` warm calls
 * (each from another user: cooldowns), its first call in a fresh process, and its bare SQLite query.
 */
export const answersSection: BenchSection = {
  name: 'answers',
  async run(context) {
    for (const measure of ANSWERS) {
      const app = await context.reopen();
      const dispatcher = new Dispatcher(app, commands);
      await Promise.all(commands.map((command) => command.preload?.())); // as a started service does
      const ask = (run: number) => dispatcher.dispatch({ ...measure.request, caller: { ...caller, userId: `bench-${run}` } });
      const startedFirst = performance.now();
      const first = await ask(-1);
      const firstReopen = performance.now() - startedFirst;
      const failed = errorOf(first.json);
      const warm = await timeRuns(context.runs, ask);
      const firstProcess = firstCallInNewProcess(context, measure.request);
      const bare = await timeBare(context, measure.bare(app), context.runs);
      context.table.latency({
        label: measure.label,
        warm,
        firstReopen,
        firstProcess: firstProcess.ms,
        bare,
        note: [`${count(bare.rows)} rows`, failed && `answer failed: ${failed}`, firstProcess.error].filter(Boolean).join('; '),
      });
    }
  },
};

function firstCallInNewProcess(context: BenchContext, request: Omit<CommandRequest, 'caller'>): { ms: number | null; error: string | null } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(context.root, 'bench/first-call.ts'), context.dataDir, JSON.stringify(request)], {
    cwd: context.root,
    encoding: 'utf8',
    env: { ...process.env, CRONISTA_LOG_LEVEL: process.env.CRONISTA_LOG_LEVEL ?? 'warn' },
    maxBuffer: 16 * 1024 * 1024,
  });
  try {
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    const result = JSON.parse(line) as { ms: number; error: string | null };
    return { ms: result.ms, error: result.error ? `new process: ${result.error}` : null };
  } catch {
    return { ms: null, error: `new process failed (${child.status}): ${child.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
}

/**
 * A digest over `newDocuments` documents learned after everything else was delivered (the cursor is put at
 * the end of the corpus, and the new documents are dated after it): its first build after a reopen, then three more
 * (their wall time, and their CPU time in the note).
 */
export const digestSection: BenchSection = {
  name: 'digest',
  async run(context) {
    const { app, size, newDocuments, work, table } = context;
    const learned = await app.store.learnedSequence();
    await app.store.kv.set('digest:cursor:bench', { sequence: learned.sequence, at: learned.at });
    writeFeeds(join(work, 'more'), size, size + newDocuments, size);
    await ingestTargets(app, [join(work, 'more')]);
    const destination = { ...CONSOLE_DESTINATION, id: 'bench' };
    const reopened = await context.reopen();
    const startedFirst = performance.now();
    const first = await previewDigest(reopened, destination);
    const firstReopen = performance.now() - startedFirst;
    const runs = Math.min(context.runs, 3); // a build takes seconds on a large store
    // CPU time as well: on a shared machine the wall time says as much about the load as about the build.
    const cpu = process.cpuUsage();
    const warm = await timeRuns(runs, () => previewDigest(reopened, destination));
    const used = process.cpuUsage(cpu);
    const bare = await timeBare(context, bareDigest(learned.sequence), runs);
    const copies = first.digest.toSequence - first.digest.fromSequence;
    table.latency({
      label: `digest, ${count(newDocuments)} new docs`,
      warm,
      firstReopen,
      bare,
      note: `${first.digest.entries.length} entries over ${count(copies)} copies; ${count(bare.rows)} rows; CPU ${ms((used.user + used.system) / 1000 / runs)} per warm build`,
    });
  },
};

/** `cronista ask "/help"` wall time: a whole CLI start (first run, then the median of three more). */
export const askSection: BenchSection = {
  name: 'ask',
  async run({ dataDir, root, table }) {
    const env = { ...process.env, CRONISTA_DATA: dataDir, CRONISTA_LOG_LEVEL: 'warn' };
    const times: number[] = [];
    let failure: string | null = null;
    for (let run = 0; run < 4; run++) {
      const started = performance.now();
      const child = spawnSync(process.execPath, [join(root, 'bin/cronista.js'), 'ask', '/help'], { cwd: root, env, encoding: 'utf8' });
      times.push(performance.now() - started);
      if (child.status !== 0 || !/\/deaths/.test(child.stdout)) failure = `exit ${child.status}: ${child.stderr.trim().split('\n').at(-1) ?? ''}`;
    }
    const bareTimes: number[] = [];
    const bareScript = "const D = require('better-sqlite3'); const db = new D(process.argv[1], { readonly: true }); db.prepare('SELECT count(*) FROM documents').get(); db.close();";
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      spawnSync(process.execPath, ['-e', bareScript, join(dataDir, 'cronista.db')], { cwd: root, encoding: 'utf8' });
      bareTimes.push(performance.now() - started);
    }
    const median = percentile(times.slice(1).sort((a, b) => a - b), 50);
    table.figure(
      'cronista ask "/help"',
      `${ms(median)} wall (first run ${ms(times[0])})${failure ? `; FAILED ${failure}` : ''}`,
      `bare node + SQLite open: ${ms(percentile(bareTimes.sort((a, b) => a - b), 50))}`,
    );
  },
};

/** The sections every run has, in order. */
export const standardSections: BenchSection[] = [ingestSection, answersSection, digestSection, askSection];
