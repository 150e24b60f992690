// The /timeline view kept in the store (src/timeline/timeline-view.ts) always equals a full merge of every stored event
// of the story (mergeEvents): after ingests, re-extractions, a copy merged into another document, an edited channel post,
// a renamed source and a rebuild, on the sample, the news set's nine crises and generated feeds ingested out of order;
// a date range read from the view equals the full merge filtered to it; the rows an incremental refresh leaves are the
// rows a rebuild from nothing writes; a page read in SQL (dates, place, words, offset and limit) equals the full merge
// filtered and sliced.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateFeed } from '../../bench/generate.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { factsOf } from '../../src/facts/extract.ts';
import { ingestTargets, storeItems, toDraft } from '../../src/pipeline/ingest.ts';
import { updateDraft } from '../../src/pipeline/store-draft.ts';
import { filterEvents, mergeEvents } from '../../src/timeline/events.ts';
import { eventsBySource } from '../../src/timeline/from-store.ts';
import { refreshTimelineView, timelineFromView, timelineViewPage } from '../../src/timeline/timeline-view.ts';

const news = join(import.meta.dirname, '../fixtures/news');
const seeds = join(import.meta.dirname, '../fixtures/seeds');
const reports = readdirSync(news, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => readdirSync(join(news, entry.name)).filter((file) => /\.(txt|html)$/.test(file)).map((file) => join(news, entry.name, file)));

/** Date ranges checked against the full merge filtered to them (within a month, across months and years, open ends). */
const RANGES = [
  { from: '2023-01-09', to: '2023-01-09' },
  { from: '2022-12-20', to: '2023-01-15' },
  { from: '2023-01', to: '2023-02-31' },
  { from: '2019-10-01', to: '2019-12-31' },
  { from: '2023-02-01' },
  { to: '2022-12-31' },
  { from: '2000-01-01', to: '2030-12-31' },
];

/** Place and word filters read in SQL, checked against `filterEvents` of the full merge (accents, case, parts of words). */
const FILTERS = [
  { place: 'Juliaca' },
  { place: 'JULIACA', query: 'killed' },
  { query: 'Protesters' },
  { query: 'policía' },
  { query: 'muertos Puno' },
  { from: '2023-01', to: '2023-01-31', place: 'juliaca', query: 'prote' },
  { place: 'Santiago' },
  { query: 'no such words anywhere' },
];

async function assertViewMatches(app: AppContext, when: string): Promise<number> {
  let events = 0;
  for (const story of app.stories) {
    const full = mergeEvents(eventsBySource(await app.store.listEvents({ story: story.id })));
    const view = await timelineFromView(app.store, story);
    assert.deepEqual(view, full, `${when}: ${story.id}`);
    for (const range of RANGES) {
      assert.deepEqual(filterEvents(await timelineFromView(app.store, story, range), range), filterEvents(full, range), `${when}: ${story.id} ${JSON.stringify(range)}`);
    }
    for (const filter of [{}, ...RANGES, ...FILTERS]) {
      const selected = filterEvents(full, filter);
      const page = await timelineViewPage(app.store, story, filter, { offset: 0, limit: null });
      assert.deepEqual(page, { events: selected, total: selected.length }, `${when}: page of ${story.id} ${JSON.stringify(filter)}`);
      const second = await timelineViewPage(app.store, story, filter, { offset: 12, limit: 12 });
      assert.deepEqual(second, { events: selected.slice(12, 24), total: selected.length }, `${when}: second page of ${story.id} ${JSON.stringify(filter)}`);
    }
    events += view.length;
  }
  return events;
}

/** Every row of every story's timeline view. */
async function viewRows(app: AppContext) {
  return Promise.all(app.stories.map(async (story) => (await app.store.viewRows('timeline', story.id)).rows));
}

async function assertRebuildChangesNothing(app: AppContext, when: string): Promise<void> {
  for (const story of app.stories) await refreshTimelineView(app.store, story);
  const incremental = await viewRows(app);
  for (const story of app.stories) await refreshTimelineView(app.store, story, { reset: true });
  const rebuilt = await viewRows(app);
  // Only the rows that differ, so that a failure stays readable.
  const differ = (a: typeof rebuilt, b: typeof rebuilt) => a.flatMap((rows, i) => rows.filter((row) => !b[i]!.some((other) => other.key === row.key && other.value === row.value)).map((row) => row.key));
  assert.deepEqual({ missing: differ(incremental, rebuilt), extra: differ(rebuilt, incremental) }, { missing: [], extra: [] }, `${when}: the rows a rebuild writes`);
}

test('the stored /timeline view equals a full merge after every kind of write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-timeline-view-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    await ingestTargets(app, [seeds]);
    await assertViewMatches(app, 'the sample');

    const half = Math.floor(reports.length / 2);
    await ingestTargets(app, reports.slice(half));
    await assertViewMatches(app, 'half the news set');
    await ingestTargets(app, reports.slice(0, half));
    const events = await assertViewMatches(app, 'the whole news set');
    assert.ok(events > 50, `the stories have events to compare (${events})`);
    await assertRebuildChangesNothing(app, 'the whole news set');

    // A re-extraction: one document's events move (a rule change would do this); another's go.
    const all = await app.store.listEvents({});
    const moved = all.find((event) => event.story && event.precision === 'day')!;
    const kept = all.filter((event) => event.documentId === moved.documentId);
    const figures = (await app.store.listFigures({})).filter((figure) => figure.documentId === moved.documentId);
    await app.store.replaceFacts(moved.documentId, moved.story, { figures, events: kept.map((event) => ({ ...event, date: event.date.replace(/-\d\d$/, '-28') })) }, new Date());
    const gone = all.find((event) => event.story && event.documentId !== moved.documentId)!;
    await app.store.replaceFacts(gone.documentId, gone.story, { figures: [], events: [] }, new Date());
    await assertViewMatches(app, 'after re-extractions');

    // The same report from another source is a copy of the stored document: its events gain a source.
    const copy = join(dir, 'copy-of-report.txt');
    copyFileSync(reports.find((file) => file.endsWith('02-ap-death-toll-15.txt'))!, copy);
    const [merged] = await ingestTargets(app, [copy]);
    assert.equal(merged?.merged, 1, 'stored as a copy');
    await assertViewMatches(app, 'after a merged copy');

    // A channel post, then its edit with another date.
    const channel = await app.store.ensureSource({ kind: 'telegram', url: 'https://t.me/s/timelineviewtest' });
    const post = { key: 'post-1', url: 'https://t.me/timelineviewtest/1', title: null, published: '2019-10-25T12:00:00Z', outlet: null, text: 'SANTIAGO — Protesters clashed with police in Santiago on Friday, October 25, and the government declared a curfew.' };
    await storeItems(app, channel.id, [post]);
    await assertViewMatches(app, 'after a channel post');
    const edited = await updateDraft(app.store, channel.id, toDraft({ ...post, text: post.text.replace('October 25', 'October 31') }), new Date(), (draft) => factsOf(draft, app.stories));
    assert.equal(edited.status, 'updated');
    await assertViewMatches(app, 'after an edited post');

    // A source named later: its events are shown under the new name.
    await app.store.setSourceTitle(channel.id, 'Santiago channel');
    await assertViewMatches(app, 'after a source title');
    await assertRebuildChangesNothing(app, 'at the end');
    // Nothing stale is left: a second refresh recomputes nothing.
    for (const story of app.stories) assert.equal(await refreshTimelineView(app.store, story), 0);
  } finally {
    await app.store.close();
  }
});

test('the stored /timeline view equals a full merge of generated feeds ingested out of order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-timeline-view-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  const total = 400;
  const feed = (from: number) => {
    const file = join(dir, `feed-${from}.xml`);
    writeFileSync(file, generateFeed(from, from + 100, total));
    return file;
  };
  try {
    let events = 0;
    for (const from of [200, 0, 300, 100]) {
      await ingestTargets(app, [feed(from)]);
      events = await assertViewMatches(app, `generated feed ${from}`);
    }
    assert.ok(events > 200, `merged events to compare (${events})`);
    await assertRebuildChangesNothing(app, 'generated feeds');
  } finally {
    await app.store.close();
  }
});
