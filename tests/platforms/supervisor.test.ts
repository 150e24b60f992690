/**
 * Platforms that cannot start, against the Telegram and Discord stand-ins: a wrong token, an API out of
 * reach, a gateway that never sends READY, another poller (409), an API that never answers. Each is
 * reported once in one line (why, what to check), retried in the background, and shown as not running;
 * the others keep running; stop() always returns.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { commands } from '../../commands/index.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createLogger } from '../../src/core/logger.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { createDiscordPlatformWith } from '../../src/platforms/discord/bot.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { PlatformSupervisor, type PlatformStatus } from '../../src/platforms/supervisor.ts';
import { createTelegramPlatform } from '../../src/platforms/telegram/bot.ts';
import { startGatewayStandIn } from '../fixtures/discord-gateway-stand-in.ts';
import { startTelegramStandIn } from '../fixtures/telegram-stand-in.ts';

let app: AppContext;
let dispatcher: Dispatcher;
const log: { level: number; msg: string }[] = [];

before(() => {
  app = openApp(mkdtempSync(join(tmpdir(), 'cronista-supervisor-')));
  app.logger = createLogger('debug', new Writable({ write: (chunk, _encoding, done) => (log.push(JSON.parse(String(chunk))), done()) }));
  dispatcher = new Dispatcher(app, commands);
});

after(async () => {
  await app?.store.close();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const errorsAbout = (name: string) => log.filter((entry) => entry.level >= 50 && entry.msg.startsWith(`${name} `));

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

function supervise(platforms: Platform[], timings: { startTimeoutMs?: number; retryDelayMs?: number } = {}) {
  const changes: PlatformStatus[][] = [];
  const supervisor = new PlatformSupervisor(platforms, { logger: app.logger, retryDelayMs: 100, maxRetryDelayMs: 400, startTimeoutMs: 5000, ...timings, onChange: (statuses) => changes.push(statuses) });
  const status = (name: string) => supervisor.statuses().find((candidate) => candidate.name === name)!;
  return { supervisor, status, changes };
}

test('Telegram with a wrong token: one line saying 401 and TELEGRAM_BOT_TOKEN, retried, not running; a working Discord runs meanwhile', async () => {
  const telegramStand = await startTelegramStandIn();
  const discordStand = await startGatewayStandIn();
  const telegram = createTelegramPlatform(app, dispatcher, { TELEGRAM_BOT_TOKEN: '999:wrong-token', TELEGRAM_API_ROOT: telegramStand.apiRoot })!;
  const discord = createDiscordPlatformWith(app, dispatcher, { DISCORD_TOKEN: 'stand-in-token', DISCORD_API_BASE: discordStand.api }, {})!;
  const { supervisor, status } = supervise([telegram, discord]);
  const before = errorsAbout('telegram').length;
  try {
    await supervisor.start();
    assert.deepEqual(supervisor.running(), ['discord']);
    // With a 100 ms retry delay on a busy machine, a retry may already be starting: wait for it to fail again.
    await until(() => status('telegram').state === 'retrying', 'telegram retrying');
    assert.match(status('telegram').reason!, /refused the token \(401 Unauthorized\)/);
    assert.match(status('telegram').hint!, /TELEGRAM_BOT_TOKEN/);
    await until(() => telegramStand.calls.filter((call) => call.method === 'getMe').length >= 3, 'two retries');
    const lines = errorsAbout('telegram').slice(before);
    assert.equal(lines.length, 1, `reported once: ${JSON.stringify(lines)}`);
    assert.match(lines[0]!.msg, /^telegram did not start: the Bot API refused the token \(401 Unauthorized\) — check TELEGRAM_BOT_TOKEN.*Retrying in the background/);
    assert.doesNotMatch(JSON.stringify(log), /wrong-token/, 'the token is never logged');
  } finally {
    await supervisor.stop();
    await telegramStand.close();
    await discordStand.close();
  }
});

test('Telegram with its API out of reach: says so, retried; stop() returns', async () => {
  const telegram = createTelegramPlatform(app, dispatcher, { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: `http://127.0.0.1:${await closedPort()}` })!;
  const { supervisor, status } = supervise([telegram]);
  await supervisor.start();
  assert.deepEqual(supervisor.running(), []);
  assert.match(status('telegram').reason!, /could not reach the Bot API at http:\/\/127\.0\.0\.1:\d+/);
  assert.match(status('telegram').hint!, /network/);
  await until(() => status('telegram').failures >= 2, 'retried');
  await supervisor.stop();
  assert.equal(status('telegram').state, 'stopped');
});

test('Telegram whose API never answers: the start is canceled at the deadline; stop() returns at once', async () => {
  const stand = await startTelegramStandIn();
  stand.hangGetMe = true;
  const telegram = createTelegramPlatform(app, dispatcher, { TELEGRAM_BOT_TOKEN: stand.token, TELEGRAM_API_ROOT: stand.apiRoot })!;
  const { supervisor, status } = supervise([telegram], { startTimeoutMs: 300, retryDelayMs: 60_000 });
  try {
    const started = Date.now();
    await supervisor.start();
    assert.ok(Date.now() - started < 3000);
    assert.match(status('telegram').reason!, /no answer within/);
    // And while a start hangs (the next one), stopping does not wait for it.
    const again = supervise([createTelegramPlatform(app, dispatcher, { TELEGRAM_BOT_TOKEN: stand.token, TELEGRAM_API_ROOT: stand.apiRoot })!], { startTimeoutMs: 60_000 });
    const starting = again.supervisor.start();
    await sleep(200);
    const stopAt = Date.now();
    await again.supervisor.stop();
    await starting;
    assert.ok(Date.now() - stopAt < 3000, 'stopped while the start hung');
    assert.deepEqual(again.supervisor.running(), []);
  } finally {
    await supervisor.stop();
    await stand.close();
  }
});

test('Telegram and another poller (409): at start and later; it runs again once the other one is gone', async () => {
  const stand = await startTelegramStandIn();
  stand.conflict = true;
  const telegram = createTelegramPlatform(app, dispatcher, { TELEGRAM_BOT_TOKEN: stand.token, TELEGRAM_API_ROOT: stand.apiRoot })!;
  const { supervisor, status } = supervise([telegram]);
  try {
    await supervisor.start();
    assert.equal(status('telegram').state, 'retrying');
    assert.match(status('telegram').reason!, /409 Conflict/);
    assert.match(status('telegram').hint!, /stop the other Cronista/);
    stand.conflict = false;
    await until(() => status('telegram').state === 'running', 'running once the other poller is gone');
    // Later, another process starts polling with the same token.
    stand.conflict = true;
    await until(() => status('telegram').state === 'retrying', 'the 409 while running is noticed');
    assert.match(status('telegram').reason!, /409 Conflict/);
    stand.conflict = false;
    await until(() => status('telegram').state === 'running', 'running again');
    const from = { id: 5, is_bot: false, first_name: 'U' };
    stand.pushUpdate({ message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } });
    await stand.waitForCalls((call) => call.method === 'sendMessage');
  } finally {
    await supervisor.stop();
    await stand.close();
  }
});

test('Discord with a wrong token: one line saying 401 and DISCORD_TOKEN, retried', async () => {
  const stand = await startGatewayStandIn({ token: 'the-right-token' });
  const discord = createDiscordPlatformWith(app, dispatcher, { DISCORD_TOKEN: 'a-wrong-token', DISCORD_API_BASE: stand.api }, {})!;
  const { supervisor, status } = supervise([discord]);
  const before = errorsAbout('discord').length;
  try {
    await supervisor.start();
    assert.equal(status('discord').state, 'retrying');
    assert.match(status('discord').reason!, /Discord refused the token/);
    assert.match(status('discord').hint!, /DISCORD_TOKEN/);
    await until(() => status('discord').failures >= 3, 'retried');
    assert.equal(errorsAbout('discord').length - before, 1, 'reported once');
    assert.doesNotMatch(JSON.stringify(log), /a-wrong-token/);
  } finally {
    await supervisor.stop();
    await stand.close();
  }
});

test('Discord with its API out of reach: says so, retried', async () => {
  const discord = createDiscordPlatformWith(app, dispatcher, { DISCORD_TOKEN: 'x', DISCORD_API_BASE: `http://127.0.0.1:${await closedPort()}/api` }, {})!;
  const { supervisor, status } = supervise([discord]);
  await supervisor.start();
  assert.match(status('discord').reason!, /could not reach the Discord API at http:\/\/127\.0\.0\.1:\d+\/api \(ECONNREFUSED\)/);
  assert.match(status('discord').hint!, /DISCORD_API_BASE/);
  await until(() => status('discord').failures >= 2, 'retried');
  await supervisor.stop();
});

test('Discord whose gateway never sends READY: fails at the deadline, is not reported again, and runs once READY comes', async () => {
  const stand = await startGatewayStandIn({ sendReady: false });
  const discord = createDiscordPlatformWith(app, dispatcher, { DISCORD_TOKEN: 'stand-in-token', DISCORD_API_BASE: stand.api }, { readyTimeoutMs: 400 })!;
  const { supervisor, status } = supervise([discord]);
  try {
    await supervisor.start();
    assert.equal(status('discord').state, 'retrying');
    assert.match(status('discord').reason!, /the gateway did not send READY within/);
    await until(() => status('discord').failures >= 2, 'tried again');
    stand.releaseReady();
    await until(() => status('discord').state === 'running', 'running once READY comes');
    const interaction = stand.interaction({ type: 2, data: { id: '1', name: 'help', type: 1 } });
    await stand.waitFor((call) => call.path.includes(interaction.token));
  } finally {
    await supervisor.stop();
    await stand.close();
  }
});
