import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { contentHash } from '../../src/documents/dedup.ts';
import type { DocumentDraft } from '../../src/documents/types.ts';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { factQuotesStatement } from '../../src/stores/sqlite/queries.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import { deathFigure, event, uniqueArticle } from '../support/drafts.ts';

const ARTICLE = [
  'Peruvian security forces fired on protesters blocking the airport in the southern city of Juliaca on Monday, and the regional health office said seventeen people were killed.',
  'The clashes were the deadliest since the ouster of President Pedro Castillo last month, and human rights groups called for an independent investigation into the use of force.',
  'Protesters are demanding the resignation of President Dina Boluarte, the closure of Congress and early elections, and many have travelled to Lima to press their demands.',
  'The government declared a curfew in the Puno region, while the prime minister blamed foreign interests and drug traffickers for the violence without providing evidence.',
].join('\n\n');

function draft(key: string, text: string, extra: Partial<DocumentDraft> = {}): DocumentDraft {
  return { key, url: `https://news.example/${key}`, title: key, published: null, text, language: 'en', contentHash: contentHash(text), ...extra };
}

function freshStore(): SqliteStore {
  return new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-store-')), 'cronista.db'));
}

test('the same item from the same source again adds nothing', async () => {
  const store = freshStore();
  const source = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  assert.equal((await ingestDraft(store, source.id, draft('a', ARTICLE), new Date())).status, 'added');
  assert.equal((await ingestDraft(store, source.id, draft('a', ARTICLE), new Date())).status, 'duplicate');
  assert.equal(await store.countDocuments(), 1);
  await store.close();
});

test('the same text from another outlet becomes one document with two sources', async () => {
  const store = freshStore();
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/feed' });
  const first = await ingestDraft(store, wire.id, draft('wire-1', ARTICLE, { published: '2023-01-10T08:00:00Z' }), new Date());
  // Republished with a changed final sentence and different quote marks: a near duplicate.
  const edited = ARTICLE.replace('without providing evidence.', 'without providing any evidence, local media reported.');
  const second = await ingestDraft(store, paper.id, draft('paper-9', edited, { published: '2023-01-09T22:00:00Z' }), new Date());
  assert.equal(second.status, 'merged');
  assert.equal(second.documentId, first.documentId);
  const copies = await store.copiesOf(first.documentId);
  assert.deepEqual(copies.map((copy) => copy.sourceId).sort(), [paper.id, wire.id].sort());
  assert.equal((await store.getDocument(first.documentId))?.published, '2023-01-09T22:00:00Z', 'earliest publication wins');
  assert.equal((await store.getSource(wire.id))?.documents, 1);
  await store.close();
});

test('wire copy inside a longer page joins the wire document, and the fuller text is kept', async () => {
  const store = freshStore();
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const blog = await store.ensureSource({ kind: 'page', url: 'https://blog.example/peru' });
  const short = await ingestDraft(store, wire.id, draft('w', ARTICLE), new Date());
  const longer = `${ARTICLE}\n\nOur correspondent adds that funerals for the victims were held in Juliaca on Tuesday as thousands marched through the streets of the city demanding justice for the dead.`;
  const merged = await ingestDraft(store, blog.id, draft('b', longer), new Date());
  assert.equal(merged.status, 'merged');
  assert.equal(merged.documentId, short.documentId);
  assert.match((await store.getDocument(short.documentId))!.text, /funerals for the victims/);
  await store.close();
});

test('different stories that share a boilerplate sentence stay apart', async () => {
  const store = freshStore();
  const source = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const banner = 'Sign up for our daily email digest before it is too late so you do not miss the news.';
  const other = 'Congress voted down a proposal to bring forward general elections to 2023, with just 53 legislators in support of the initiative after five hours of debate in Lima on Thursday.';
  await ingestDraft(store, source.id, draft('x', `${ARTICLE}\n\n${banner}`), new Date());
  const outcome = await ingestDraft(store, source.id, draft('y', `${other}\n\n${banner}`), new Date());
  assert.equal(outcome.status, 'added');
  assert.equal(await store.countDocuments(), 2);
  await store.close();
});

test('a failing write leaves no half-written document', async () => {
  const store = freshStore();
  const source = await store.ensureSource({ kind: 'file', url: 'file:///tmp/a.txt' });
  await assert.rejects(ingestDraft(store, 'no-such-source', draft('k', ARTICLE), new Date()));
  assert.equal(await store.countDocuments(), 0, 'the document insert was rolled back with the failed copy');
  assert.equal((await ingestDraft(store, source.id, draft('k', ARTICLE), new Date())).status, 'added');
  await store.close();
});

test('settings persist in the same file through keyv', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-kv-'));
  const store = new SqliteStore(join(dir, 'cronista.db'));
  await store.kv.set('cursor:console', { copyId: 42 });
  await store.kv.set('short-lived', 'x', 1);
  await store.close();
  const reopened = new SqliteStore(join(dir, 'cronista.db'));
  assert.deepEqual(await reopened.kv.get('cursor:console'), { copyId: 42 });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(await reopened.kv.get('short-lived'), undefined);
  await reopened.close();
});

test('source health: failures are recorded and a success clears the count', async () => {
  const store = freshStore();
  const source = await store.ensureSource({ kind: 'feed', url: 'https://down.example/rss' });
  await store.recordFailure(source.id, new Date('2024-01-01T00:00:00Z'), 'HTTP 503 Service Unavailable');
  let record = await store.getSource(source.id);
  assert.equal(record?.failures, 1);
  assert.equal(record?.lastError, 'HTTP 503 Service Unavailable');
  await store.recordSuccess(source.id, new Date('2024-01-01T00:10:00Z'), { etag: '"v2"' });
  record = await store.getSource(source.id);
  assert.equal(record?.failures, 0);
  assert.equal(record?.etag, '"v2"');
  assert.equal(record?.lastSuccess, '2024-01-01T00:10:00.000Z');
  await store.close();
});

test('a republished version with a new number is a document of its own, so its figure is not lost', async () => {
  const store = freshStore();
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const original = ARTICLE.replace('seventeen people were killed', '17 people were killed');
  const first = await ingestDraft(store, wire.id, draft('v1', original), new Date());
  const updated = ARTICLE.replace('seventeen people were killed', '19 people were killed');
  const second = await ingestDraft(store, wire.id, draft('v2', updated), new Date());
  assert.equal(second.status, 'added');
  assert.notEqual(second.documentId, first.documentId);
});

test('a data directory whose facts predate their learned sequence opens with it filled in, read through an index', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-store-'));
  const file = join(dir, 'cronista.db');
  let store = new SqliteStore(file);
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const figure = (value: number) => ({ ...deathFigure(value, '2023-01-09'), quote: `${value} people were killed` });
  const factsOf = (value: number) => () => ({ story: 'peru', figures: [figure(value)], events: [event('2023-01-09', `Clashes ${value}`)] });
  const first = await ingestDraft(store, wire.id, draft('a', uniqueArticle(1)), new Date(), factsOf(17));
  const cursor = (await store.learnedSequence()).sequence;
  await ingestDraft(store, wire.id, draft('b', uniqueArticle(2)), new Date(), factsOf(18));
  await store.close();

  // As a store written before schema 4 and upgraded to 8 holds them: facts without a learned sequence, no index on it
  // (and none of what later migrations add).
  const db = new Database(file);
  db.exec(`UPDATE figures SET learned = NULL; UPDATE events SET learned = NULL;
           DROP INDEX figures_learned; DROP INDEX events_learned;
           DROP INDEX figures_day_learned; DROP INDEX events_day_learned; CREATE INDEX events_story ON events (story, date);
           DROP TABLE view_index_counts;
           PRAGMA user_version = 8;`);
  db.close();

  store = new SqliteStore(file);
  assert.deepEqual((await store.listFigures({ story: 'peru', unknownAt: cursor })).map((f) => f.value), [18]);
  assert.deepEqual((await store.listFigures({ story: 'peru', learnedUpTo: cursor })).map((f) => f.value), [17]);
  assert.deepEqual((await store.listEvents({ story: 'peru', unknownAt: cursor })).map((e) => e.text), ['Clashes 18']);
  const firstCopy = (await store.copiesOf(first.documentId!))[0]!.id;
  assert.deepEqual((await store.listFigures({ story: 'peru', learnedUpTo: cursor })).map((f) => f.learned), [firstCopy]);
  await store.close();

  const check = new Database(file, { readonly: true });
  const plan = (table: string) =>
    (check.prepare(`EXPLAIN QUERY PLAN SELECT * FROM ${table} WHERE story = 'peru' AND learned > ${cursor}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
  assert.match(plan('figures'), /USING INDEX figures_learned/, 'a digest window reads the facts learned after its cursor, not every fact of the story');
  assert.match(plan('events'), /USING INDEX events_learned/);
  check.close();
});

test("a digest's known quotes are read day by day through an index, not ranked over every fact of their months", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-store-'));
  const store = new SqliteStore(join(dir, 'cronista.db'));
  const db = new Database(join(dir, 'cronista.db'), { readonly: true });
  const plan = (table: 'figures' | 'events', filter: Parameters<typeof factQuotesStatement>[1]) => {
    const { sql, params } = factQuotesStatement(table, filter, { perDate: 20 });
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('; ');
  };
  // What a digest asks (src/answers/digest/known.ts): the event dates of the months around its new events, the as-of
  // days of its new figures; each known at its cursor.
  const events = plan('events', { story: 'peru', months: ['2023-01', '2023-02'], learnedUpTo: 20, knownAt: 10 });
  assert.match(events, /SEARCH y USING (COVERING )?INDEX events_day_learned \(story=\? AND date=\?/, events);
  assert.match(events, /SEARCH y USING (COVERING )?INDEX events_day_learned \(story=\? AND date>\?\)/, 'the days, one seek each');
  const figures = plan('figures', { story: 'peru', dates: ['2023-01-09', '2023-01-10'], learnedUpTo: 20, knownAt: 10 });
  assert.match(figures, /SEARCH y USING (COVERING )?INDEX figures_day_learned \(as_of=\? AND story=\?/, figures);
  // (and the index never takes a query it does not serve: /deaths' incidents are read through figures_scope)
  const incidents = (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM figures WHERE story = 'peru' AND kind IN ('deaths') AND scope IN ('incident') ORDER BY as_of, id`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
  assert.match(incidents, /USING INDEX figures_scope/, incidents);
  assert.doesNotMatch(`${events}; ${figures}`, /SCAN (x|y)\b/, 'no fact table is read whole');
  db.close();
  return store.close();
});
