// The /timeline view against the full merge on random writes, on SQLite and PostgreSQL (so both stores' triggers are
// exercised): events of every precision crowded around month and year ends (where merged events cross months, and
// year-precision events look at their whole year), documents stored, re-extracted, emptied and copied by another
// source, in a seeded random order. After every write the view equals mergeEvents over every event of the story, and at
// the end a rebuild from nothing writes the same rows.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ExtractedEvent, Precision, Story } from '../../src/facts/types.ts';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import type { Store } from '../../src/stores/store.ts';
import { filterEvents, mergeEvents } from '../../src/timeline/events.ts';
import { eventsBySource } from '../../src/timeline/from-store.ts';
import { refreshTimelineView, timelineFromView, timelineViewPage } from '../../src/timeline/timeline-view.ts';
import { seededRandom } from '../fixtures/seeded-random.ts';
import { draft, uniqueArticle } from '../support/drafts.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const AT = new Date('2024-03-01T12:00:00Z');
const STORY = { id: 'peru' } as Story;
/** Days at both ends of every month from September 2022 to June 2023, and a few in between. */
const DAYS = ['2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'].flatMap((month) => {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
  return [1, 2, 15, last - 1, last].map((day) => `${month}-${String(day).padStart(2, '0')}`);
});
const PRECISIONS: Precision[] = ['day', 'day', 'day', 'week', 'month', 'year'];
const SUBJECTS = ['protesters were killed', 'police arrested leaders', 'a state of emergency was declared', 'protesters blocked the highway', 'the president was removed', 'a curfew began'];
const PLACES = ['Juliaca', 'Puno', 'Lima', 'Cusco'];
const ACTORS = ['police', 'Congress', 'Boluarte'];

function randomEvents(random: () => number): ExtractedEvent[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const place = random() < 0.7 ? [pick(PLACES)] : [];
    const text = `${pick(SUBJECTS)} in ${place[0] ?? 'the south'}${random() < 0.5 ? ` ${pick(['overnight', 'again', 'near the airport', 'at dawn'])}` : ''}`;
    return { date: pick(DAYS), precision: pick(PRECISIONS), text, places: place, actors: random() < 0.5 ? [pick(ACTORS)] : [], quote: text };
  });
}

async function assertMatches(store: Store, when: string): Promise<void> {
  const full = mergeEvents(eventsBySource(await store.listEvents({ story: STORY.id })));
  assert.deepEqual(await timelineFromView(store, STORY), full, when);
  // Pages read in SQL: ties (same day, precision and number of sources) come in founder order, as in the full merge.
  for (const filter of [{}, { place: 'puno' }, { query: 'killed', from: '2023-01-31' }, { to: '2023-02-28', query: 'The South' }]) {
    const selected = filterEvents(full, filter);
    for (const offset of [0, 5]) {
      const page = await timelineViewPage(store, STORY, filter, { offset, limit: 5 });
      assert.deepEqual(page, { events: selected.slice(offset, offset + 5), total: selected.length }, `${when}: ${JSON.stringify(filter)} from ${offset}`);
    }
  }
}

async function randomWrites(store: Store, seed: number): Promise<number> {
  const random = seededRandom(seed);
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss', title: 'Paper' });
  const documents: { id: number; text: string }[] = [];
  let merged = 0;
  for (let step = 0; step < 150; step++) {
    const roll = random();
    if (roll < 0.6 || documents.length < 3) {
      const text = uniqueArticle(seed * 1000 + step);
      const story = random() < 0.9 ? 'peru' : 'other';
      const stored = await ingestDraft(store, wire.id, draft(`item-${step}`, text), AT, () => ({ story, figures: [], events: randomEvents(random) }));
      documents.push({ id: stored.documentId!, text });
    } else {
      const document = documents[Math.floor(random() * documents.length)]!;
      if (roll < 0.8) await store.replaceFacts(document.id, 'peru', { figures: [], events: randomEvents(random) }, AT);
      else if (roll < 0.85) await store.replaceFacts(document.id, 'peru', { figures: [], events: [] }, AT);
      else if (roll < 0.97) await ingestDraft(store, paper.id, draft(`copy-${step}`, document.text), AT);
      else await store.setSourceTitle(paper.id, `Paper ${step}`);
    }
    await assertMatches(store, `seed ${seed}, step ${step}`);
  }
  await assertMatches(store, `seed ${seed}, the end`);
  const incremental = (await store.viewRows('timeline', STORY.id)).rows;
  await refreshTimelineView(store, STORY, { reset: true });
  assert.deepEqual((await store.viewRows('timeline', STORY.id)).rows, incremental, `seed ${seed}: a rebuild writes the same rows`);
  for (const event of mergeEvents(eventsBySource(await store.listEvents({ story: STORY.id })))) if (new Set(event.sources.map((s) => s.documentId)).size > 1) merged++;
  return merged;
}

test('a change at one end of a chain of daily events regroups it months away (the replay grows until nothing changes)', async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-timeline-chain-')), 'cronista.db'));
  try {
    const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
    const daily = (date: string): ExtractedEvent => ({ date, precision: 'day', text: 'protesters blocked the highway in Juliaca', places: ['Juliaca'], actors: ['police'], quote: date });
    const days = Array.from({ length: 33 }, (_, index) => new Date(Date.UTC(2023, 0, 30 + index)).toISOString().slice(0, 10)); // Jan 30 – Mar 3
    for (const [index, day] of days.entries()) {
      await ingestDraft(store, wire.id, draft(`day-${index}`, uniqueArticle(500 + index)), AT, () => ({ story: 'peru', figures: [], events: [daily(day)] }));
    }
    await assertMatches(store, 'the chain');
    assert.equal((await timelineFromView(store, STORY)).length, 1, 'one event, reported every day');
    // An earlier report founds the group now: every unit of the chain, up to March, joins another group.
    const earlier = await ingestDraft(store, wire.id, draft('earlier', uniqueArticle(600)), AT, () => ({ story: 'peru', figures: [], events: [daily('2023-01-29')] }));
    await assertMatches(store, 'an earlier report');
    await store.replaceFacts(earlier.documentId!, 'peru', { figures: [], events: [] }, AT);
    await assertMatches(store, 'the earlier report withdrawn');
  } finally {
    await store.close();
  }
});

const freshDatabase = databasesForThisFile();

for (const seed of [1, 2, 3]) {
  test(`random writes keep the timeline view equal to a full merge (SQLite, seed ${seed})`, async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-timeline-random-')), 'cronista.db'));
    try {
      assert.ok((await randomWrites(store, seed)) > 3, 'events of several documents were merged');
    } finally {
      await store.close();
    }
  });
}

test('random writes keep the timeline view equal to a full merge (PostgreSQL)', async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    assert.ok((await randomWrites(store, 4)) > 3, 'events of several documents were merged');
  } finally {
    await store.close();
  }
});
