/**
 * Paging buttons and cooldowns in distributed mode, on the real Redis and PostgreSQL of 127.0.0.1 with two real
 * `cronista start` processes serving a Telegram webhook each: a page button made by one coordinator is answered by the
 * other (its option set is in Redis under the deployment's prefix, with a day's expiry), and a cooldown started on one
 * holds on the other.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { PAGER_TTL_MS } from '../../src/platforms/telegram/bot-pager.ts';
import { startTelegramStandIn } from '../fixtures/telegram-stand-in.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { freshDataDir, runCli, seeds } from './helpers.ts';
import { distributedEnv, dropRedisPrefix, REDIS_URL, spawnCli, stopAll, waitFor } from './queue-helpers.ts';

const SECRET = 'shared-webhook-secret';
const READER = 4242;
const chat = { id: READER, type: 'private' };
const from = { id: READER, is_bot: false, first_name: 'Reader' };
const command = (text: string, id: number) => ({
  message: { message_id: id, date: Math.floor(Date.now() / 1000), chat, from, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] },
});

test('a page button made by one coordinator is answered by another; a cooldown started on one holds on the other', { timeout: 240_000 }, async (t) => {
  const database = await createTestDatabase();
  const prefix = `cronista-test-${randomBytes(4).toString('hex')}`;
  const telegram = await startTelegramStandIn();
  const configFile = join(freshDataDir(), 'cronista.yaml');
  writeFileSync(configFile, 'sources: []\n');
  const env = distributedEnv(configFile, database.url, prefix, {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example/telegram',
    TELEGRAM_WEBHOOK_PORT: '0',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const redis = new Redis(REDIS_URL);
  t.after(async () => {
    redis.disconnect();
    await telegram.close();
    await database.drop();
    await dropRedisPrefix(prefix);
  });
  const ingested = await runCli(['ingest', seeds], { data: freshDataDir(), env: { ...env, CRONISTA_LOG_LEVEL: 'warn' } });
  assert.equal(ingested.code, 0, ingested.stderr);

  const coordinators = [spawnCli('start', env), spawnCli('start', env)];
  try {
    await waitFor(() => coordinators.every((proc) => /cronista ready/.test(proc.output())), 'both coordinators');
    const ports = coordinators.map((proc) => /listening \(webhook on port (\d+)\)/.exec(proc.output())?.[1]);
    assert.ok(ports.every(Boolean), coordinators.map((proc) => proc.output()).join('\n----\n'));
    let updateId = 5000;
    const post = async (index: number, update: Record<string, unknown>) => {
      const answer = await fetch(`http://127.0.0.1:${ports[index]}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({ update_id: updateId++, ...update }),
      });
      assert.equal(answer.status, 200);
    };
    const callsTo = (method: string) => telegram.calls.filter((call) => call.method === method && call.status === 200);

    // A list whose options are too long for Telegram's 64 bytes: its buttons carry a key into the shared state.
    await post(0, command('/timeline from:2022-01-01 to:2024-12-31 story:peru-crisis query:Peru', 1));
    await waitFor(() => callsTo('sendMessage').some((call) => call.params.reply_markup), 'the first page, with its buttons');
    const page = callsTo('sendMessage').find((call) => call.params.reply_markup)!;
    const next = (page.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard[0]![0]!;
    assert.equal(next.text, 'Next ›');
    const key = /^pk:2:([\w-]+)$/.exec(next.callback_data)?.[1];
    assert.ok(key, next.callback_data);
    const ttl = await redis.pttl(`${prefix}:state:pager:telegram:${key}`);
    assert.ok(ttl > 0 && ttl <= PAGER_TTL_MS, `the option set lives a day in Redis (pttl ${ttl})`);

    // Pressed: the update reaches the other coordinator.
    const messageId = (page.result as { message_id: number }).message_id;
    await post(1, { callback_query: { id: 'cb-1', from, chat_instance: 'ci', data: next.callback_data, message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, text: 'x' } } });
    await waitFor(() => callsTo('editMessageText').length > 0, 'the page edited by the other coordinator');
    const edit = callsTo('editMessageText')[0]!;
    assert.equal(Number(edit.params.message_id), messageId);
    assert.match(String(edit.params.text), /Page 2 of 3/);
    const answered = callsTo('answerCallbackQuery').find((call) => call.params.callback_query_id === 'cb-1');
    assert.doesNotMatch(String(answered?.params.text ?? ''), /expired/);

    // /digest has a 10 s cooldown per caller: used on one coordinator, refused on the other.
    const sent = callsTo('sendMessage').length;
    await post(0, command('/digest', 2));
    await waitFor(() => callsTo('sendMessage').length > sent, 'the digest preview');
    assert.ok((await redis.pttl(`${prefix}:state:cooldown:digest:telegram:${READER}`)) > 0, 'the cooldown is in Redis');
    await post(1, command('/digest', 3));
    await waitFor(() => callsTo('sendMessage').some((call) => /\/digest was just used; try again in \d+ s/.test(String(call.params.text))), 'the other coordinator refusing');
  } finally {
    const codes = await stopAll(coordinators);
    assert.deepEqual(codes, [0, 0], coordinators.map((proc) => proc.output().slice(-3000)).join('\n----\n'));
  }
});
