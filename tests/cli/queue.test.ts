/**
 * Distributed mode on the real servers (Redis on 127.0.0.1:6379, PostgreSQL on 127.0.0.1:5432), with real processes:
 * one `cronista start` (the coordinator: schedules on BullMQ, console) and two `cronista worker`s polling a local
 * feed server and posting digests to a Discord webhook stand-in. Each test has its own Postgres database and its own
 * Redis key prefix (removed afterwards).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { freshDataDir, runCli } from './helpers.ts';
import { announcedOnce, assertNoSlotTwice, distributedEnv, dropRedisPrefix, feedPath, item, REDIS_URL, serveFeeds as serveAll, spawnCli, stopAll, waitFor } from './queue-helpers.ts';

const FEEDS = 6;
const OLD_PER_FEED = 4;

function serveFeeds(server: FeedServer, fresh: number, delayMs: number) {
  serveAll(server, FEEDS, OLD_PER_FEED + fresh, delayMs);
}

interface Setup {
  feeds: FeedServer;
  discord: DiscordStandIn;
  env: Record<string, string>;
  store: PostgresStore;
}

async function setUp(t: TestContext, delayMs: number, perHost: number): Promise<Setup> {
  const database = await createTestDatabase();
  const prefix = `cronista-test-${randomBytes(4).toString('hex')}`;
  const feeds = await startFeedServer();
  const discord = await startDiscordStandIn();
  serveFeeds(feeds, 0, delayMs);
  const data = freshDataDir();
  const config = join(data, 'cronista.yaml');
  const sources = Array.from({ length: FEEDS }, (_, feed) => [`  - url: ${feeds.url(feedPath(feed))}`, "    poll: '*/2 * * * * *'"]).flat();
  const destination = ['  - id: ops', `    discord_webhook: ${discord.webhookUrl('1', 'secret-token')}`, "    schedule: '*/3 * * * * *'"];
  writeFileSync(config, ['sources:', ...sources, 'destinations:', ...destination, 'polling:', `  per_host: ${perHost}`].join('\n'));
  const env = distributedEnv(config, database.url, prefix, {
    CRONISTA_QUEUE_LEASE_SECONDS: '3',
    CRONISTA_WORKER_CONCURRENCY: '2',
    TELEGRAM_BOT_TOKEN: '',
  });
  // The schema exists before the processes start (they would otherwise queue on the migration lock: fine too).
  const store = await PostgresStore.open(database.url);
  t.after(async () => {
    await store.close();
    await feeds.close();
    await discord.close();
    await database.drop();
    await dropRedisPrefix(prefix);
  });
  return { feeds, discord, env, store };
}

const newLinks = () => Array.from({ length: FEEDS }, (_, feed) => item(feed, OLD_PER_FEED).link);
const unannounced = (discord: DiscordStandIn) => newLinks().filter((link) => !discord.created().some((post) => JSON.stringify(post.payload).includes(link)));
const allAnnounced = (discord: DiscordStandIn) => unannounced(discord).length === 0;

test('a coordinator and two workers: polls spread over both, per-host limit shared, every item stored once, every new item announced once', { timeout: 180_000 }, async (t) => {
  const { feeds, discord, env, store } = await setUp(t, 300, 2);
  const coordinator = spawnCli('start', env);
  const workers = [spawnCli('worker', env), spawnCli('worker', env)];
  const all = [coordinator, ...workers];
  try {
    await waitFor(() => /cronista ready/.test(coordinator.output()), 'the coordinator');
    assert.match(coordinator.output(), /schedules on redis:\/\/127\.0\.0\.1:6379/);
    await waitFor(() => workers.every((worker) => /cronista worker ready/.test(worker.output())), 'the workers');
    // The first poll of each feed seeds it silently; the next items are news.
    await waitFor(async () => (await store.countDocuments()) === FEEDS * OLD_PER_FEED, 'the seeding polls');
    serveFeeds(feeds, 1, 300);
    await waitFor(async () => (await store.countDocuments()) === FEEDS * (OLD_PER_FEED + 1), 'the new items');
    await waitFor(() => allAnnounced(discord), 'the digests', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; not announced: ${unannounced(discord).join(', ')}; posted:\n${discord.created().map((post) => JSON.stringify(post.payload)).join('\n')}`);
    });
    // `cronista status` shows the queues: the schedulers (6 polls, 1 digest) and both workers connected.
    const status = await runCli(['status'], { data: freshDataDir(), env: { ...env, CRONISTA_LOG_LEVEL: 'warn' } });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /cronista-work: \d+ waiting, \d+ running, \d+ scheduled, 0 failed; 7 job schedulers; 2 workers connected/);
    assert.match(status.stdout, /cronista-console: .*0 job schedulers/);
    assert.match(status.stdout, /schedules held by \S+:\d+ \(lease \d+\)/);
    assert.match(status.stdout, /workers seen: 2 beating\n {4}\S+:\d+: last beat \d+ s ago, up since .* UTC, \d+ jobs done, 0 failed/);
    assert.match(status.stdout, /^Service running \(schedules held by \S+:\d+ \(lease \d+\)\) since /);
    // Read on another machine, the pid in the stored status means nothing there (here: a pid above Linux's pid_max):
    // whether the service runs comes from the schedules' lease in Redis.
    const stored = (await store.kv.get('service:status')) as { pid: number };
    await store.kv.set('service:status', { ...stored, pid: 4_194_305 });
    const elsewhere = await runCli(['status'], { data: freshDataDir(), env: { ...env, CRONISTA_LOG_LEVEL: 'warn' } });
    assert.match(elsewhere.stdout, /^Service running \(schedules held by \S+:\d+ \(lease \d+\)\) since /);
    await store.kv.set('service:status', stored);
    // A job that fails (no such job): operators see it in /sources, with the queues, the holder and the workers.
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('cronista-work', { connection: redis, prefix: env.CRONISTA_QUEUE_PREFIX });
    await queue.add('bogus', { target: 'nothing' }, { attempts: 1 });
    await waitFor(() => workers.some((worker) => /job bogus failed: unknown job bogus/.test(worker.output())), 'the bogus job failing');
    await queue.close();
    redis.disconnect();
    const sources = await runCli(['ask', '/sources'], { data: freshDataDir(), env: { ...env, CRONISTA_LOG_LEVEL: 'warn' } });
    assert.equal(sources.code, 0, sources.stderr);
    assert.match(sources.stdout, /Job queues/);
    assert.match(sources.stdout, /cronista-work: \d+ waiting, \d+ running, \d+ scheduled, 1 failed; 7 job schedulers; 2 workers connected/);
    assert.match(sources.stdout, /last failed: bogus \d+ at .*: unknown job bogus/);
    assert.match(sources.stdout, /schedules held by \S+:\d+ \(lease \d+\)/);
    assert.match(sources.stdout, /workers seen: 2 beating/);
    assert.doesNotMatch(sources.stdout, /secret-token/);
    // The health check compose runs in a worker's container: its heartbeat file is fresh.
    for (const worker of workers) {
      const check = await runCli(['worker', '--check'], { data: worker.dataDir });
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.match(check.stdout, /^healthy: worker \S+:\d+, last beat \d+ s ago, \d+ jobs done, (0|1) failed\n$/);
    }
    // A few more digest slots: nothing is posted again.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    assert.equal((await store.learnedSequence()).sequence, FEEDS * (OLD_PER_FEED + 1), 'one copy per item');
    announcedOnce(discord, newLinks(), all);
    for (const [index, worker] of workers.entries()) assert.ok(worker.polls() >= 3, `worker ${index + 1} polled ${worker.polls()} times`);
    assert.equal(coordinator.polls(), 0, 'the coordinator polls nothing itself');
    // Four jobs at a time in all, yet per_host (2) holds across both workers: the feed server is one host:port.
    assert.equal(feeds.maxInFlight(), 2, 'at most per_host requests at once to the one host, across both workers');
    assert.doesNotMatch(all.map((proc) => proc.output()).join('\n'), /secret-token/);
    assertNoSlotTwice(all);
  } finally {
    const codes = await stopAll(all);
    assert.deepEqual(codes, [0, 0, 0], all.map((proc) => proc.output().slice(-2000)).join('\n----\n'));
  }
  // Stopped on purpose: no heartbeat file left, so the check fails (and says why).
  const check = await runCli(['worker', '--check'], { data: workers[0]!.dataDir });
  assert.equal(check.code, 1);
  assert.match(check.stdout, /^unhealthy: no .*worker-health\.json \(no worker running on this data directory, or not ready yet\)/);
});

test('a worker killed with SIGKILL mid-run: its job goes to the other, every item stored once, no feed left unpolled', { timeout: 180_000 }, async (t) => {
  const { feeds, discord, env, store } = await setUp(t, 1500, 4);
  const coordinator = spawnCli('start', env);
  const [doomed, survivor] = [spawnCli('worker', env), spawnCli('worker', env)];
  try {
    await waitFor(() => /cronista ready/.test(coordinator.output()) && [doomed, survivor].every((w) => /cronista worker ready/.test(w.output())), 'every process');
    // Seeded means stored and recorded as fetched (a source not yet recorded would seed again, silently).
    const seeded = async () => (await store.listSources()).filter((source) => source.lastSuccess !== null).length === FEEDS;
    await waitFor(async () => doomed.polls() >= 2 && (await store.countDocuments()) === FEEDS * OLD_PER_FEED && (await seeded()), 'the seeding polls');
    // Slow feeds (1.5 s an answer, polled every 2 s) and 2 jobs a worker: with 3 polls in flight, one is the doomed one's.
    await waitFor(() => feeds.inFlight() >= 3, 'polls in flight');
    doomed.child.kill('SIGKILL');
    assert.equal(await doomed.exit, null);
    const check = await runCli(['worker', '--check'], { data: doomed.dataDir });
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^unhealthy: worker \S+:\d+ \(pid \d+\) is not running/);
    feeds.resetCounts();
    serveFeeds(feeds, 1, 1500);
    await waitFor(async () => (await store.countDocuments()) === FEEDS * (OLD_PER_FEED + 1), 'the new items, stored by the survivor');
    await waitFor(() => Array.from({ length: FEEDS }, (_, feed) => feeds.requests(feedPath(feed))).every((n) => n >= 1), 'every feed polled after the kill');
    await waitFor(() => /stalled/.test(survivor.output()), 'the killed worker\'s jobs handed back', 30_000);
    await waitFor(() => allAnnounced(discord), 'the digests', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; not announced: ${unannounced(discord).join(', ')}; seeded by the survivor: ${survivor.output().match(/"source":"[^"]*","url":"[^"]*","seeded":true/g)?.join(' ') ?? 'none'}; posted:\n${discord.created().map((post) => JSON.stringify(post.payload)).join('\n')}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    assert.equal((await store.learnedSequence()).sequence, FEEDS * (OLD_PER_FEED + 1), 'one copy per item');
    announcedOnce(discord, newLinks(), [coordinator, doomed, survivor]);
    assertNoSlotTwice([coordinator, doomed, survivor]);
  } finally {
    const codes = await stopAll([coordinator, survivor]);
    assert.deepEqual(codes, [0, 0], [coordinator, survivor].map((proc) => proc.output().slice(-2000)).join('\n----\n'));
  }
});

test('distributed mode needs the Postgres store; a worker needs Redis; an unreachable Redis: one-line errors', async () => {
  const data = freshDataDir();
  const start = await runCli(['start'], { data, env: { CRONISTA_DEV: '1', CRONISTA_REDIS_URL: REDIS_URL, CRONISTA_DATABASE_URL: '' } });
  assert.equal(start.code, 1);
  assert.equal(start.stderr.trim(), 'error: CRONISTA_REDIS_URL needs CRONISTA_DATABASE_URL (a PostgreSQL server): the coordinator and its workers share one database, which a SQLite file cannot be');
  const worker = await runCli(['worker'], { data, env: { CRONISTA_DEV: '1', CRONISTA_REDIS_URL: '' } });
  assert.equal(worker.code, 1);
  assert.match(worker.stderr.trim(), /^error: cronista worker needs CRONISTA_REDIS_URL/);
  // An unreachable Redis: one line, before anything opens (no database needed to say so).
  for (const role of ['start', 'worker']) {
    const down = await runCli([role], { data, env: { CRONISTA_DEV: '1', CRONISTA_REDIS_URL: 'redis://127.0.0.1:1', CRONISTA_DATABASE_URL: 'postgres://root@127.0.0.1:5432/cronista_never_created', CRONISTA_HTTP_PORT: 'off' } });
    assert.equal(down.code, 1, down.stderr);
    assert.equal(down.stderr.trim(), 'error: CRONISTA_REDIS_URL: cannot reach redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1');
  }
  const bad = await runCli(['worker'], { data, env: { CRONISTA_DEV: '1', CRONISTA_REDIS_URL: 'http://127.0.0.1:6379', CRONISTA_DATABASE_URL: 'postgres://root@127.0.0.1:5432/x' } });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr.trim(), /^error: CRONISTA_REDIS_URL: .* is not a redis:\/\/ URL/);
});
