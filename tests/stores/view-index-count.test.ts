// The count of a story's index rows each store keeps (SQLite migration 11, Postgres 7): moved by saveViewRows in the
// transaction that writes the index, read by viewPage for a page no filter narrows (the plain /timeline), filled by
// the migration from the rows an install already holds. Real SQLite files and real Postgres databases.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import type { Store, ViewRowWrite } from '../../src/stores/store.ts';
import { databasesForThisFile, withClient } from '../support/postgres.ts';

interface Kind {
  name: string;
  /** Where a fresh store keeps its data: a SQLite file, a Postgres database's URL. */
  place(): Promise<string>;
  open(place: string): Promise<Store>;
  /** Runs statements on the data from outside the store. */
  exec(place: string, sql: string): Promise<void>;
  /** One number read from the data from outside the store (null: no row). */
  number(place: string, sql: string): Promise<number | null>;
  /** Takes the data back to the schema before the counts, as an install upgraded only that far holds it. */
  beforeCounts: string;
}

const freshDatabase = databasesForThisFile();
const kinds: Kind[] = [
  {
    name: 'SqliteStore',
    place: async () => join(mkdtempSync(join(tmpdir(), 'cronista-index-count-')), 'cronista.db'),
    open: async (file) => new SqliteStore(file),
    exec: async (file, sql) => {
      const db = new Database(file);
      db.exec(sql);
      db.close();
    },
    number: async (file, sql) => {
      const db = new Database(file, { readonly: true });
      const row = db.prepare<[], { n: number }>(sql).get();
      db.close();
      return row ? Number(row.n) : null;
    },
    beforeCounts: 'DROP TABLE view_index_counts; PRAGMA user_version = 10;',
  },
  {
    name: 'PostgresStore',
    place: () => freshDatabase(),
    open: (url) => PostgresStore.open(url),
    exec: (url, sql) => withClient(url, async (client) => void (await client.query(sql))),
    number: (url, sql) => withClient(url, async (client) => {
      const { rows } = await client.query<{ n: string }>(sql);
      return rows[0] ? Number(rows[0].n) : null;
    }),
    beforeCounts: 'DROP TABLE view_index_counts; DELETE FROM schema_migrations WHERE version = 7;',
  },
];

const key = (i: number) => `g:2023-01-09|${String(i).padStart(5, '0')}`;
/** Row `i` with an index entry (`version` changes what the entry holds, so a save of it again replaces it). */
const indexed = (i: number, version = 1): ViewRowWrite => ({
  key: key(i),
  value: JSON.stringify({ i, version }),
  index: { sort: `2023-01-09 ${String((i * 7919 + version) % 10_000).padStart(5, '0')}|${i}`, firstDay: '2023-01-09', lastDay: '2023-01-09', places: ['puno'], words: `event ${i} v${version}` },
});
const unindexed = (i: number): ViewRowWrite => ({ key: key(i), value: JSON.stringify({ i, unindexed: true }) });
const deleted = (i: number): ViewRowWrite => ({ key: key(i), value: null });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

for (const kind of kinds) {
  describe(`view index counts: ${kind.name}`, () => {
    const stored = (place: string, story = 'peru') => kind.number(place, `SELECT n FROM view_index_counts WHERE view = 'timeline' AND story = '${story}'`);
    const counted = (place: string, story = 'peru') => kind.number(place, `SELECT count(*) AS n FROM view_index WHERE view = 'timeline' AND story = '${story}'`);

    /** The stored count, the rows counted and both totals viewPage gives (no filter: the stored count; a filter every row passes: counted). */
    async function assertCount(store: Store, place: string, expected: number, step: string): Promise<void> {
      const whole = await store.viewPage('timeline', 'peru', {}, { offset: 0, limit: 10 });
      const filtered = await store.viewPage('timeline', 'peru', { from: '0000' }, { offset: 0, limit: 10 });
      const past = await store.viewPage('timeline', 'peru', {}, { offset: 1_000_000, limit: 10 });
      assert.deepEqual(
        { stored: (await stored(place)) ?? 0, counted: await counted(place), total: whole.total, filtered: filtered.total, past: past.total },
        { stored: expected, counted: expected, total: expected, filtered: expected, past: expected },
        step,
      );
    }

    test('saveViewRows keeps the count exact: rows added, replaced, unindexed, deleted, and a reset of the view', async () => {
      const place = await kind.place();
      const store = await kind.open(place);
      try {
        await assertCount(store, place, 0, 'an empty view');
        await store.saveViewRows('timeline', 'peru', [...range(0, 300).map((i) => indexed(i)), { key: 'u:2023-01|09', value: '{}' }], []);
        await assertCount(store, place, 300, 'added; a row without an index is not counted');
        await store.saveViewRows('timeline', 'peru', [...range(200, 350).map((i) => indexed(i, 2))], []);
        await assertCount(store, place, 350, '100 replaced are not new, 50 are');
        await store.saveViewRows('timeline', 'peru', [
          ...range(0, 60).map(unindexed),
          ...range(100, 120).map(deleted),
          ...range(5_000, 5_010).map(deleted),
          ...range(6_000, 6_005).map(unindexed),
        ], []);
        await assertCount(store, place, 270, 'saved without an index or deleted: only rows that had an entry leave the count');
        await store.saveViewRows('timeline', 'peru', [...range(0, 10).map((i) => indexed(i, 3)), ...range(100, 105).map(deleted), ...range(6_000, 6_002).map((i) => indexed(i))], []);
        await assertCount(store, place, 282, 'indexed again, deleted twice');
        // more rows than Postgres writes in one statement (ROWS_PER_STATEMENT), old and new mixed in every part
        await store.saveViewRows('timeline', 'peru', range(0, 4_500).map((i) => (i % 3 === 2 ? deleted(i) : indexed(i, 4))), []);
        await assertCount(store, place, 3_002, 'one save of thousands (and the two indexed again above)');
        await store.saveViewRows('timeline', 'other', range(0, 40).map((i) => indexed(i)), []);
        await store.saveViewRows('deaths', 'peru', [{ key: '2023-01-09', value: '{"n":3}' }], []);
        await assertCount(store, place, 3_002, 'another story, another view');
        assert.equal(await stored(place, 'other'), 40);

        // A reset, as the timeline view does it (timeline-view.ts `recompute`): every key stale, the rows computed
        // again, the keys no longer produced deleted.
        const previous = (await store.viewRows('timeline', 'peru')).rows.map((row) => row.key);
        await store.resetView('timeline', 'peru', 'rules-2');
        const rebuilt = range(2_000, 2_700).map((i) => indexed(i, 5));
        const written = new Set(rebuilt.map((row) => row.key));
        await store.saveViewRows('timeline', 'peru', [...rebuilt, ...previous.filter((k) => !written.has(k)).map((k) => ({ key: k, value: null }))], await store.staleViewKeys('timeline', 'peru', 100));
        await assertCount(store, place, 700, 'after a reset');
        await store.saveViewRows('timeline', 'peru', rebuilt.map((row) => deleted(Number(row.key.slice(-5)))), []);
        await assertCount(store, place, 0, 'every row deleted');
      } finally {
        await store.close();
      }
    });

    test('writers of one story at once (separate connections) leave the count exact', async () => {
      const place = await kind.place();
      const stores = [await kind.open(place), await kind.open(place), await kind.open(place)];
      try {
        // Each writer saves overlapping keys: new, replaced, unindexed, or (a save of its own) deleted. (A save that both
        // deletes and writes rows can deadlock with another — retried, but a second or more each: not what this tests.)
        let seed = 7; // (xorshift32: the same writes every run)
        const random = (n: number) => {
          seed ^= seed << 13;
          seed ^= seed >>> 17;
          seed ^= seed << 5;
          return (seed >>> 0) % n;
        };
        const save = (): ViewRowWrite[] => {
          const deleting = random(10) < 3;
          return range(0, 1 + random(deleting ? 600 : 2_500)).map(() => {
            const i = random(3_000);
            return deleting ? deleted(i) : random(4) === 0 ? unindexed(i) : indexed(i, random(4));
          });
        };
        const saves = stores.map(() => Array.from({ length: 8 }, () => [...new Map(save().map((row) => [row.key, row])).values()]));
        await Promise.all(stores.map(async (store, writer) => {
          for (const rows of saves[writer]!) await store.saveViewRows('timeline', 'peru', rows, []);
        }));
        const expected = (await counted(place))!;
        assert.ok(expected > 100, `${expected} index rows left`);
        await assertCount(stores[0]!, place, expected, 'after writers at once');
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    test('viewPage reads the kept count for a page no filter narrows, and counts the rows for any filter', async () => {
      const place = await kind.place();
      const store = await kind.open(place);
      try {
        await store.saveViewRows('timeline', 'peru', range(0, 30).map((i) => indexed(i)), []);
        await kind.exec(place, "UPDATE view_index_counts SET n = 12345 WHERE view = 'timeline' AND story = 'peru'");
        assert.equal((await store.viewPage('timeline', 'peru', {}, { offset: 0, limit: 10 })).total, 12_345);
        assert.equal((await store.viewPage('timeline', 'peru', {}, { offset: 0, limit: null })).total, 12_345, 'a whole selection too');
        assert.equal((await store.viewPage('timeline', 'peru', { words: [''] }, { offset: 0, limit: 10 })).total, 12_345, 'an empty word narrows nothing');
        assert.equal((await store.viewPage('timeline', 'peru', { from: '2023-01-01' }, { offset: 0, limit: 10 })).total, 30);
        assert.equal((await store.viewPage('timeline', 'peru', { words: ['event'] }, { offset: 0, limit: 10 })).total, 30);
        assert.equal((await store.viewPage('timeline', 'peru', { place: 'puno' }, { offset: 0, limit: 10 })).total, 30);
        assert.equal((await store.viewPage('timeline', 'nowhere', {}, { offset: 0, limit: 10 })).total, 0, 'a story without index rows');
      } finally {
        await store.close();
      }
    });

    test('an install upgraded from before the counts has them filled from the index rows it holds', async () => {
      const place = await kind.place();
      let store = await kind.open(place);
      await store.saveViewRows('timeline', 'peru', [...range(0, 250).map((i) => indexed(i)), ...range(250, 260).map(unindexed)], []);
      await store.saveViewRows('timeline', 'other', range(0, 7).map((i) => indexed(i)), []);
      await store.saveViewRows('timeline', 'bare', range(0, 3).map(unindexed), []);
      await store.close();
      await kind.exec(place, kind.beforeCounts);

      store = await kind.open(place);
      try {
        assert.equal(await stored(place), 250);
        assert.equal(await stored(place, 'other'), 7);
        assert.equal(await stored(place, 'bare'), null, 'no index rows, no count');
        await assertCount(store, place, 250, 'after the upgrade');
        await store.saveViewRows('timeline', 'peru', [...range(0, 5).map(deleted), ...range(250, 255).map((i) => indexed(i))], []);
        await assertCount(store, place, 250, 'kept from there on');
      } finally {
        await store.close();
      }
    });
  });
}
