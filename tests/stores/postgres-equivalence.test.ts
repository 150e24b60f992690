// The same Cronista on either store: the sample and the news set ingested through the pipeline into SQLite (openApp)
// and into PostgreSQL (the same AppContext with a PostgresStore) give the same documents, copies, facts, learned
// order, /deaths (the stored view and a full build), /timeline events, and the search hits SQLite finds (for queries
// matching fewer documents than Postgres ranks).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { deathsJson, deathsQuery } from '../../src/answers/deaths.ts';
import { timelineEvents, timelineQuery } from '../../src/answers/timeline.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { searchCandidates } from '../../src/stores/shared/search-candidates.ts';
import { createTestDatabase } from '../support/postgres.ts';

const news = join(import.meta.dirname, '../fixtures/news');
const seeds = join(import.meta.dirname, '../fixtures/seeds');
const reports = readdirSync(news, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => readdirSync(join(news, entry.name)).filter((file) => /\.(txt|html)$/.test(file)).map((file) => join(news, entry.name, file)))
  .sort();

/** Facts without their row ids (SQLite reuses a deleted row's id, Postgres sequences do not). */
const withoutIds = <T extends { id: number }>(rows: T[]) => rows.map((row) => ({ ...row, id: 0 }));

test('the sample and the news set give the same stored data and answers on SQLite and PostgreSQL', async (t) => {
  const sqliteApp = openApp(join(mkdtempSync(join(tmpdir(), 'cronista-equivalence-')), 'data'), { llm: null });
  const database = await createTestDatabase();
  const postgres = await PostgresStore.open(database.url);
  const postgresApp: AppContext = { ...sqliteApp, store: postgres };
  try {
    for (const app of [sqliteApp, postgresApp]) {
      const started = performance.now();
      await ingestTargets(app, [seeds]);
      await ingestTargets(app, reports);
      t.diagnostic(`${app.store.constructor.name}: ingested in ${Math.round(performance.now() - started)} ms`);
    }
    const [a, b] = [sqliteApp.store, postgres];
    assert.equal(await b.countDocuments(), await a.countDocuments());
    assert.ok((await a.countDocuments()) > 50);
    assert.deepEqual(await b.learnedSequence().then((l) => l.sequence), await a.learnedSequence().then((l) => l.sequence));
    const upTo = (await a.learnedSequence()).sequence;
    const learned = async (app: AppContext) =>
      (await app.store.documentsLearnedAfter(0, upTo)).map((d) => ({ ...d, createdAt: '', copies: d.copies.map((c) => ({ ...c, ingestedAt: '' })) }));
    assert.deepEqual(await learned(postgresApp), await learned(sqliteApp), 'documents, texts and copies in learned order');
    assert.deepEqual(
      (await b.listSources()).map((s) => [s.id, s.documents]),
      (await a.listSources()).map((s) => [s.id, s.documents]),
    );
    assert.deepEqual(withoutIds(await b.listFigures()), withoutIds(await a.listFigures()), 'figures');
    assert.deepEqual(withoutIds(await b.listEvents()), withoutIds(await a.listEvents()), 'events');

    for (const story of sqliteApp.stories) {
      const deaths = async (app: AppContext) => deathsJson(app, deathsQuery(app, { story: story.id }));
      assert.deepEqual(await deaths(postgresApp), await deaths(sqliteApp), `/deaths ${story.id}`);
      for (const { name } of story.regions.slice(0, 3)) {
        const regional = async (app: AppContext) => deathsJson(app, deathsQuery(app, { story: story.id, region: name }));
        assert.deepEqual(await regional(postgresApp), await regional(sqliteApp), `/deaths ${story.id} region:${name}`);
      }
      const timeline = async (app: AppContext) => timelineEvents(app, timelineQuery(app, { story: story.id }));
      assert.deepEqual(await timeline(postgresApp), await timeline(sqliteApp), `/timeline ${story.id}`);
    }

    // Both stores rank the searchCandidates(limit) most recent matches (src/stores/shared/search-candidates.ts): they
    // agree on the hits of a query matching no more documents than that, which these do.
    for (const query of ['Juliaca', 'Puno protesters', 'muertos', 'Santiago', 'curfew']) {
      const found = new Set((await b.searchDocuments(query, 500)).map((hit) => hit.documentId));
      const expected = (await a.searchDocuments(query, 500)).map((hit) => hit.documentId);
      assert.ok(expected.length > 0 || query === 'curfew', `SQLite finds "${query}"`);
      assert.ok(expected.length < searchCandidates(500), `"${query}" matches fewer documents than Postgres ranks`);
      assert.deepEqual(expected.filter((id) => !found.has(id)), [], `Postgres finds what SQLite finds for "${query}"`);
    }
  } finally {
    await sqliteApp.store.close();
    await postgres.close();
    await database.drop();
  }
});
