/**
 * `npm run eval [-- --part sample|dev|test] [--stories a,b] [--quiet] [--llm]`: scores extraction against hand annotation, every miss printed.
 * Rules alone by default (whatever the environment says); `--llm` adds the verified model pass of the endpoint
 * CRONISTA_LLM_BASE_URL / CRONISTA_LLM_MODEL (/ CRONISTA_LLM_API_KEY) names, and refuses to run without one.
 * - sample: the five Peru seed pages (tests/fixtures/seeds, a copy of ../shared/corpus/seeds) — the rules' origin.
 * - dev / test: reports on other crises written after real coverage (tests/fixtures/news, split frozen in split.json).
 *   Tune on dev; the test part is only scored. `--stories a,b` scores only those stories, both parts together unless
 *   `--part` names one: a story's unseen measure when it arrives, before anything is tuned on it.
 * Exact match = kind + value + qualifier + scope + as_of within the annotation's tolerance; value-only = kind + value.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commands } from '../commands/index.ts';
import { listFacts } from '../src/answers/facts-list.ts';
import { openApp } from '../src/app.ts';
import { llmConfigFromEnv } from '../src/core/llm-config.ts';
import { redactUrl } from '../src/core/redact.ts';
import { Dispatcher } from '../src/core/dispatch.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { evaluate, isBreakdownEntry, type Evaluation, type Gold, type Score } from './evaluation.ts';
import { evaluatePart, NEWS_DIR, type Part, type PartResult } from './news-eval.ts';
import { seriesCoverage, type DeathsJson } from './series-coverage.ts';

const args = process.argv.slice(2);
const only = args.includes('--part') ? args[args.indexOf('--part') + 1] : undefined;
const quiet = args.includes('--quiet');
const stories = args.includes('--stories') ? (args[args.indexOf('--stories') + 1] ?? '').split(',').filter(Boolean) : undefined;
const llm = args.includes('--llm') ? llmConfigFromEnv() : null;
if (args.includes('--llm') && !llm) {
  console.error('eval: --llm needs a model endpoint: set CRONISTA_LLM_BASE_URL and CRONISTA_LLM_MODEL (and CRONISTA_LLM_API_KEY if it asks for one).');
  process.exit(1);
}
const root = resolve(import.meta.dirname, '..');

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const line = (name: string, s: Score) =>
  `  ${name.padEnd(18)} P ${pct(s.precision).padStart(6)}  R ${pct(s.recall).padStart(6)}  F1 ${s.f1.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
const cut = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The extracted figure with a miss's file, kind and value, when there is one: what it got wrong. */
function nearestExtracted(result: Evaluation, m: Evaluation['misses'][number]) {
  return result.falsePositives.find((r) => (r.file === undefined || r.file === m.file) && r.kind === m.kind && r.value === m.value);
}

/**
 * Counts only, no sentences, so it may be printed for the test part: for each miss, what the extracted figure with the
 * same file, kind and value got wrong (or that none was found). Each wrong field counts once per miss.
 */
function missCauses(result: Evaluation, misdated: Set<string> = new Set()): string {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const dayOf = (iso: string | null | undefined) => (iso ? Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000 : undefined);
  for (const m of result.misses) {
    const near = nearestExtracted(result, m);
    if (!near) {
      add('not found');
      continue;
    }
    if (near.qualifier !== m.qualifier) add('qualifier');
    if (near.scope !== m.scope) add(`scope ${m.scope}→${near.scope}`);
    const gold = dayOf(m.as_of);
    const got = dayOf(near.as_of);
    if (gold !== undefined && got === undefined) add('date missing');
    else if (gold !== undefined && got !== undefined && Math.abs(got - gold) > (m.as_of_tolerance_days ?? 0)) {
      add(`${got > gold ? 'date late' : 'date early'}${misdated.has(m.file) ? ' (report misdated)' : ''}`);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

function printFigures(result: Evaluation, goldCount: number, extracted: number, misdated?: Set<string>): void {
  console.log(`Exact-match figures over ${goldCount} gold figures (${extracted} extracted)`);
  console.log(line('all', result.overall));
  for (const [kind, s] of Object.entries(result.byKind)) console.log(line(`kind ${kind}`, s));
  for (const [scope, s] of Object.entries(result.byScope)) console.log(line(`scope ${scope}`, s));
  console.log(`  why missed: ${missCauses(result, misdated)}`);
  if (quiet) return;
  console.log(`Misses (${result.misses.length}):`);
  for (const m of result.misses) {
    const near = nearestExtracted(result, m);
    const got = near ? ` [got ${near.qualifier} ${near.scope} ${near.as_of ?? 'undated'}]` : ' [not found]';
    console.log(`  - ${m.file} ${m.kind} ${m.qualifier} ${m.value} ${m.scope} ${m.as_of ?? ''}${got}: "${cut(m.quote)}"`);
  }
  console.log(`False positives (${result.falsePositives.length}):`);
  for (const fp of result.falsePositives) console.log(`  - ${fp.file ?? ''} ${fp.kind} ${fp.qualifier} ${fp.value} ${fp.scope} ${fp.as_of ?? ''}: "${cut(fp.quote)}"`);
  console.log(`Non-casualty numbers reported as casualties: ${result.nonCasualties.length}`);
  for (const row of result.nonCasualties) console.log(`  - ${row.kind} ${row.value}: "${cut(row.quote)}"`);
}

async function sample(): Promise<void> {
  const shared = join(root, '../shared/corpus/seeds');
  const seeds = existsSync(shared) ? shared : join(root, 'tests/fixtures/seeds');
  const goldPath = existsSync(join(seeds, '../seeds-gold.json')) ? join(seeds, '../seeds-gold.json') : join(seeds, 'seeds-gold.json');
  const data = mkdtempSync(join(tmpdir(), 'cronista-eval-'));
  const app = openApp(data, { llm });
  try {
    await ingestTargets(app, [seeds]);
    const facts = await listFacts(app.store, 'peru-crisis');
    const deaths = (await new Dispatcher(app, commands).dispatch({ name: 'deaths', options: { story: 'peru-crisis' }, caller: { platform: 'console', userId: 'eval', chatId: 'eval', isAdmin: false } })).json as DeathsJson;
    const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;
    console.log(`== sample (${seeds})`);
    printFigures(evaluate(gold, facts.figures), gold.figures.length, facts.figures.length);
    const entries = facts.figures.filter(isBreakdownEntry);
    const without = evaluate(gold, facts.figures.filter((row) => !isBreakdownEntry(row))).overall;
    console.log(`${line('without entries', without)}  (${entries.length} breakdown entries like "Ayacucho (9)" set aside: subsets by ANNOTATION.md, not listed in this gold)`);
    const coverage = seriesCoverage(gold, deaths);
    console.log(`/deaths series: ${deaths.series.length} points; cumulative gold death figures in the series: ${coverage.found}/${coverage.expected}`);
    for (const missing of coverage.missing) console.log(`  - not in series: ${missing.value} (${missing.qualifier}) ~${missing.as_of}`);
    console.log(`incident counts wrongly in the series: ${coverage.incidentsInSeries.length}`);
    for (const wrong of coverage.incidentsInSeries) console.log(`  - ${wrong}`);
  } finally {
    await app.store.close();
    rmSync(data, { recursive: true, force: true });
  }
}

/** How the wrong publication dates are wrong, as counts (safe to print for the test part). */
function datedWrongSummary(wrong: PartResult['datedWrong']): string {
  const counts = new Map<string, number>();
  for (const { read, published } of wrong) {
    const key = read === null ? 'not read' : published === null ? 'read, gold undated' : read < published ? 'read too early' : 'read too late';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

function printPart(r: PartResult): void {
  console.log(`\n== ${r.part} part (${r.documents} reports)`);
  console.log(`publication dates read wrong: ${r.datedWrong.length}${r.datedWrong.length ? ` (${datedWrongSummary(r.datedWrong)})` : ''}`);
  if (!quiet) for (const x of r.datedWrong) console.log(`  - ${x.file}: read ${x.read ?? 'undated'}, published ${x.published ?? 'undated'}`);
  const misdated = new Set(r.datedWrong.map((x) => x.file));
  printFigures(r.figures, r.figures.overall.tp + r.figures.overall.fn, r.figures.overall.tp + r.figures.overall.fp, misdated);
  console.log(line('value-only', r.valueOnly));
  for (const [lang, s] of Object.entries(r.byLanguage)) console.log(line(`language ${lang}`, s));
  const compact = (groups: Record<string, Score>) => Object.entries(groups).map(([name, s]) => `${name} ${s.f1.toFixed(2)} (${s.tp + s.fn})`).join(', ');
  console.log(`  F1 by report kind: ${compact(r.byReportKind)}`);
  console.log(`  F1 by story: ${compact(r.byStory)}`);
  let expected = 0;
  let found = 0;
  for (const s of r.series) {
    expected += s.expected;
    found += s.found;
    const latest = s.deaths.latest ? `${s.deaths.latest.qualifier} ${s.deaths.latest.value} on ${s.deaths.latest.as_of}` : 'none';
    console.log(`/deaths ${s.story}: series recall ${s.found}/${s.expected}; latest ${latest} (${s.headline ? 'right' : 'wrong'}); not cumulative ${s.notCumulative.length}; wrong date ${s.wrongDate.length}; unexplained ${s.unexplained.length}`);
    if (quiet) continue;
    if (!s.headline) {
      const ends = s.latestExpected.map((p) => `${p.qualifier} ${p.value} on ${p.as_of} (${p.file})`).join('; ');
      console.log(`  - the headline should be: ${ends || 'none'}`);
    }
    for (const m of s.missing) console.log(`  - not in series: ${m.qualifier} ${m.value} ${m.as_of} (${m.file})`);
    for (const x of s.notCumulative) console.log(`  - subset/incident in series: ${x}`);
    for (const x of s.wrongDate) console.log(`  - wrong date in series: ${x}`);
    for (const x of s.unexplained) console.log(`  - no gold figure behind: ${x}`);
  }
  console.log(`series recall overall: ${found}/${expected} (${pct(expected ? found / expected : 1)})`);
  console.log(`  headline toll right: ${r.series.filter((s) => s.headline).length}/${r.series.length} stories`);
  const why: Record<string, number> = {};
  for (const s of r.series) for (const [k, n] of Object.entries(s.missingWhy)) why[k] = (why[k] ?? 0) + n;
  console.log(`  missing points: ${Object.entries(why).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  console.log(line('timeline Date-F1', r.timeline.score));
  if (quiet) return;
  for (const m of r.timeline.misses) console.log(`  - missed event ${m.file} ${m.date}: "${cut(m.quote, 120)}"`);
  for (const fp of r.timeline.falsePositives) console.log(`  - extra event ${fp.file} ${fp.date}: "${cut(fp.quote, 120)}"`);
}

if (llm) console.log(`model-assisted extraction: ${llm.model} at ${redactUrl(llm.baseUrl)}`);
if (stories) {
  // A story's unseen measure: every report of the named stories, both parts together.
  printPart(await evaluatePart(only === 'dev' || only === 'test' ? only : 'all', undefined, undefined, { llm, stories }));
} else {
  if (!only || only === 'sample') await sample();
  if (existsSync(join(NEWS_DIR, 'split.json'))) {
    for (const part of ['dev', 'test'] as Part[]) if (!only || only === part) printPart(await evaluatePart(part, undefined, undefined, { llm }));
  } else if (only === 'dev' || only === 'test') {
    console.error(`eval: ${join(NEWS_DIR, 'split.json')} is missing: the news set has not been split yet.`);
    process.exitCode = 1;
  }
}
