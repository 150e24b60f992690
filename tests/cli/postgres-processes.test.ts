/**
 * Four `cronista ingest` processes writing one PostgreSQL database at once: 2,000 items, a quarter of each feed's items
 * also carried by another feed (the same text from another source: one document with two copies). Every item is stored
 * once, and a digest reader taking learned-order cursors while the writes go on announces every document exactly once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { rss } from '../fixtures/feed-server.ts';
import { uniqueArticle } from '../support/drafts.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { freshDataDir, runCli } from './helpers.ts';

const PROCESSES = 4;
const ITEMS = 2000;
const OWN = ITEMS / PROCESSES;
/** Of each feed's items, this many are the next feed's first ones (25% of what it carries). */
const SHARED = Math.round(OWN / 3);

function item(index: number) {
  return { title: `Item ${index}`, link: `https://wire.example/items/${index}`, date: new Date(Date.UTC(2024, 0, 1, 0, index)).toISOString(), text: uniqueArticle(index) };
}

test('four processes ingesting 2,000 overlapping items into one database: each item once, each document announced once', async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const dir = mkdtempSync(join(tmpdir(), 'cronista-feeds-'));
  const feeds = Array.from({ length: PROCESSES }, (_, p) => {
    const own = Array.from({ length: OWN }, (_, i) => item(p * OWN + i));
    const next = Array.from({ length: SHARED }, (_, i) => item((((p + 1) % PROCESSES) * OWN + i)));
    const path = join(dir, `feed-${p}.xml`);
    writeFileSync(path, rss(`Outlet ${p}`, [...own, ...next]));
    return path;
  });

  const env = { CRONISTA_DATABASE_URL: database.url, CRONISTA_LOG_LEVEL: 'warn' };
  // The schema is made before the processes race to it (each would wait on the migration lock otherwise; fine too).
  const reader = await PostgresStore.open(database.url);
  t.after(() => reader.close());
  let writing = true;
  const ingests = Promise.all(feeds.map((feed) => runCli(['ingest', feed], { data: freshDataDir(), env }))).finally(() => (writing = false));

  // A digest's view: windows of at most 50 copies after the cursor; a document is news in the window of its first copy.
  const announced = new Map<number, number>();
  let cursor = 0;
  let windowsDuringWrites = 0;
  for (;;) {
    const done = !writing;
    const window = await reader.sequenceWindow(cursor, 50);
    if (window.sequence > cursor) {
      for (const document of await reader.documentsLearnedAfter(cursor, window.sequence)) {
        if (document.firstLearned > cursor) announced.set(document.id, (announced.get(document.id) ?? 0) + 1);
      }
      cursor = window.sequence;
      if (!done) windowsDuringWrites++;
    } else if (done) break;
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const results = await ingests;
  for (const result of results) assert.equal(result.code, 0, result.stderr);

  assert.equal(await reader.countDocuments(), ITEMS);
  assert.equal((await reader.learnedSequence()).sequence, ITEMS + PROCESSES * SHARED, 'one copy per feed item');
  assert.equal(announced.size, ITEMS, 'every document announced');
  const twice = [...announced].filter(([, times]) => times !== 1);
  assert.deepEqual(twice, [], 'no document announced twice');
  assert.ok(windowsDuringWrites > PROCESSES, `digests ran while the writes went on (${windowsDuringWrites} windows)`);
});
