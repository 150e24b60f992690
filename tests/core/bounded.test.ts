/**
 * Nothing a chat user can grow stays in memory or on disk for ever: cooldowns and pager keys expire and
 * are capped, cached views keyed by user input are capped, old chart files are swept, discord.js' user and
 * member caches are capped, host limiter state lives only while requests run, memoized day numbers are capped.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, GatewayIntentBits, type Guild } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { textAnswer } from '../../src/core/answer.ts';
import { CHART_FILES_KEPT } from '../../src/answers/chart/sweep.ts';
import { openApp } from '../../src/app.ts';
import type { Caller, CommandDefinition } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher, MAX_COOLDOWNS } from '../../src/core/dispatch.ts';
import { HostLimiter } from '../../src/pipeline/host-limiter.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { discordCacheFactory, DISCORD_CACHE_LIMITS } from '../../src/platforms/discord/env.ts';
import { PagerStore, PAGER_TTL_MS as DISCORD_PAGER_TTL_MS } from '../../src/platforms/discord/pager.ts';
import { PagerCodec, PAGER_MAX_STORED, PAGER_TTL_MS } from '../../src/platforms/telegram/bot-pager.ts';
import { cachedByFacts, cachedViews, MAX_CACHED_VIEWS } from '../../src/timeline/cache.ts';
import { datesCompatible, dayNumbersKept } from '../../src/timeline/events.ts';

let app: AppContext;
let clock = Date.parse('2026-01-01T00:00:00Z');

before(async () => {
  app = openApp(mkdtempSync(join(tmpdir(), 'cronista-bounded-')));
  app.now = () => new Date(clock);
  await ingestTargets(app, [join(import.meta.dirname, '../fixtures/seeds')]);
});

after(async () => {
  await app?.store.close();
});

const caller = (userId: string): Caller => ({ platform: 'telegram', userId, chatId: userId, isAdmin: false, isOperator: false });

test('cooldowns: capped however many users call, forgotten once over', async () => {
  const ping: CommandDefinition = { name: 'ping', description: 'Pong', options: [], permission: 'everyone', cooldownSeconds: 3, run: async () => textAnswer('pong') };
  const dispatcher = new Dispatcher(app, [ping]);
  for (let user = 0; user < MAX_COOLDOWNS + 2000; user++) await dispatcher.dispatch({ name: 'ping', options: {}, caller: caller(String(user)) });
  assert.ok(dispatcher.cooldownsRunning() <= MAX_COOLDOWNS, `${dispatcher.cooldownsRunning()} cooldowns kept`);
  const again = await dispatcher.dispatch({ name: 'ping', options: {}, caller: caller(String(MAX_COOLDOWNS + 1999)) });
  assert.match(JSON.stringify(again.json), /cooldown/, 'a recent caller still waits');
  clock += 3001;
  assert.equal(dispatcher.cooldownsRunning(), 0, 'all cooldowns over, nothing kept');
  const later = await dispatcher.dispatch({ name: 'ping', options: {}, caller: caller(String(MAX_COOLDOWNS + 1999)) });
  assert.doesNotMatch(JSON.stringify(later.json), /cooldown/, 'served again');
});

test('Telegram pager keys: capped, and expired after a day', async () => {
  let now = 1_000_000; // lru-cache treats a start time of 0 as "no ttl"
  const pager = new PagerCodec({ now: () => now });
  const longOptions = (n: number) => ({ query: `a long query that does not fit in sixty-four bytes ${n}` });
  const first = await pager.encode({ command: 'timeline', options: longOptions(0), page: 2 });
  let last = first;
  for (let n = 1; n < PAGER_MAX_STORED + 500; n++) last = await pager.encode({ command: 'timeline', options: longOptions(n), page: 2 });
  assert.ok(pager.size() <= PAGER_MAX_STORED);
  assert.equal(await pager.decode(first), 'expired', 'the oldest went first');
  assert.deepEqual(await pager.decode(last), { command: 'timeline', options: longOptions(PAGER_MAX_STORED + 499), page: 2 });
  now += PAGER_TTL_MS + 1;
  assert.equal(await pager.decode(last), 'expired');
  assert.equal(pager.size(), 0);
  const again = await pager.encode({ command: 'timeline', options: longOptions(1), page: 3 });
  assert.deepEqual(await pager.decode(again), { command: 'timeline', options: longOptions(1), page: 3 }, 'a list shown again is kept again');
});

test('Discord pager keys: capped, and expired after a day', async () => {
  let now = 1_000_000; // lru-cache treats a start time of 0 as "no ttl"
  const pager = new PagerStore(100, { now: () => now });
  const options = (n: number) => ({ query: `${'x'.repeat(120)} ${n}` });
  const ids: string[] = [];
  for (let n = 0; n < 150; n++) ids.push(await pager.customId('timeline', 2, options(n)));
  assert.equal(pager.size(), 100);
  assert.equal(await pager.parse(ids[0]!), 'expired');
  assert.deepEqual(await pager.parse(ids[149]!), { command: 'timeline', page: 2, options: options(149) });
  now += DISCORD_PAGER_TTL_MS + 1;
  assert.equal(await pager.parse(ids[149]!), 'expired');
});

test('Discord pager: a list shown again (and both its buttons) reuses one entry', async () => {
  const pager = new PagerStore(100);
  const options = { query: `${'y'.repeat(120)}` };
  const ids: string[] = [];
  for (let n = 0; n < 300; n++) ids.push(await pager.customId('timeline', 1 + (n % 7), options));
  assert.equal(pager.size(), 1);
  assert.deepEqual(await pager.parse(ids[0]!), { command: 'timeline', page: 1, options });
  assert.ok(ids.every((id) => id.length <= 100));
  assert.notEqual((await pager.customId('search', 1, options)).split('#')[1], ids[0]!.split('#')[1], 'another command, another key');
});

test('discord.js caches of users and guild members stay capped however many people run commands', async () => {
  // The caches interactions fill (BaseInteraction: client.users._add, guild.members._add), on a client built
  // with the bot's cache factory; no login needed.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], makeCache: discordCacheFactory() });
  // `_add` is what discord.js itself calls on each interaction; private in its typings.
  const add = <T>(manager: unknown, data: unknown) => (manager as { _add(data: unknown): T })._add(data);
  try {
    const guild = add<Guild>(client.guilds, { id: '900000000000000001', name: 'bench', roles: [], channels: [], emojis: [], stickers: [], members: [] });
    const user = (n: number) => ({ id: String(800000000000000000n + BigInt(n)), username: `u${n}`, discriminator: '0', avatar: null, global_name: null });
    for (let n = 0; n < DISCORD_CACHE_LIMITS.users + 500; n++) {
      add(client.users, user(n));
      add(guild.members, { user: user(n), roles: [], joined_at: '2024-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 });
    }
    assert.ok(client.users.cache.size <= DISCORD_CACHE_LIMITS.users, `${client.users.cache.size} users cached`);
    assert.ok(guild.members.cache.size <= DISCORD_CACHE_LIMITS.membersPerGuild, `${guild.members.cache.size} members cached`);
    assert.ok(client.users.cache.has(user(DISCORD_CACHE_LIMITS.users + 499).id), 'the latest caller is kept');
  } finally {
    await client.destroy();
  }
});

test('host limiter: nothing is kept for hosts once their requests settle', async () => {
  const limiter = new HostLimiter({ perHost: 1 });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const runs = Array.from({ length: 3000 }, (_, n) => limiter.run(`https://host-${n % 1000}.example/feed`, () => gate));
  assert.equal(limiter.hostsTracked(), 1000, 'hosts with requests running or waiting');
  release();
  await Promise.all(runs);
  assert.equal(limiter.hostsTracked(), 0);
});

test('memoized day numbers stay capped over many distinct dates, and stay right', () => {
  const day = (n: number) => new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  for (let n = 0; n < 50_000; n++) {
    assert.equal(datesCompatible({ date: day(n), precision: 'day' }, { date: day(n + 1), precision: 'day' }), true);
    assert.equal(datesCompatible({ date: day(n), precision: 'day' }, { date: day(n + 2), precision: 'day' }), false);
  }
  assert.ok(dayNumbersKept() <= 20_000, `${dayNumbersKept()} day numbers kept`);
});

test('cached views keyed by user input are capped', async () => {
  for (let n = 0; n < MAX_CACHED_VIEWS * 3; n++) await cachedByFacts(app.store, `deaths:region-${n}`, async () => n);
  assert.ok(cachedViews(app.store) <= MAX_CACHED_VIEWS, `${cachedViews(app.store)} views cached`);
});

test('/deaths chart files are swept; a swept chart is drawn again when asked for', async () => {
  const dispatcher = new Dispatcher(app, commands);
  const deaths = async (since: string) => {
    clock += 10_000; // past the cooldown
    return dispatcher.dispatch({ name: 'deaths', options: { since }, caller: caller('7') });
  };
  const day = (n: number) => new Date(Date.parse('2022-09-01') + n * 86_400_000).toISOString().slice(0, 10);
  const first = await deaths(day(0));
  const firstChart = first.attachments?.[0]?.path;
  assert.ok(firstChart && existsSync(firstChart), 'a chart was drawn');
  for (let n = 1; n < CHART_FILES_KEPT + 10; n++) await deaths(day(n));
  const files = readdirSync(join(app.dataDir, 'charts')).filter((name) => name.endsWith('.png'));
  assert.ok(files.length <= CHART_FILES_KEPT, `${files.length} chart files kept`);
  assert.equal(existsSync(firstChart), false, 'the oldest chart was swept');
  const again = await deaths(day(0));
  assert.equal(again.attachments?.[0]?.path, firstChart);
  assert.ok(existsSync(firstChart), 'drawn again rather than pointing at a missing file');
});
