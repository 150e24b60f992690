/**
 * Telegram channel posts in distributed mode, on the real Redis and PostgreSQL of 127.0.0.1 with real processes: the
 * coordinator long-polls the Telegram stand-in and only enqueues each post of a subscribed channel; a `cronista worker`
 * ingests it. A worker killed (SIGKILL) while its ingest waits inside the store leaves the post to another worker, which
 * stores it once; an edit of the post is a job too, and replaces the stored text.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { startTelegramStandIn } from '../fixtures/telegram-stand-in.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { freshDataDir } from './helpers.ts';
import { distributedEnv, dropRedisPrefix, spawnCli, stopAll, waitFor } from './queue-helpers.ts';

const channel = { id: -1002222222222, type: 'channel', title: 'Perú Noticias', username: 'PeruNoticias' };
const published = Math.floor(Date.parse('2023-03-03T15:00:00Z') / 1000);
const post = (text: string, extra: Record<string, unknown> = {}) => ({ message_id: 77, date: published, chat: channel, sender_chat: channel, text, ...extra });
const FIRST = 'Congress rejects early elections\nCongress voted on Thursday (March 2) to reject early elections in Lima. At least 60 people have died in the protests since December, the ombudsman said.';
const EDITED = 'Congress rejects early elections again\nCongress voted on Friday (March 3) to reject early elections in Lima. At least 61 people have died in the protests since December, the ombudsman said.';
const RAN = /channel-post:-1002222222222\/77 ran/;

test('channel posts are jobs: enqueued by the coordinator, ingested by a worker, stored once when a worker dies mid-job; an edit likewise', { timeout: 240_000 }, async (t) => {
  const database = await createTestDatabase();
  const prefix = `cronista-test-${randomBytes(4).toString('hex')}`;
  const telegram = await startTelegramStandIn();
  const configFile = join(freshDataDir(), 'cronista.yaml');
  writeFileSync(configFile, ['sources:', '  - url: https://t.me/perunoticias'].join('\n'));
  const env = distributedEnv(configFile, database.url, prefix, {
    CRONISTA_QUEUE_LEASE_SECONDS: '3',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  const store = await PostgresStore.open(database.url);
  // A connection of the test's own that holds the row lock every ingest takes first (the learned-sequence counter):
  // a worker's ingest then waits inside the store, mid-job, for as long as the test wants.
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  // pg_stat_activity is read from another connection: inside the locker's transaction it would be one snapshot.
  const watcher = new pg.Client({ connectionString: database.url });
  await watcher.connect();
  t.after(async () => {
    await locker.end().catch(() => undefined);
    await watcher.end().catch(() => undefined);
    await store.close();
    await telegram.close();
    await database.drop();
    await dropRedisPrefix(prefix);
  });

  const coordinator = spawnCli('start', env);
  const first = spawnCli('worker', env);
  const procs = [coordinator, first];
  try {
    await waitFor(() => /cronista ready/.test(coordinator.output()) && /cronista worker ready/.test(first.output()), 'the coordinator and the first worker');
    await waitFor(() => /is listening \(long polling\)/.test(coordinator.output()), 'the coordinator long-polling Telegram');

    await locker.query('BEGIN');
    await locker.query('SELECT n FROM learned_counter WHERE id = 1 FOR UPDATE');
    telegram.pushUpdate({ channel_post: post(FIRST) });
    const waitingInStore = async () =>
      Number((await watcher.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", [database.name])).rows[0].n) > 0;
    await waitFor(waitingInStore, 'the first worker ingesting the post (waiting on the lock)', 120_000).catch(async (error: unknown) => {
      const activity = await watcher.query('SELECT state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE datname = $1', [database.name]);
      throw new Error(`${String(error)}\n${JSON.stringify(activity.rows, null, 1)}`);
    });
    assert.match(coordinator.output(), /post 77 in channel @PeruNoticias: queued for a worker \(job channel-post-[0-9a-f]+\)/);

    first.child.kill('SIGKILL');
    assert.equal(await first.exit, null);
    const second = spawnCli('worker', env);
    procs.push(second);
    await locker.query('ROLLBACK');
    await waitFor(() => RAN.test(second.output()), 'the second worker ingesting the post', 60_000);
    assert.match(second.output(), /channel-post:-1002222222222\/77 ran: \{\\"status\\":\\"added\\"/);
    assert.equal(await store.countDocuments(), 1);
    assert.equal((await store.learnedSequence()).sequence, 1, 'one copy stored');
    const [hit] = await store.searchDocuments('ombudsman Congress', 5);
    assert.ok(hit);
    assert.match((await store.getDocument(hit.documentId))!.text, /Thursday \(March 2\)/);
    assert.equal((await store.getSource('https://t.me/perunoticias'))?.kind, 'telegram');

    // The same post delivered again (Telegram redelivering an update) adds nothing.
    telegram.pushUpdate({ channel_post: post(FIRST) });
    telegram.pushUpdate({ edited_channel_post: post(EDITED, { edit_date: published + 600 }) });
    await waitFor(async () => /Friday \(March 3\)/.test((await store.getDocument(hit.documentId))?.text ?? ''), 'the edit stored', 60_000);
    assert.match(coordinator.output(), /edited post 77 in channel @PeruNoticias: queued for a worker/);
    await waitFor(() => /channel-post:-1002222222222\/77 ran: \{\\"status\\":\\"updated\\"/.test(second.output()), 'the worker saying it updated the post');
    assert.equal((await store.getDocument(hit.documentId))?.title, 'Congress rejects early elections again');
    assert.equal(await store.countDocuments(), 1, 'an edit is no new document');
    assert.equal((await store.learnedSequence()).sequence, 1, 'still one copy');
    const figures = await store.listFigures({ kinds: ['deaths'] });
    assert.ok(figures.some((figure) => figure.documentId === hit.documentId && figure.value === 61));
    assert.ok(!figures.some((figure) => figure.documentId === hit.documentId && figure.value === 60));
    // The coordinator ingests nothing itself.
    assert.doesNotMatch(coordinator.output(), RAN);
  } finally {
    // A worker stopping finishes its job first: the lock must not outlive the test's steps.
    await locker.query('ROLLBACK').catch(() => undefined);
    const codes = await stopAll(procs);
    assert.deepEqual(codes.slice(0, 1).concat(codes.slice(2)), [0, 0], procs.map((proc) => proc.output().slice(-3000)).join('\n----\n'));
  }
});
