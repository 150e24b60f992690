/**
 * Cronista on a PostgreSQL server, as an operator runs it: CRONISTA_DATABASE_URL selects the server, every command
 * works as on SQLite, `cronista db copy` moves an SQLite install over, and a wrong URL or an unreachable server is
 * one clear line that never shows the password. Each test runs in a database of its own on the local server.
 */
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir, runCli, seeds } from './helpers.ts';
import { createTestDatabase, withClient } from '../support/postgres.ts';

test('the same sample gives the same /deaths and /search answers on PostgreSQL as on SQLite', async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const onSqlite = freshDataDir();
  const onPostgres = freshDataDir();
  const env = { CRONISTA_DATABASE_URL: database.url };
  assert.equal((await runCli(['ingest', seeds], { data: onSqlite })).code, 0);
  const ingested = await runCli(['ingest', seeds], { data: onPostgres, env });
  assert.equal(ingested.code, 0, ingested.stderr);
  for (const line of ['/deaths', '/timeline from:2023-01-01 to:2023-01-31']) {
    const sqlite = await runCli(['ask', line, '--json'], { data: onSqlite });
    const postgres = await runCli(['ask', line, '--json'], { data: onPostgres, env });
    assert.equal(postgres.code, 0, postgres.stderr);
    assert.deepEqual(comparable(JSON.parse(postgres.stdout)), comparable(JSON.parse(sqlite.stdout)), line);
  }
  // Search ranks and cuts passages its own way on each (FTS5 and bm25; tsvector, ts_rank and ts_headline): the same
  // documents are found, each passage with the word marked.
  const found = async (env?: Record<string, string>) => {
    const answer = await runCli(['ask', '/search Juliaca', '--json'], { data: env ? onPostgres : onSqlite, ...(env ? { env } : {}) });
    const hits = (JSON.parse(answer.stdout) as { results: { title: string; snippet: string }[] }).results;
    for (const hit of hits) assert.match(hit.snippet, /«Juliaca»/i);
    return hits.map((hit) => hit.title).sort();
  };
  assert.deepEqual(await found(env), await found());
});

test('cronista db copy moves an SQLite install to an empty PostgreSQL database, digest cursor included', async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const data = freshDataDir();
  assert.equal((await runCli(['ingest', seeds], { data })).code, 0);
  // A delivered digest: its cursor must carry over, so the next digest on Postgres announces nothing old.
  assert.equal((await runCli(['digest'], { data })).code, 0);
  // The views are not copied: every day and month is marked stale, and the copy builds them before it ends.
  const questions = ['/deaths', '/timeline from:2022-12-01 to:2023-02-28'];
  const before = await Promise.all(questions.map((line) => runCli(['ask', line, '--json'], { data })));
  const env = { CRONISTA_DATABASE_URL: database.url };
  // An operator trying the URL first: the empty database's views are built (empty) before the copy fills it.
  for (const line of questions) assert.equal((await runCli(['ask', line], { data, env })).code, 0);
  const copied = await runCli(['db', 'copy', '--to', database.url], { data });
  assert.equal(copied.code, 0, copied.stderr);
  assert.match(copied.stdout, /^documents: \d+ rows$/m);
  assert.match(copied.stdout, /the counts match/);
  assert.match(copied.stdout, /^views built: \d+ stories$/m);
  // Nothing is left for the first answer on Postgres to build.
  const stale = await withClient(database.url, (client) => client.query<{ n: string }>('SELECT COUNT(*) AS n FROM view_stale'));
  assert.equal(Number(stale.rows[0]!.n), 0, 'no day or month left stale after the copy');
  // The planner has the copied tables' statistics (autovacuum may be off, as on this machine's server)
  const analyzed = await withClient(database.url, (client) =>
    client.query<{ relname: string }>(
      "SELECT relname FROM pg_stat_user_tables WHERE relname IN ('documents', 'copies', 'figures', 'events') AND last_analyze IS NOT NULL ORDER BY relname",
    ),
  );
  assert.deepEqual(analyzed.rows.map((row) => row.relname), ['copies', 'documents', 'events', 'figures']);
  for (const [index, line] of questions.entries()) {
    const after = await runCli(['ask', line, '--json'], { data, env });
    assert.deepEqual(comparable(JSON.parse(after.stdout)), comparable(JSON.parse(before[index]!.stdout)), line);
  }
  const next = await runCli(['digest', '--dry-run', '--json'], { data, env });
  assert.equal(next.code, 0, next.stderr);
  assert.equal((JSON.parse(next.stdout) as { entries: unknown[] }).entries.length, 0, 'nothing new since the digest delivered on SQLite');
  // New documents, copies and facts take ids after the copied ones.
  const more = freshDataDir();
  writeFileSync(join(more, 'later.txt'), 'Lima, 3 March 2023. The ombudsman said on Friday that 62 people had died in the protests since December.');
  const ingested = await runCli(['ingest', more], { data, env });
  assert.equal(ingested.code, 0, ingested.stderr);
  assert.match(ingested.stdout, /1 added/);
  // A second copy into the same (now full) database is refused, and changes nothing.
  const again = await runCli(['db', 'copy', '--to', database.url], { data });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already holds/);
});

test('a wrong or unreachable database URL is one line, without the password', async () => {
  const data = freshDataDir();
  const wrong = await runCli(['ask', '/deaths'], { data, env: { CRONISTA_DATABASE_URL: 'mysql://me:hunter2@db.example/x' } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /CRONISTA_DATABASE_URL: .* is not a postgres:\/\/ URL/);
  const unreachable = await runCli(['ask', '/deaths'], { data, env: { CRONISTA_DATABASE_URL: 'postgres://me:hunter2@127.0.0.1:1/cronista' } });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /cannot connect/);
  for (const output of [wrong.stderr, unreachable.stderr, wrong.stdout, unreachable.stdout]) assert.doesNotMatch(output, /hunter2/);
  assert.equal(unreachable.stderr.trim().split('\n').length, 1, unreachable.stderr);
});

interface FactLine {
  kind: string;
  value: number;
  as_of: string | null;
  quote: string;
  source: { url: string };
  also_in?: { url: string }[];
}

/** An answer without what differs by store and run: chart paths, timings, ids. */
function comparable(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json, (key, value: unknown) => (['chart', 'path', 'generatedAt', 'documentId', 'id'].includes(key) ? undefined : value)));
}

test('two cronista ingest processes importing overlapping sources at once store what one process stores', async (t) => {
  const together = await createTestDatabase();
  const alone = await createTestDatabase();
  t.after(async () => {
    await together.drop();
    await alone.drop();
  });
  const data = freshDataDir();
  // The seed pages as two directories (the same texts from two sources: merged copies) plus the directory itself in
  // both processes (the same items from the same source: stored once).
  const mirror = freshDataDir();
  cpSync(seeds, mirror, { recursive: true });
  const both = [seeds, mirror];
  const [first, second] = await Promise.all([
    runCli(['ingest', ...both], { data, env: { CRONISTA_DATABASE_URL: together.url } }),
    runCli(['ingest', ...both.reverse()], { data, env: { CRONISTA_DATABASE_URL: together.url } }),
  ]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(second.code, 0, second.stderr);
  assert.equal((await runCli(['ingest', seeds, mirror], { data, env: { CRONISTA_DATABASE_URL: alone.url } })).code, 0);
  // The same facts, each with the same sources (which copy came first differs: the processes raced).
  const facts = async (url: string) => {
    const answer = await runCli(['facts', '--json'], { data, env: { CRONISTA_DATABASE_URL: url } });
    assert.equal(answer.code, 0, answer.stderr);
    return (JSON.parse(answer.stdout) as { figures: FactLine[] }).figures
      .map((fact) => `${fact.kind} ${fact.value} ${fact.as_of} ${fact.quote} ← ${[fact.source, ...(fact.also_in ?? [])].map((source) => source.url).sort().join(' ')}`)
      .sort();
  };
  const [concurrent, single] = [await facts(together.url), await facts(alone.url)];
  assert.ok(single.length > 20, `${single.length} facts`);
  assert.deepEqual(concurrent, single);
});
