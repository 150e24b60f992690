/**
 * `npm run eval [-- SEEDS_DIR GOLD_JSON]`: ingests the seed pages into a fresh data directory through
 * the real CLI, then scores `cronista facts --json` and `/deaths --json` against the hand annotation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluate, type FactRow, type Gold, type Score } from './evaluation.ts';
import { seriesCoverage, type DeathsJson } from './series-coverage.ts';

const root = resolve(import.meta.dirname, '..');
const seeds = resolve(process.argv[2] ?? join(root, '../shared/corpus/seeds'));
const goldPath = resolve(process.argv[3] ?? join(seeds, '../seeds-gold.json'));
const data = mkdtempSync(join(tmpdir(), 'cronista-eval-'));
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'bin/cronista.js'), '--data', data, ...args], { encoding: 'utf8', env: { ...process.env, CRONISTA_LOG_LEVEL: 'warn' } });

cli('ingest', seeds);
const facts = JSON.parse(cli('facts', '--json')) as { figures: FactRow[] };
const deaths = JSON.parse(cli('ask', '/deaths', '--json')) as DeathsJson;
const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;

const result = evaluate(gold, facts.figures);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const line = (name: string, s: Score) => `${name.padEnd(12)} P ${pct(s.precision).padStart(6)}  R ${pct(s.recall).padStart(6)}  F1 ${s.f1.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;

console.log(`Exact-match figures over ${gold.figures.length} gold figures (${facts.figures.length} extracted)`);
console.log(line('all', result.overall));
for (const [kind, s] of Object.entries(result.byKind)) console.log(line(`kind ${kind}`, s));
for (const [scope, s] of Object.entries(result.byScope)) console.log(line(`scope ${scope}`, s));
console.log(`\nMisses (${result.misses.length}):`);
for (const miss of result.misses) console.log(`  - ${miss.file} ${miss.kind} ${miss.qualifier} ${miss.value} ${miss.scope} ${miss.as_of ?? ''}: "${miss.quote}"`);
console.log(`False positives (${result.falsePositives.length}):`);
for (const fp of result.falsePositives) console.log(`  - ${fp.kind} ${fp.qualifier} ${fp.value} ${fp.scope} ${fp.as_of ?? ''}: "${fp.quote.slice(0, 140)}"`);
console.log(`Non-casualty numbers reported as casualties: ${result.nonCasualties.length}`);
for (const row of result.nonCasualties) console.log(`  - ${row.kind} ${row.value}: "${row.quote.slice(0, 140)}"`);

const coverage = seriesCoverage(gold, deaths);
console.log(`\n/deaths series: ${deaths.series.length} points; cumulative gold death figures in the series: ${coverage.found}/${coverage.expected}`);
for (const missing of coverage.missing) console.log(`  - not in series: ${missing.value} (${missing.qualifier}) ~${missing.as_of}`);
console.log(`incident counts wrongly in the series: ${coverage.incidentsInSeries.length}`);
for (const wrong of coverage.incidentsInSeries) console.log(`  - ${wrong}`);
