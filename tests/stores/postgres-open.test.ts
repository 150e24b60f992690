// Opening a PostgresStore: one-line errors that never show a password, the schema applied once by processes starting
// together, and a clear refusal of a database written by a newer Cronista.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { migrations, PER_ROW_MARKERS } from '../../src/stores/postgres/migrations.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { databasesForThisFile, withClient } from '../support/postgres.ts';

const freshDatabase = databasesForThisFile();

test('a server that cannot be reached: one line, with the URL but no password or query string', async () => {
  const error = await PostgresStore.open('postgres://root:s3cret-pw@127.0.0.1:1/cronista?sslmode=disable&password=other').then(
    () => assert.fail('opened'),
    (failure: unknown) => failure as Error,
  );
  assert.equal(error.name, 'CronistaError');
  assert.match(error.message, /^postgres:\/\/root@127\.0\.0\.1:1\/cronista: cannot connect: \S/);
  assert.doesNotMatch(error.message, /s3cret|other|sslmode|\n/);
});

test('a store constructed synchronously works once ready, and every method waits for it', async () => {
  const store = new PostgresStore(await freshDatabase());
  try {
    assert.equal(await store.countDocuments(), 0);
    assert.equal(store.description.includes('cronista_test_'), true);
  } finally {
    await store.close();
  }
});

test('processes starting together apply the schema once; a newer schema is refused', async () => {
  const url = await freshDatabase();
  const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url)));
  await Promise.all(stores.map((store) => store.close()));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((row) => row.version), migrations.map((_, index) => index + 1));
    await client.query('INSERT INTO schema_migrations (version) VALUES (99)');
  } finally {
    await client.end();
  }
  await assert.rejects(PostgresStore.open(url), (error: Error) => {
    assert.match(error.message, new RegExp(`: the database was written by a newer Cronista \\(schema 99, this one knows ${migrations.length}\\)$`));
    return true;
  });
});

test('a bulk copy turns off every row trigger that fires after an insert, and knows what each did', async () => {
  // `cronista db copy` disables PER_ROW_MARKERS and marks everything changed once; a row trigger added by a later
  // migration must be added there (or the copy would skip its work) — this test names it.
  const url = await freshDatabase();
  await (await PostgresStore.open(url)).close();
  // tgtype bits: 1 row-level, 2 before, 4 insert, 64 instead of.
  const { rows } = await withClient(url, (client) =>
    client.query<{ table: string; trigger: string }>(
      `SELECT c.relname AS table, t.tgname AS trigger FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgtype & 1 = 1 AND t.tgtype & 66 = 0 AND t.tgtype & 4 = 4 ORDER BY 1, 2`,
    ),
  );
  const listed = Object.entries(PER_ROW_MARKERS).flatMap(([table, triggers]) => triggers.map((trigger) => ({ table, trigger })));
  const key = (row: { table: string; trigger: string }) => `${row.table}.${row.trigger}`;
  assert.deepEqual(rows.map(key).sort(), listed.map(key).sort());
});

test('a bulk rewrite of a view is followed by an analysis of the view tables, so pages are read through the sort index', async () => {
  // (the server here runs without autovacuum: with no statistics the planner sorted every index row of a story for a page)
  const url = await freshDatabase();
  const store = await PostgresStore.open(url);
  try {
    await withClient(url, async (client) => {
      const analyzed = async () =>
        (await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_user_tables WHERE relname IN ('view_rows', 'view_index') AND last_analyze IS NOT NULL")).rows[0]!.n;
      const rows = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => {
          const key = `g:${String(from + i).padStart(6, '0')}`;
          return { key, value: '{}', index: { sort: key, firstDay: '2023-01-01', lastDay: '2023-01-01', places: [], words: 'juliaca' } };
        });
      await store.saveViewRows('timeline', 'peru', rows(0, 100), []);
      assert.equal(await analyzed(), '0', 'a small write leaves the statistics to autovacuum');
      for (let from = 100; from < 60_000; from += 10_000) await store.saveViewRows('timeline', 'peru', rows(from, 10_000), []);
      assert.equal(await analyzed(), '2');
      const plan = (await client.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN SELECT key FROM view_index WHERE view = 'timeline' AND story = 'peru' ORDER BY sort, key LIMIT 12",
      )).rows.map((row) => row['QUERY PLAN']).join('\n');
      assert.match(plan, /Index (?:Only )?Scan using view_index_sort/);
    });
  } finally {
    await store.close();
  }
});
