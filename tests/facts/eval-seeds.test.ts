import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { listFacts } from '../../src/answers/facts-list.ts';
import { openApp } from '../../src/app.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { evaluate, type Gold } from '../../scripts/evaluation.ts';
import { seriesCoverage, type DeathsJson } from '../../scripts/series-coverage.ts';

const seeds = join(import.meta.dirname, '../fixtures/seeds');

// Keeps the extraction level on the hand-annotated sample from regressing (npm run eval prints the detail).
test('figures on the seed pages: exact-match F1 ≥ 0.9, the whole toll series, no non-casualty number', async () => {
  const app = openApp(mkdtempSync(join(tmpdir(), 'cronista-eval-')), { llm: null });
  await ingestTargets(app, [seeds]);
  const gold = JSON.parse(readFileSync(join(seeds, 'seeds-gold.json'), 'utf8')) as Gold;
  const result = evaluate(gold, (await listFacts(app.store)).figures);
  const deaths = (await new Dispatcher(app, commands).dispatch({ name: 'deaths', options: {}, caller: { platform: 'console', userId: 't', chatId: 't', isAdmin: false } })).json as DeathsJson;
  const coverage = seriesCoverage(gold, deaths);
  await app.store.close();

  assert.ok(result.overall.f1 >= 0.9, `F1 ${result.overall.f1.toFixed(3)}; misses ${JSON.stringify(result.misses.map((m) => m.quote))}`);
  assert.deepEqual(result.nonCasualties, []);
  assert.equal(coverage.found, coverage.expected, `missing from the series: ${JSON.stringify(coverage.missing)}`);
  assert.deepEqual(coverage.incidentsInSeries, []);
  assert.equal(deaths.incidents.find((incident) => incident.location === 'Juliaca')?.as_of, '2023-01-09');
});
