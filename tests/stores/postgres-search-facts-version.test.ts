// What the PostgreSQL store does beyond the shared contract to answer as fast as SQLite (issue 14): the facts version is
// kept in memory between the notifications other writers' commits send (src/stores/postgres/facts-version.ts). (Search's
// bound on ranked matches is in the contract: tests/stores/contract.test.ts.)
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import pg from 'pg';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { FACTS_VERSION_CHANNEL } from '../../src/stores/postgres/migrations.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { deathFigure, draft, uniqueArticle } from '../support/drafts.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const freshDatabase = databasesForThisFile();
const AT = new Date('2024-03-01T12:00:00Z');

/** Asks until `check` holds; fails after `attempts` tries (a notification that never arrives), never on how long it took. */
async function eventually(check: () => Promise<boolean>, what: string, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`never: ${what}`);
}

test("the facts version: another process's write is seen once notified, and once the listener is gone", async () => {
  const url = await freshDatabase();
  const [writer, reader] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const feed = await writer.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
    const start = await reader.factsVersion();
    assert.equal(await reader.factsVersion(), start);
    const stored = await ingestDraft(writer, feed.id, draft('a', uniqueArticle(1)), AT);
    await eventually(async () => (await reader.factsVersion()) !== start, "the reader sees the writer's ingest");
    const afterIngest = await reader.factsVersion();
    assert.equal(afterIngest, await writer.factsVersion(), 'both read the same version');

    // The reader's listening connection dies: it reads the stored version on every call until it listens again.
    const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = $1', [
      `LISTEN ${FACTS_VERSION_CHANNEL}`,
    ]);
    assert.ok((rowCount ?? 0) >= 1, 'a listening connection was there');
    await writer.replaceFacts(stored.documentId, 'peru', { figures: [deathFigure(3, '2023-01-01')], events: [] }, AT);
    const storedVersion = async () => String((await admin.query<{ n: string }>('SELECT n FROM facts_version WHERE id = 1')).rows[0]!.n);
    await eventually(async () => (await reader.factsVersion()) === (await storedVersion()), 'the reader reads the new version');
    assert.notEqual(await reader.factsVersion(), afterIngest);
  } finally {
    await admin.end();
    await Promise.all([writer.close(), reader.close()]);
  }
});
