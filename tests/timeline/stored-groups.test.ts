// Where a digest's new events stand in the stored timeline (src/timeline/stored-groups.ts) is read from the day rows of
// the units it asks about, not from whole months (at 100,000 documents a month's units are ~3 MB of JSON), and rows
// written before the day rows (one row per month, groups without a member count) still give the same answer, until a
// refresh that writes their month replaces them with day rows.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateFeed } from '../../bench/generate.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import type { Story } from '../../src/facts/types.ts';
import type { Store, StoredEventRecord } from '../../src/stores/store.ts';
import { mergeEvents } from '../../src/timeline/events.ts';
import { eventsBySource } from '../../src/timeline/from-store.ts';
import { storedGroupsOf } from '../../src/timeline/stored-groups.ts';
import { dayKeyOf, joinParts, unitsOf } from '../../src/timeline/timeline-rows.ts';
import { refreshTimelineView, timelineFromView } from '../../src/timeline/timeline-view.ts';

const TOTAL = 400;

/** A store that records the keys of the `u:` rows its reads returned. */
function recording(store: Store): { store: Store; unitRows: string[] } {
  const unitRows: string[] = [];
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'viewRows') return Reflect.get(target, name, receiver) as unknown;
      return async (...args: Parameters<Store['viewRows']>) => {
        const read = await target.viewRows(...args);
        unitRows.push(...read.rows.map((row) => row.key).filter((key) => key.startsWith('u:')));
        return read;
      };
    },
  });
  return { store: wrapped, unitRows };
}

/** The latest `count` documents' events of the story: what a digest over them asks about. */
async function latestEvents(app: AppContext, story: Story, count: number): Promise<StoredEventRecord[]> {
  const events = await app.store.listEvents({ story: story.id });
  const documents = [...new Set(events.map((event) => event.documentId))].sort((a, b) => b - a).slice(0, count);
  return events.filter((event) => documents.includes(event.documentId));
}

/** Groups as plain data: founder, the units asked about, whether others are in them; and what could not be placed. */
async function groupsOf(store: Store, story: Story, records: readonly StoredEventRecord[]) {
  const found = await storedGroupsOf(store, story, records);
  return { groups: found.groups.map((group) => ({ founder: group.founder, units: group.units.map((unit) => unit.id), holdsOthers: group.holdsOthers })), unplaced: found.unplaced.map((event) => event.id) };
}

async function generatedStore(): Promise<{ app: AppContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-stored-groups-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  for (const from of [0, 100, 200, 300]) {
    const file = join(dir, `feed-${from}.xml`);
    writeFileSync(file, generateFeed(from, from + 100, TOTAL));
    await ingestTargets(app, [file]);
  }
  await refreshTimelineView(app.store, app.stories[0]!);
  return { app, dir };
}

test('a digest reads the day rows of the units it asks about, not their whole months', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-stored-groups-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  const story = app.stories.find((candidate) => candidate.id === 'kenya-2024')!;
  try {
    await ingestTargets(app, [join(import.meta.dirname, '../fixtures/news/kenya-2024')]);
    const events = await app.store.listEvents({ story: story.id });
    // The largest group of several reports' events: its founder's event asked alone is in a group holding others.
    const everything = await storedGroupsOf(app.store, story, events);
    const eventsIn = (group: (typeof everything.groups)[number]) => [...new Set(group.units.map((unit) => unit.record))];
    const shared = everything.groups.reduce((best, group) => (eventsIn(group).length > eventsIn(best).length ? group : best));
    assert.ok(eventsIn(shared).length >= 3, `a group of several events (${eventsIn(shared).length})`);
    const founderEvent = events.find((event) => unitsOf([event]).some((unit) => unit.id === shared.founder))!;
    const others = events.filter((event) => !eventsIn(shared).includes(event)).slice(0, 6);
    const all = (await app.store.viewRows('timeline', story.id)).rows.filter((row) => row.key.startsWith('u:'));
    for (const [asked, holdsOthers] of [
      [[founderEvent, ...others], true],
      [[...eventsIn(shared), ...others], false],
    ] as const) {
      const { store, unitRows } = recording(app.store);
      const found = await groupsOf(store, story, asked);
      assert.equal(found.groups.find((group) => group.founder === shared.founder)?.holdsOthers, holdsOthers, `the group holds events not asked about: ${holdsOthers}`);
      const own = new Set(unitsOf(asked).map((unit) => dayKeyOf(unit.id)));
      assert.deepEqual(unitRows.filter((key) => !own.has(key)), [], 'only the day rows of the units asked about');
      assert.ok(unitRows.length < all.length / 2, `read ${unitRows.length} of ${all.length} unit rows`);
    }
  } finally {
    await app.store.close();
  }
});

test('whole-month rows written before the day rows give the same groups, and give way to day rows when their month is written', async () => {
  const { app, dir } = await generatedStore();
  const story = app.stories[0]!;
  try {
    const asked = await latestEvents(app, story, 30);
    const expected = await groupsOf(app.store, story, asked);
    // The rows as the previous version wrote them: one per month, founders without a member count.
    const parts = (await app.store.viewRows('timeline', story.id, { from: 'u:', to: 'u:~' })).rows;
    const months = [...new Set(parts.map((row) => row.key.slice(2, 9)))];
    const whole = months.map((month) => {
      const row = joinParts(parts.filter((part) => part.key.slice(2, 9) === month).map((part) => part.value));
      for (const entry of Object.values(row.f)) delete entry.n;
      return { key: `u:${month}`, value: JSON.stringify(row) };
    });
    await app.store.saveViewRows('timeline', story.id, [...parts.map((row) => ({ key: row.key, value: null })), ...whole], []);
    assert.deepEqual(await groupsOf(app.store, story, asked), expected, 'the same groups from whole-month rows');

    // More documents: the months they touch are written again, as day rows; the view still equals a full merge.
    const file = join(dir, 'feed-more.xml');
    writeFileSync(file, generateFeed(TOTAL, TOTAL + 50, TOTAL));
    await ingestTargets(app, [file]);
    assert.deepEqual(await timelineFromView(app.store, story), mergeEvents(eventsBySource(await app.store.listEvents({ story: story.id }))));
    const keys = (await app.store.viewRows('timeline', story.id, { from: 'u:', to: 'u:~' })).rows.map((row) => row.key);
    const rewritten = months.filter((month) => !keys.includes(`u:${month}`));
    assert.ok(rewritten.length > 0 && rewritten.length < months.length, `some months rewritten (${rewritten.join(', ')} of ${months.length})`);
    for (const month of rewritten) assert.ok(keys.some((key) => key.startsWith(`u:${month}|`)), `${month} as day rows`);
    const now = await groupsOf(app.store, story, await latestEvents(app, story, 30));
    await refreshTimelineView(app.store, story, { reset: true });
    assert.deepEqual(now, await groupsOf(app.store, story, await latestEvents(app, story, 30)), 'mixed rows place the new events as a rebuild does');
  } finally {
    await app.store.close();
  }
});

test('a day row read again is the one stored now: parsed rows kept from an earlier read never stand in for a changed row', async () => {
  const { app } = await generatedStore();
  const story = app.stories[0]!;
  try {
    const asked = await latestEvents(app, story, 30);
    const before = await groupsOf(app.store, story, asked);
    // One asked unit's day row rewritten so that the unit founds a group no entry describes: its event cannot be placed.
    const unit = unitsOf(asked).find((candidate) => before.groups.some((group) => group.founder !== candidate.id && group.units.includes(candidate.id)))!;
    const key = dayKeyOf(unit.id);
    const stored = (await app.store.viewRows('timeline', story.id, { keys: [key] })).rows[0]!.value;
    const changed = JSON.parse(stored) as { a: Record<string, string> };
    changed.a[unit.id] = '=';
    await app.store.saveViewRows('timeline', story.id, [{ key, value: JSON.stringify(changed) }], []);
    const after = await groupsOf(app.store, story, asked);
    assert.ok(after.unplaced.includes(unit.record.id), 'the changed row is read, not the one parsed before');
    await app.store.saveViewRows('timeline', story.id, [{ key, value: stored }], []);
    assert.deepEqual(await groupsOf(app.store, story, asked), before, 'and the row as it was, again');
  } finally {
    await app.store.close();
  }
});
