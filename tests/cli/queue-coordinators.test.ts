/**
 * Several `cronista start` processes in distributed mode, on the real Redis and PostgreSQL of 127.0.0.1 with real
 * processes: one holds the schedules (a lease in Redis: the job schedulers, the console digests, Telegram long polling),
 * the other stands by. The holder is killed (SIGKILL) or frozen (SIGSTOP, then woken) and the other takes over within
 * 15 s; no schedule slot runs twice, every item is stored once and every new item announced exactly once (Discord
 * webhook digests run by the worker, console digests by the holder), and only one process long-polls Telegram. In
 * webhook mode every coordinator serves Telegram's updates.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';
import { startTelegramStandIn, type TelegramStandIn } from '../fixtures/telegram-stand-in.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { freshDataDir, runCli } from './helpers.ts';
import { announcedOnce, assertNoSlotTwice, distributedEnv, dropRedisPrefix, feedPath, item, serveFeeds, spawnCli, stopAll, waitFor, type Proc } from './queue-helpers.ts';

const FEEDS = 5;
/** Items each feed has at the first poll (stored silently: the seed). */
const SEED = 3;
const TAKEOVER_LIMIT_MS = 15_000;

interface Setup {
  feeds: FeedServer;
  discord: DiscordStandIn;
  telegram: TelegramStandIn;
  env: Record<string, string>;
  store: PostgresStore;
  configLines: (feeds: number) => string;
  configFile: string;
}

async function setUp(t: TestContext): Promise<Setup> {
  const database = await createTestDatabase();
  const prefix = `cronista-test-${randomBytes(4).toString('hex')}`;
  const feeds = await startFeedServer();
  const discord = await startDiscordStandIn();
  const telegram = await startTelegramStandIn();
  serveFeeds(feeds, FEEDS + 1, SEED, 50);
  const configFile = join(freshDataDir(), 'cronista.yaml');
  const configLines = (count: number) => {
    const sources = Array.from({ length: count }, (_, feed) => [`  - url: ${feeds.url(feedPath(feed))}`, "    poll: '*/2 * * * * *'"]).flat();
    const destinations = [
      '  - id: ops',
      `    discord_webhook: ${discord.webhookUrl('1', 'secret-token')}`,
      "    schedule: '*/3 * * * * *'",
      '  - id: desk',
      '    console: true',
      "    schedule: '*/3 * * * * *'",
    ];
    return ['sources:', ...sources, 'destinations:', ...destinations, 'polling:', '  per_host: 4'].join('\n');
  };
  writeFileSync(configFile, configLines(FEEDS));
  const env = distributedEnv(configFile, database.url, prefix, {
    CRONISTA_QUEUE_LEASE_SECONDS: '3',
    CRONISTA_WORKER_CONCURRENCY: '3',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  const store = await PostgresStore.open(database.url);
  t.after(async () => {
    await store.close();
    await feeds.close();
    await discord.close();
    await telegram.close();
    await database.drop();
    await dropRedisPrefix(prefix);
  });
  return { feeds, discord, telegram, env, store, configLines, configFile };
}

/** The links of the items a feed gained in batch `batch` (1, 2, …: item index SEED + batch - 1). */
const batchLinks = (batch: number, feeds = FEEDS) => Array.from({ length: feeds }, (_, feed) => item(feed, SEED + batch - 1).link);

const announced = (discord: DiscordStandIn, links: string[]) => links.every((link) => discord.created().some((post) => JSON.stringify(post.payload).includes(link)));
const printed = (procs: Proc[], links: string[]) => links.every((link) => procs.some((proc) => proc.stdout().includes(link)));

/** Each link printed in exactly one console digest, over every coordinator's stdout. */
function printedOnce(procs: Proc[], links: string[]): void {
  const all = procs.map((proc) => proc.stdout()).join('\n');
  for (const link of links) {
    const times = all.split(link).length - 1;
    assert.equal(times, 1, `${link} printed ${times} times on the consoles:\n${all}`);
  }
}

/** A private-chat /help from `chat`, as Telegram would send it. */
const helpFrom = (chat: number) => ({
  message: { message_id: chat, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'Reader' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
});
const answersTo = (telegram: TelegramStandIn, chat: number) => telegram.delivered().filter((call) => String(call.params.chat_id) === String(chat)).length;

const LONG_POLLING = /is listening \(long polling\)/;

async function startTwoCoordinatorsAndAWorker(setup: Setup): Promise<{ holder: Proc; standby: Proc; worker: Proc }> {
  const holder = spawnCli('start', setup.env);
  await waitFor(() => /cronista ready/.test(holder.output()), 'the first coordinator');
  assert.match(holder.output(), /holds the schedules/);
  assert.match(holder.output(), /schedules on redis:\/\/127\.0\.0\.1:6379\/? \(prefix [\w-]+\), held by this process/);
  const standby = spawnCli('start', setup.env);
  const worker = spawnCli('worker', setup.env);
  await waitFor(() => /cronista ready/.test(standby.output()) && /cronista worker ready/.test(worker.output()), 'the second coordinator and the worker');
  assert.match(standby.output(), /standing by: .* holds the schedules; this process takes over if it stops renewing its lease \(within 12 s\)/);
  assert.match(standby.output(), /standing by \(held by .*\)/);
  await waitFor(async () => (await setup.store.countDocuments()) === FEEDS * SEED, 'the seeding polls');
  // Only the holder long-polls Telegram; the standby says so in its status.
  await waitFor(() => LONG_POLLING.test(holder.output()), 'the holder long-polling Telegram');
  assert.doesNotMatch(standby.output(), LONG_POLLING);
  return { holder, standby, worker };
}

/**
 * Serves batch `batch` (one new item on each of the first `feeds` feeds) and waits until `stored` copies are in the
 * store, the batch is posted to Discord and printed on one of `consoles`.
 */
async function newBatch(setup: Setup, batch: number, options: { consoles: Proc[]; stored: number; feeds?: number }): Promise<void> {
  serveFeeds(setup.feeds, FEEDS + 1, SEED + batch, 50);
  const links = batchLinks(batch, options.feeds);
  await waitFor(async () => (await setup.store.learnedSequence()).sequence >= options.stored, `batch ${batch} stored`);
  await waitFor(() => announced(setup.discord, links), `batch ${batch} on Discord`, 30_000);
  await waitFor(() => printed(options.consoles, links), `batch ${batch} on a console`, 30_000);
}

test('two coordinators: the holder SIGKILLed, the other takes over within 15 s; no slot runs twice, every item stored and announced once, one Telegram poller', { timeout: 300_000 }, async (t) => {
  const setup = await setUp(t);
  const { holder, standby, worker } = await startTwoCoordinatorsAndAWorker(setup);
  const all = [holder, standby, worker];
  try {
    setup.telegram.pushUpdate(helpFrom(42));
    await waitFor(() => answersTo(setup.telegram, 42) === 1, 'the holder answering on Telegram');
    await newBatch(setup, 1, { consoles: [holder], stored: FEEDS * (SEED + 1) });

    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    assert.equal(await holder.exit, null);
    serveFeeds(setup.feeds, FEEDS + 1, SEED + 2, 50);
    await waitFor(() => standby.firstSeen(/took over the schedules/) !== null, 'the takeover', 30_000);
    const takeover = standby.firstSeen(/took over the schedules/)! - killedAt;
    t.diagnostic(`taken over ${(takeover / 1000).toFixed(1)} s after the SIGKILL`);
    assert.ok(takeover <= TAKEOVER_LIMIT_MS, `taken over after ${takeover} ms`);
    await newBatch(setup, 2, { consoles: [holder, standby], stored: FEEDS * (SEED + 2) });

    // Telegram now long-polled by the new holder: an update is answered once.
    await waitFor(() => LONG_POLLING.test(standby.output()), 'the new holder long-polling Telegram');
    setup.telegram.pushUpdate(helpFrom(43));
    await waitFor(() => answersTo(setup.telegram, 43) === 1, 'the new holder answering on Telegram');

    // A few more slots of every schedule: nothing is stored, posted or printed again.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    assert.equal((await setup.store.learnedSequence()).sequence, FEEDS * (SEED + 2), 'one copy per item');
    announcedOnce(setup.discord, [...batchLinks(1), ...batchLinks(2)], all);
    printedOnce([holder, standby], [...batchLinks(1), ...batchLinks(2)]);
    assertNoSlotTwice(all);
    assert.equal(answersTo(setup.telegram, 42), 1);
    assert.equal(answersTo(setup.telegram, 43), 1);
    assert.equal(setup.telegram.pollConflicts(), 0, 'never two processes long-polling at once');
    // The schedulers the first holder wrote were the configuration's: the new holder rewrote none of them.
    assert.doesNotMatch(standby.output(), /queue schedules updated/);
    assert.doesNotMatch(all.map((proc) => proc.output()).join('\n'), /secret-token/);
  } finally {
    const codes = await stopAll([standby, worker]);
    assert.deepEqual(codes, [0, 0], [standby, worker].map((proc) => proc.output().slice(-3000)).join('\n----\n'));
  }
});

test('a frozen holder (SIGSTOP) is replaced; woken (SIGCONT) it finds its lease gone and acts no more: no schedule written, no digest, no poll', { timeout: 300_000 }, async (t) => {
  const setup = await setUp(t);
  const { holder, standby, worker } = await startTwoCoordinatorsAndAWorker(setup);
  const all = [holder, standby, worker];
  try {
    await newBatch(setup, 1, { consoles: [holder], stored: FEEDS * (SEED + 1) });
    const frozenAt = Date.now();
    holder.child.kill('SIGSTOP');
    await waitFor(() => standby.firstSeen(/took over the schedules/) !== null, 'the takeover', 30_000);
    const takeover = standby.firstSeen(/took over the schedules/)! - frozenAt;
    t.diagnostic(`taken over ${(takeover / 1000).toFixed(1)} s after the SIGSTOP`);
    assert.ok(takeover <= TAKEOVER_LIMIT_MS, `taken over after ${takeover} ms`);
    await waitFor(() => LONG_POLLING.test(standby.output()), 'the new holder long-polling Telegram');
    // The new holder's first getUpdates ended the frozen one's waiting long poll (as Telegram does).
    const conflictsBefore = setup.telegram.pollConflicts();

    // A configuration change while the old holder sleeps: a sixth feed, written by the new holder alone.
    const sixFeeds = join(freshDataDir(), 'cronista.yaml');
    writeFileSync(sixFeeds, setup.configLines(FEEDS + 1));
    const imported = await runCli(['config', 'import', sixFeeds], { data: freshDataDir(), env: { ...setup.env, CRONISTA_LOG_LEVEL: 'warn' } });
    assert.equal(imported.code, 0, imported.stderr);
    await waitFor(() => /queue schedules updated/.test(standby.output()), 'the new holder writing the new schedule');
    await waitFor(async () => (await setup.store.learnedSequence()).sequence >= FEEDS * (SEED + 1) + SEED + 1, 'the sixth feed seeded');

    const asleep = holder.output().length;
    const printedAsleep = holder.stdout().length;
    holder.child.kill('SIGCONT');
    await waitFor(() => /lost the schedules lease/.test(holder.output().slice(asleep)), 'the old holder standing down');
    setup.telegram.pushUpdate(helpFrom(44));
    await waitFor(() => answersTo(setup.telegram, 44) === 1, 'the new holder answering on Telegram');
    await newBatch(setup, 2, { consoles: [holder, standby], stored: FEEDS * (SEED + 2) + SEED + 2, feeds: FEEDS + 1 });
    await new Promise((resolve) => setTimeout(resolve, 7000));

    const woke = holder.output().slice(asleep);
    assert.doesNotMatch(woke, /queue schedules updated/, 'the old holder wrote no schedule after waking');
    // (a run the freeze caught after its last act logs that it ran when it wakes: only its slot may show, none after)
    const slotsRunAfterWaking = [...woke.matchAll(/"task":"digest:desk","slot":"([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(slotsRunAfterWaking.filter((slot) => Date.parse(slot) >= frozenAt), [], 'the old holder started no console digest after the freeze');
    assert.equal(holder.stdout().slice(printedAsleep), '', 'the old holder printed nothing after waking');
    assert.doesNotMatch(woke, LONG_POLLING, 'the old holder did not long-poll again');
    assert.equal(setup.telegram.pollConflicts(), conflictsBefore, 'no getUpdates from the old holder after it woke');
    assert.match(woke, /standing by: .* holds the schedules/);
    // It knew by its own clock, before asking Redis.
    assert.match(woke, /lost the schedules lease \(its lease ran out before it could be renewed/);
    assert.equal(answersTo(setup.telegram, 44), 1);
    announcedOnce(setup.discord, [...batchLinks(1), ...batchLinks(2, FEEDS + 1)], all);
    printedOnce([holder, standby], [...batchLinks(1), ...batchLinks(2, FEEDS + 1)]);
    assertNoSlotTwice(all, new Set(slotsRunAfterWaking.map((slot) => `digest:desk @ ${slot}`)));
    assert.equal((await setup.store.learnedSequence()).sequence, FEEDS * (SEED + 2) + SEED + 2, 'one copy per item');
  } finally {
    holder.child.kill('SIGCONT');
    const codes = await stopAll(all);
    assert.deepEqual(codes, [0, 0, 0], all.map((proc) => proc.output().slice(-3000)).join('\n----\n'));
  }
});

test('Telegram in webhook mode runs on every coordinator, the standby too; distributed mode needs a shared webhook secret', { timeout: 180_000 }, async (t) => {
  const setup = await setUp(t);
  const webhook = { TELEGRAM_WEBHOOK_URL: 'https://bot.example/telegram', TELEGRAM_WEBHOOK_PORT: '0', TELEGRAM_WEBHOOK_SECRET: 'shared-webhook-secret' };
  const env = { ...setup.env, ...webhook };
  const coordinators = [spawnCli('start', env), spawnCli('start', env)];
  try {
    await waitFor(() => coordinators.every((proc) => /cronista ready/.test(proc.output())), 'both coordinators');
    assert.equal(coordinators.filter((proc) => /held by this process/.test(proc.output())).length, 1, 'one holder');
    for (const [index, proc] of coordinators.entries()) {
      const port = /listening \(webhook on port (\d+)\)/.exec(proc.output())?.[1];
      assert.ok(port, `coordinator ${index + 1} serves the webhook:\n${proc.output()}`);
      const chat = 50 + index;
      const posted = await fetch(`http://127.0.0.1:${port}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.TELEGRAM_WEBHOOK_SECRET },
        body: JSON.stringify({ update_id: 1000 + index, ...helpFrom(chat) }),
      });
      assert.equal(posted.status, 200);
      await waitFor(() => answersTo(setup.telegram, chat) === 1, `coordinator ${index + 1} answering through its webhook`);
    }
    assert.equal(setup.telegram.calls.filter((call) => call.method === 'getUpdates').length, 0, 'nobody long-polls');
    assert.doesNotMatch(coordinators.map((proc) => proc.output()).join('\n'), /shared-webhook-secret/);
  } finally {
    const codes = await stopAll(coordinators);
    assert.deepEqual(codes, [0, 0], coordinators.map((proc) => proc.output().slice(-3000)).join('\n----\n'));
  }
  const unsigned = await runCli(['start'], { data: freshDataDir(), env: { ...env, TELEGRAM_WEBHOOK_SECRET: '' } });
  assert.equal(unsigned.code, 1);
  assert.equal(unsigned.stderr.trim(), 'error: TELEGRAM_WEBHOOK_SECRET: set it in distributed mode (CRONISTA_REDIS_URL): every cronista start serves the webhook and must accept the same secret');
});
