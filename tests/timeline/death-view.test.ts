// The /deaths view kept in the store (src/timeline/death-view.ts) always equals a full build from every stored death
// figure: after ingests, re-extractions, a copy merged into another document, an edited channel post and a change of
// the story's settings, on the sample and on the news set's nine crises.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { factsOf } from '../../src/facts/extract.ts';
import type { Story } from '../../src/facts/types.ts';
import type { Store } from '../../src/stores/store.ts';
import { ingestTargets, storeItems, toDraft } from '../../src/pipeline/ingest.ts';
import { updateDraft } from '../../src/pipeline/store-draft.ts';
import { deathsFromView, deathsWith, deathsWithEach, refreshDeathView } from '../../src/timeline/death-view.ts';
import { buildDeathsData } from '../../src/timeline/deaths.ts';
import { figuresBySource } from '../../src/timeline/from-store.ts';

const news = join(import.meta.dirname, '../fixtures/news');
const seeds = join(import.meta.dirname, '../fixtures/seeds');
const reports = readdirSync(news, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => readdirSync(join(news, entry.name)).filter((file) => /\.(txt|html)$/.test(file)).map((file) => join(news, entry.name, file)));

async function assertViewsMatch(app: AppContext, when: string, stories: readonly Story[] = app.stories): Promise<number> {
  let points = 0;
  for (const story of stories) {
    const full = buildDeathsData(figuresBySource(await app.store.listFigures({ story: story.id, kinds: ['deaths'] })), { story });
    const view = await deathsFromView(app.store, story);
    assert.deepEqual(view, full, `${when}: ${story.id}`);
    points += view.series.length;
  }
  return points;
}

test('the stored /deaths view equals a full build after every kind of write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-death-view-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    await ingestTargets(app, [seeds]);
    await assertViewsMatch(app, 'the sample');

    const half = Math.floor(reports.length / 2);
    await ingestTargets(app, reports.slice(0, half));
    await assertViewsMatch(app, 'half the news set');
    await ingestTargets(app, reports.slice(half));
    const points = await assertViewsMatch(app, 'the whole news set');
    assert.ok(points > 50, `the stories have a toll to compare (${points} points)`);
    // /deaths region:X reads the region's figures only: the same ones as picking them out of all.
    let regional = 0;
    for (const story of app.stories) {
      const all = await app.store.listFigures({ story: story.id, kinds: ['deaths'] });
      for (const { name } of story.regions) {
        const expected = all.filter((figure) => figure.region === name || figure.byRegion?.some((part) => part.region === name));
        assert.deepEqual(await app.store.listFigures({ story: story.id, kinds: ['deaths'], region: name }), expected, `${story.id} ${name}`);
        regional += expected.length;
      }
    }
    assert.ok(regional > 0, 'some figures are about a region');

    // A re-extraction: one document's death figures change (a rule change would do this).
    const [changed] = await app.store.listFigures({ kinds: ['deaths'], scopes: ['cumulative'] });
    assert.ok(changed);
    const figures = (await app.store.listFigures({})).filter((figure) => figure.documentId === changed.documentId);
    const events = (await app.store.listEvents({})).filter((event) => event.documentId === changed.documentId);
    await app.store.replaceFacts(changed.documentId, changed.story, { figures: figures.map((figure) => ({ ...figure, value: figure.value + 1000 })), events }, new Date());
    await assertViewsMatch(app, 'after a re-extraction');

    // The same report from another source is a copy of the stored document: its figures gain a source.
    const copy = join(dir, 'copy-of-report.txt');
    copyFileSync(reports.find((file) => file.endsWith('02-ap-death-toll-15.txt'))!, copy);
    const [merged] = await ingestTargets(app, [copy]);
    assert.equal(merged?.merged, 1, 'stored as a copy');
    await assertViewsMatch(app, 'after a merged copy');

    // A channel post, then its edit with another toll.
    const channel = await app.store.ensureSource({ kind: 'telegram', url: 'https://t.me/s/deathviewtest' });
    const post = { key: 'post-1', url: 'https://t.me/deathviewtest/1', title: null, published: '2019-10-25T12:00:00Z', outlet: null, text: 'SANTIAGO — At least 19 people have died in the protests in Chile so far, the government said on Friday.' };
    await storeItems(app, channel.id, [post]);
    await assertViewsMatch(app, 'after a channel post');
    const edited = await updateDraft(app.store, channel.id, toDraft({ ...post, text: post.text.replace('19', '23') }), new Date(), (draft) => factsOf(draft, app.stories));
    assert.equal(edited.status, 'updated');
    await assertViewsMatch(app, 'after an edited post');

    // The operator names another official source: every point is recomputed under the new settings.
    const story = app.stories.find((candidate) => candidate.id === changed.story) ?? app.stories[0]!;
    const renamed = { ...story, officialSources: [...story.officialSources, 'the government'] };
    await assertViewsMatch(app, 'after a story edit', [renamed]);
    // Nothing stale is left: a second refresh recomputes nothing.
    assert.equal(await refreshDeathView(app.store, renamed), 0);
  } finally {
    await app.store.close();
  }
});

test('a digest\'s toll before its cursor, from the stored view and the days it touched, equals a build from what was known', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-death-view-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    await ingestTargets(app, reports);
    const { sequence } = await app.store.learnedSequence();
    for (const cursor of [Math.floor(sequence / 3), Math.floor((2 * sequence) / 3), sequence - 1]) {
      for (const story of app.stories) {
        const known = (figure: { learned: number; seeded?: boolean }) => figure.seeded === true || figure.learned <= cursor;
        const all = await app.store.listFigures({ story: story.id, kinds: ['deaths'] });
        const days = [...new Set(all.filter((figure) => !known(figure) && figure.asOf).map((figure) => figure.asOf!))];
        const before = await deathsWith(app.store, story, days, known);
        const full = buildDeathsData(figuresBySource(all.filter(known)), { story });
        assert.deepEqual({ ...before, by_region: full.by_region }, full, `${story.id} at ${cursor}`);
      }
    }
  } finally {
    await app.store.close();
  }
});

/** The store, with a count of the calls of each method (every call goes to the store itself). */
function counting(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}

test('a digest\'s toll before and after, from one read of the stored points, equal two separate builds and a build from the figures', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-death-view-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    await ingestTargets(app, reports);
    const { sequence } = await app.store.learnedSequence();
    let compared = 0;
    for (const [cursor, upTo] of [[Math.floor(sequence / 3), Math.floor((2 * sequence) / 3)], [Math.floor(sequence / 2), sequence - 1], [0, Math.floor(sequence / 4)]] as const) {
      for (const story of app.stories) {
        const all = await app.store.listFigures({ story: story.id, kinds: ['deaths'] });
        const learnedBy = (figure: { learned: number }) => figure.learned <= upTo;
        const known = (figure: { learned: number; seeded?: boolean }) => learnedBy(figure) && (figure.seeded === true || figure.learned <= cursor);
        const daysOf = (selected: typeof all) => [...new Set(selected.filter((figure) => figure.asOf).map((figure) => figure.asOf!))];
        const selections = [
          { changedDays: daysOf(all.filter((figure) => !learnedBy(figure))), kept: learnedBy },
          { changedDays: daysOf(all.filter((figure) => !known(figure))), kept: known },
        ] as const;
        const { store, calls } = counting(app.store);
        const [after, before] = await deathsWithEach(store, story, selections);
        assert.equal(calls.get('viewRows'), 1, `${story.id}: the stored points are read once for both`);
        assert.ok((calls.get('listFigures') ?? 0) <= 2, `${story.id}: the changed days' figures and the incidents, once each`);
        for (const [name, data, selection] of [['after', after, selections[0]], ['before', before, selections[1]]] as const) {
          const full = buildDeathsData(figuresBySource(all.filter(selection.kept)), { story });
          assert.deepEqual({ ...data, by_region: full.by_region }, full, `${story.id} ${name} at ${cursor}..${upTo}`);
          assert.deepEqual(data, await deathsWith(app.store, story, selection.changedDays, selection.kept), `${story.id} ${name}: as a call of its own`);
        }
        if (before.series.length !== after.series.length || before.incidents.length !== after.incidents.length) compared++;
      }
    }
    assert.ok(compared > 0, 'some windows change a toll or its incidents');
  } finally {
    await app.store.close();
  }
});
