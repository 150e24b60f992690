// A digest tells new events from new reports of known ones by the stored timeline's groups (the view's `u:` rows,
// src/answers/digest/events.ts); before the view it merged every event of the months around the new ones in memory.
// Both ways give the same digest on the sample, the news set's nine crises and generated feeds, for several cursors
// (whole digests).
//
// Where they legitimately differ, and the view is the right one:
// - The merge sees only the months next to the new events, the view the whole timeline (/timeline's groups). Events
//   near the edge of those months can group otherwise: a year-precision event looks at its whole year, and a known one
//   that joins a far month's group in the whole timeline may join a new event's group in the months read, which then
//   is not announced although /timeline shows it alone. Random writes crowded around month ends (every precision) show
//   it within a few dozen steps; there the event part from the view is checked against a merge of every event instead.
// - A window that ends before the latest copy (a burst larger than one digest, or copies stored while it is built):
//   the view holds the later events too, and the merge only those learned up to the window's end; the later ones can
//   change how the greedy merge groups the window's own. From the view an entry names only the window's reports, and
//   each group of new units is announced exactly once, by the first digest holding one of them: the two digests of a
//   split window announce as many events as one over both (checked everywhere below). The merge promises neither.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateFeed } from '../../bench/generate.ts';
import { buildDigest } from '../../src/answers/digest/build.ts';
import { digestEvents, eventEntry } from '../../src/answers/digest/events.ts';
import { knownAt } from '../../src/answers/digest/figure-changes.ts';
import { createDigestSummarizer } from '../../src/answers/summary/index.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import type { ExtractedEvent, Precision, Story } from '../../src/facts/types.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import type { Store } from '../../src/stores/store.ts';
import { mergeEvents } from '../../src/timeline/events.ts';
import { eventsBySource } from '../../src/timeline/from-store.ts';
import { seededRandom } from '../fixtures/seeded-random.ts';
import { draft, uniqueArticle } from '../support/drafts.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const news = join(import.meta.dirname, '../fixtures/news');
const seeds = join(import.meta.dirname, '../fixtures/seeds');
const reports = readdirSync(news, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => readdirSync(join(news, entry.name)).filter((file) => /\.(txt|html)$/.test(file)).map((file) => join(news, entry.name, file)));
const summarize = createDigestSummarizer({ llm: null });

/** Cursors spread over the learned sequence: nothing known, a third, two thirds, all but the last copy. */
function cursorsOf(sequence: number): number[] {
  return [...new Set([0, Math.floor(sequence / 3), Math.floor((2 * sequence) / 3), sequence - 1])].filter((cursor) => cursor >= 0);
}

const eventsIn = (digest: { entries: { kind: string }[] }) => digest.entries.filter((entry) => entry.kind === 'event').length;

/**
 * The stories holding an event or a figure: another story's digest is empty both ways, and building it still reads
 * every new report (a third of this file's time on 43 stories, so it is skipped).
 */
async function storiesWithFacts(app: AppContext): Promise<Story[]> {
  const held = await Promise.all(
    app.stories.map(async (story) => (await app.store.listEvents({ story: story.id })).length > 0 || (await app.store.listFigures({ story: story.id })).length > 0),
  );
  return app.stories.filter((_, index) => held[index]);
}

/**
 * Every story's digest at every cursor, built from the stored timeline and by the in-memory merge: the same. Then the
 * window split after `split` copies: its two digests announce as many events as the whole. Returns how many event
 * entries the whole digests held (so a test knows it compared something).
 */
async function assertDigestsAgree(app: AppContext, when: string, options: { split?: number; stories?: readonly Story[] } = {}): Promise<number> {
  const { sequence } = await app.store.learnedSequence();
  const split = options.split ?? 20;
  let events = 0;
  for (const story of options.stories ?? (await storiesWithFacts(app))) {
    for (const cursor of cursorsOf(sequence)) {
      const request = { destination: 'compare', story, cursor: { sequence: cursor, at: null }, summarize, maxEvents: Infinity };
      const fromTimeline = await buildDigest(app.store, request);
      assert.deepEqual(fromTimeline, await buildDigest(app.store, { ...request, events: 'merge' }), `${when}: ${story.id} from ${cursor}`);
      events += eventsIn(fromTimeline);
      const first = await buildDigest(app.store, { ...request, maxCopies: split });
      const rest = await buildDigest(app.store, { ...request, cursor: { sequence: first.toSequence, at: null } });
      assert.equal(eventsIn(first) + eventsIn(rest), eventsIn(fromTimeline), `${when}: ${story.id} from ${cursor}, split after ${split} copies`);
    }
  }
  return events;
}

test('digests from the stored timeline equal the in-memory merge on the sample and the news set', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-digest-events-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    await ingestTargets(app, [seeds]);
    assert.ok((await assertDigestsAgree(app, 'the sample')) > 0, 'the sample has new events to compare');
    const half = Math.floor(reports.length / 2);
    await ingestTargets(app, reports.slice(half));
    // (every story is compared once, half of them at each point: comparing all 43 at both took most of CI's time)
    const firstHalf = (await storiesWithFacts(app)).filter((_, index) => index % 2 === 0);
    await assertDigestsAgree(app, 'half the news set', { stories: firstHalf });
    await ingestTargets(app, reports.slice(0, half));
    const events = await assertDigestsAgree(app, 'the whole news set', { stories: (await storiesWithFacts(app)).filter((story) => !firstHalf.includes(story)) });
    assert.ok(events > 50, `event entries to compare (${events})`);
  } finally {
    await app.store.close();
  }
});

test('digests from the stored timeline equal the in-memory merge on generated feeds ingested out of order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-digest-events-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  const total = 400;
  try {
    let events = 0;
    for (const from of [200, 0, 300, 100]) {
      const file = join(dir, `feed-${from}.xml`);
      writeFileSync(file, generateFeed(from, from + 100, total));
      await ingestTargets(app, [file]);
      // The generated articles are about Peru.
      if (from === 0 || from === 100) events += await assertDigestsAgree(app, `generated feed ${from}`, { split: 50, stories: app.stories.filter((story) => story.id === 'peru-crisis') });
    }
    assert.ok(events > 100, `event entries to compare (${events})`);
  } finally {
    await app.store.close();
  }
});

const STORY = { id: 'peru' } as Story;
const AT = new Date('2024-03-01T12:00:00Z');
/** Days at both ends of every month from October 2022 to May 2023, where merged events cross months. */
const DAYS = ['2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05'].flatMap((month) => {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
  return [1, 2, 15, last - 1, last].map((day) => `${month}-${String(day).padStart(2, '0')}`);
});
const PRECISIONS: Precision[] = ['day', 'day', 'day', 'week', 'month', 'year'];
const SUBJECTS = ['protesters were killed', 'police arrested leaders', 'a state of emergency was declared', 'protesters blocked the highway', 'a curfew began'];
const PLACES = ['Juliaca', 'Puno', 'Lima'];

function randomEvents(random: () => number): ExtractedEvent[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const place = random() < 0.7 ? [pick(PLACES)] : [];
    const text = `${pick(SUBJECTS)} in ${place[0] ?? 'the south'}${random() < 0.5 ? ' again' : ''}`;
    return { date: pick(DAYS), precision: pick(PRECISIONS), text, places: place, actors: random() < 0.4 ? ['police'] : [], quote: `${text} (${random()})` };
  });
}

/** The event entries a digest from `cursor` over every stored event should have: the whole timeline's groups of new units. */
async function newEventsOfWholeTimeline(store: Store, cursor: number) {
  const all = await store.listEvents({ story: STORY.id });
  const known = new Map(all.map((event) => [event.documentId, knownAt(event, cursor)]));
  return mergeEvents(eventsBySource(all))
    .filter((event) => event.sources.every((source) => known.get(source.documentId) === false))
    .map(eventEntry);
}

interface Compared {
  entries: number;
  digests: number;
  /** Digests whose entries the merge of the months around gave otherwise. */
  mergeDiffers: number;
}

/**
 * The event part of the digests at every cursor: from the view, the whole timeline's new events (the merge of the
 * months around them may differ, see above: counted). Then the window split after 5 copies: its two parts announce as
 * many events as the whole.
 */
async function assertEventPartsAgree(store: Store, when: string): Promise<Compared> {
  const { sequence } = await store.learnedSequence();
  const window = async (cursor: number, upTo: number) => ({ story: STORY, cursor, upTo, unknown: await store.listEvents({ story: STORY.id, unknownAt: cursor }) });
  const compared: Compared = { entries: 0, digests: 0, mergeDiffers: 0 };
  for (const cursor of cursorsOf(sequence)) {
    const whole = await window(cursor, sequence);
    const fromTimeline = await digestEvents(store, whole, 'timeline');
    assert.deepEqual(fromTimeline.entries, await newEventsOfWholeTimeline(store, cursor), `${when}: from ${cursor}`);
    const byMerge = await digestEvents(store, whole, 'merge');
    assert.deepEqual(fromTimeline.knownQuotes, byMerge.knownQuotes, `${when}: from ${cursor}, known quotes`);
    if (JSON.stringify(byMerge.entries) !== JSON.stringify(fromTimeline.entries)) compared.mergeDiffers++;
    compared.entries += fromTimeline.entries.length;
    compared.digests++;
    const split = Math.min(sequence, cursor + 5);
    const first = await digestEvents(store, await window(cursor, split), 'timeline');
    const rest = await digestEvents(store, await window(split, sequence), 'timeline');
    assert.equal(first.entries.length + rest.entries.length, fromTimeline.entries.length, `${when}: from ${cursor}, split at ${split}`);
  }
  return compared;
}

/** Documents stored, re-extracted (their events learned again), emptied and copied, in a seeded random order. */
async function randomWrites(store: Store, seed: number): Promise<Compared> {
  const random = seededRandom(seed);
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
  const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss', title: 'Paper' });
  const documents: { id: number; text: string }[] = [];
  const compared: Compared = { entries: 0, digests: 0, mergeDiffers: 0 };
  for (let step = 0; step < 120; step++) {
    const roll = random();
    if (roll < 0.65 || documents.length < 3) {
      const text = uniqueArticle(seed * 1000 + step);
      const stored = await ingestDraft(store, wire.id, draft(`item-${step}`, text), AT, () => ({ story: 'peru', figures: [], events: randomEvents(random) }));
      documents.push({ id: stored.documentId!, text });
    } else {
      const document = documents[Math.floor(random() * documents.length)]!;
      if (roll < 0.8) await store.replaceFacts(document.id, 'peru', { figures: [], events: randomEvents(random) }, AT);
      else if (roll < 0.85) await store.replaceFacts(document.id, 'peru', { figures: [], events: [] }, AT);
      else await ingestDraft(store, paper.id, draft(`copy-${step}`, document.text), AT);
    }
    if (step % 10 === 9) {
      const now = await assertEventPartsAgree(store, `seed ${seed}, step ${step}`);
      for (const key of ['entries', 'digests', 'mergeDiffers'] as const) compared[key] += now[key];
    }
  }
  return compared;
}

const freshDatabase = databasesForThisFile();

for (const seed of [1, 2]) {
  test(`the event part from the stored timeline equals the whole timeline's new events on random writes (SQLite, seed ${seed})`, async (t) => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-digest-events-random-')), 'cronista.db'));
    try {
      const compared = await randomWrites(store, seed);
      assert.ok(compared.entries > 20, 'new events to compare');
      t.diagnostic(`the merge of the months around gave other entries in ${compared.mergeDiffers} of ${compared.digests} digests`);
    } finally {
      await store.close();
    }
  });
}

test('the event part from the stored timeline equals the whole timeline\'s new events on random writes (PostgreSQL)', async (t) => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    const compared = await randomWrites(store, 3);
    assert.ok(compared.entries > 20, 'new events to compare');
    t.diagnostic(`the merge of the months around gave other entries in ${compared.mergeDiffers} of ${compared.digests} digests`);
  } finally {
    await store.close();
  }
});
