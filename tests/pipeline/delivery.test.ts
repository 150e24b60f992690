import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

import type { Answer } from '../../src/core/answer.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { deliverDigest, deliverDigests, readCursor } from '../../src/pipeline/digest.ts';
import { type Destination } from '../../src/pipeline/destination.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { outboxKey, readLastError, readOutbox } from '../../src/pipeline/outbox.ts';
import { DeliveryError } from '../../src/core/errors.ts';
import { discordWebhookSender, senderFor, telegramChatSender, type SenderOptions } from '../../src/pipeline/senders.ts';
import { postWebhookMessage } from '../../src/platforms/discord/webhook.ts';
import { roundFeed } from '../fixtures/delivery-crash-child.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { startTelegramStandIn, type TelegramStandIn } from '../fixtures/telegram-stand-in.ts';

let discord: DiscordStandIn;
let telegram: TelegramStandIn;
let options: SenderOptions;
const apps: AppContext[] = [];

before(async () => {
  discord = await startDiscordStandIn();
  telegram = await startTelegramStandIn();
  options = {
    env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot },
    discord: { maxAttempts: 3 },
    telegram: { networkDelayMs: 20 },
  };
});

after(async () => {
  for (const app of apps) await app.store.close();
  await discord.close();
  await telegram.close();
});

let round = 0;
/** An app with `items` new stories in its store (long ones need several messages). */
async function appWithNews(items: number, length = 300): Promise<{ app: AppContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-delivery-'));
  const app = openApp(join(dir, 'data'));
  apps.push(app);
  await ingestTargets(app, [roundFeed(dir, ++round, items, length)]);
  return { app, dir };
}

const hook = (id: string, webhookUrl: string): Destination => ({ id, kind: 'discord_webhook', webhookUrl });
const chat = (id: string, chatId: string): Destination => ({ id, kind: 'telegram_chat', chatId });
const postsTo = (webhookId: string) => discord.posts.filter((post) => post.webhookId === webhookId);
const callsTo = (chatId: string) => telegram.calls.filter((call) => String(call.params.chat_id) === chatId);

test('a digest arrives at the Discord webhook: ?wait=true, allowed_mentions parse [], cursor moves, outbox cleared', async () => {
  const { app } = await appWithNews(8, 1800);
  const destination = hook('hook-a', discord.webhookUrl('1001'));
  const result = await deliverDigest(app, destination, await senderFor(app, destination, options));
  const posts = postsTo('1001');
  assert.ok(posts.length >= 2, `a long digest takes several messages (got ${posts.length})`);
  assert.equal(result.sent, posts.length);
  for (const post of posts) {
    assert.equal(post.query.wait, 'true');
    assert.deepEqual(post.payload.allowed_mentions, { parse: [] });
    assert.equal(post.contentType, 'application/json');
    assert.ok((post.payload.embeds as unknown[]).length > 0);
  }
  const text = posts.map((post) => JSON.stringify(post.payload.embeds)).join('\n');
  for (let index = 0; index < 8; index++) assert.match(text, new RegExp(`R${round}I${index}`));
  assert.deepEqual(await readCursor(app, destination.id), { sequence: result.digest.toSequence, at: result.digest.until });
  assert.equal(await readOutbox(app.store.kv, destination.id), undefined);

  const again = await deliverDigest(app, destination, await senderFor(app, destination, options));
  assert.equal(again.delivered, false, 'nothing new: nothing posted');
  assert.equal(postsTo('1001').length, posts.length);
});

test('a digest arrives in the Telegram chat: sendMessage with parse_mode HTML and link previews off', async () => {
  const { app } = await appWithNews(3);
  const destination = chat('tg-a', '-1001234567890');
  const result = await deliverDigest(app, destination, await senderFor(app, destination, options));
  const calls = callsTo('-1001234567890');
  assert.ok(calls.length >= 1);
  assert.equal(result.sent, calls.length);
  for (const call of calls) {
    assert.equal(call.method, 'sendMessage');
    assert.equal(call.token, telegram.token);
    assert.equal(call.status, 200);
    assert.equal(call.params.parse_mode, 'HTML');
    assert.deepEqual(call.params.link_preview_options, { is_disabled: true });
  }
  assert.match(String(calls[0]!.params.text), /^<b>What’s new|^<b>What's new/);
  assert.match(String(calls.map((c) => c.params.text).join('')), /<a href="https:\/\/bulletin\.example\//);
  assert.equal((await readCursor(app, destination.id)).sequence, result.digest.toSequence);
});

test('an answer with a PNG goes as sendPhoto (multipart) to Telegram and as a multipart file to Discord', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-photo-'));
  const png = join(dir, 'chart.png');
  // A 1×1 PNG.
  writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  const answer: Answer = {
    title: 'Deaths',
    sections: [{ lines: [['Toll <rises> & falls @everyone']] }],
    json: {},
    attachments: [{ name: 'chart.png', contentType: 'image/png', path: png, description: 'Deaths by day' }],
  };
  await telegramChatSender('@cronista_test', { token: telegram.token, apiRoot: telegram.apiRoot })(answer);
  const calls = callsTo('@cronista_test');
  assert.deepEqual(calls.map((c) => c.method), ['sendMessage', 'sendPhoto']);
  assert.match(String(calls[0]!.params.text), /Toll &lt;rises&gt; &amp; falls/);
  assert.match(calls[1]!.contentType, /^multipart\/form-data/);
  assert.equal(calls[1]!.files.length, 1);
  assert.equal(calls[1]!.files[0]!.field, 'photo');
  assert.ok(calls[1]!.files[0]!.size > 0);
  assert.equal(calls[1]!.params.caption, 'Deaths by day');
  assert.equal(calls[1]!.params.parse_mode, 'HTML');

  await discordWebhookSender(discord.webhookUrl('1002'))(answer);
  const [post] = postsTo('1002');
  assert.match(post!.contentType, /^multipart\/form-data/);
  assert.deepEqual(post!.files.map((f) => [f.field, f.name, f.type]), [['files[0]', 'chart.png', 'image/png']]);
  assert.deepEqual(post!.payload.allowed_mentions, { parse: [] });
  assert.deepEqual(post!.payload.attachments, [{ id: 0, filename: 'chart.png', description: 'Deaths by day' }]);
  assert.equal(post!.query.wait, 'true');
});

test('a 429 with retry_after is waited out and the message delivered once (Discord and Telegram)', async () => {
  const { app } = await appWithNews(2);
  const destination = hook('hook-429', discord.webhookUrl('1003'));
  discord.rateLimitNext(0.3);
  const started = Date.now();
  const result = await deliverDigest(app, destination, await senderFor(app, destination, options));
  assert.ok(Date.now() - started >= 280, 'waited retry_after');
  const posts = postsTo('1003');
  assert.deepEqual(posts.map((p) => p.status), [429, ...Array(result.sent).fill(200)]);
  assert.deepEqual(posts[0]!.payload, posts[1]!.payload, 'the same message was retried');
  assert.equal(discord.created().filter((p) => p.webhookId === '1003').length, result.sent, 'delivered once');

  const tgDestination = chat('tg-429', '777');
  telegram.rateLimitNext(1);
  const tgStarted = Date.now();
  const tgResult = await deliverDigest(app, tgDestination, await senderFor(app, tgDestination, options));
  assert.ok(Date.now() - tgStarted >= 950, 'waited retry_after');
  const calls = callsTo('777');
  assert.deepEqual(calls.map((c) => c.status), [429, ...Array(tgResult.sent).fill(200)]);
  assert.equal(calls[0]!.params.text, calls[1]!.params.text);
});

test('5xx is retried with backoff; a run that gives up keeps its outbox and the next run resumes it (nothing sent twice)', async () => {
  const { app } = await appWithNews(8, 1800);
  const destination = hook('hook-5xx', discord.webhookUrl('1004'));
  const send = await senderFor(app, destination, options);
  discord.failNext(502, 2);
  const ok = await deliverDigest(app, destination, send);
  assert.deepEqual(postsTo('1004').slice(0, 3).map((p) => p.status), [502, 502, 200]);
  assert.equal(discord.created().filter((p) => p.webhookId === '1004').length, ok.sent);

  // Second run: the second message fails more times than the sender tries.
  const more = await appWithNews(8, 1800);
  const dest2 = hook('hook-5xx-b', discord.webhookUrl('1005'));
  let calls = 0;
  discord.onPost = (post) => {
    if (post.webhookId === '1005' && ++calls === 2) discord.failNext(503, 3);
  };
  await assert.rejects(deliverDigest(more.app, dest2, await senderFor(more.app, dest2, options)), (error: unknown) => error instanceof DeliveryError && !error.permanent);
  discord.onPost = undefined;
  const pending = await readOutbox(more.app.store.kv, dest2.id);
  assert.ok(pending, 'outbox kept after a transient failure');
  assert.equal(pending.next, 1);
  assert.equal((await readCursor(more.app, dest2.id)).sequence, 0, 'cursor not moved');
  const lastError = await readLastError(more.app.store.kv, dest2.id);
  assert.equal(lastError?.permanent, false);
  assert.match(lastError!.reason, /gave up after 3 attempts \(503/);
  assert.doesNotMatch(lastError!.reason, /stand-in-token/, 'no webhook token in the reason');

  const resumed = await deliverDigest(more.app, dest2, await senderFor(more.app, dest2, options));
  assert.equal(resumed.resumed?.sent, pending.messages.length - 1);
  const created = discord.created().filter((p) => p.webhookId === '1005').map((p) => JSON.stringify(p.payload.embeds));
  assert.deepEqual(created, pending.messages.map((m) => JSON.stringify((m as { embeds: unknown }).embeds)), 'every message once, in order');
  assert.equal((await readCursor(more.app, dest2.id)).sequence, pending.toSequence);
  assert.equal(await readLastError(more.app.store.kv, dest2.id), undefined, 'cleared by a success');
});

test('rejected destinations (404 Unknown Webhook, 400 chat not found, 403 blocked) are reported, keep their cursor and do not block others', async () => {
  const { app } = await appWithNews(8, 1800);
  discord.unknownWebhooks.add('1006');
  telegram.missingChats.add('-100999');
  telegram.blockingChats.add('4242');
  const destinations = [
    hook('gone-hook', discord.webhookUrl('1006', 'secret-webhook-token')),
    chat('missing-chat', '-100999'),
    chat('blocked-chat', '4242'),
    hook('good-hook', discord.webhookUrl('1007')),
    chat('good-chat', '555'),
  ];
  const reports = await deliverDigests(app, destinations, { senderOptions: options });
  const byId = new Map(reports.map((report) => [report.destination, report]));

  const gone = byId.get('gone-hook')!;
  assert.equal(gone.ok, false);
  assert.ok(!gone.ok && gone.permanent);
  assert.ok(!gone.ok && /404 Unknown Webhook \(code 10015\)/.test(gone.reason), JSON.stringify(gone));
  assert.ok(!gone.ok && !gone.reason.includes('secret-webhook-token') && !gone.reason.includes('\n'));
  assert.ok(!gone.ok && gone.droppedMessages >= 2, 'the outbox is dropped and the report says how much');
  assert.equal(postsTo('1006').length, 1, 'a permanent refusal is not retried');

  const missing = byId.get('missing-chat')!;
  assert.ok(!missing.ok && missing.permanent && /400 Bad Request: chat not found/.test(missing.reason), JSON.stringify(missing));
  assert.ok(!missing.ok && !missing.reason.includes(telegram.token));
  const blocked = byId.get('blocked-chat')!;
  assert.ok(!blocked.ok && blocked.permanent && /403 Forbidden: bot was blocked by the user/.test(blocked.reason), JSON.stringify(blocked));

  for (const id of ['gone-hook', 'missing-chat', 'blocked-chat']) {
    assert.equal((await readCursor(app, id)).sequence, 0, `${id}: cursor not moved`);
    assert.equal(await app.store.kv.get(outboxKey(id)), undefined, `${id}: outbox dropped`);
    const lastError = await app.store.kv.get(`destination:${id}:last_error`);
    assert.ok(lastError, `${id}: last_error stored`);
  }
  const good = byId.get('good-hook')!;
  assert.ok(good.ok && good.sent >= 2);
  assert.ok((await readCursor(app, 'good-hook')).sequence > 0);
  assert.equal(discord.created().filter((p) => p.webhookId === '1007').length, good.ok ? good.sent : -1);
  const goodChat = byId.get('good-chat')!;
  assert.ok(goodChat.ok && goodChat.sent >= 1);
  assert.ok((await readCursor(app, 'good-chat')).sequence > 0);
});

test('a Telegram destination without TELEGRAM_BOT_TOKEN is reported, not thrown, and the token never reaches an error', async () => {
  const { app } = await appWithNews(1);
  const reports = await deliverDigests(app, [chat('no-token', '1')], { senderOptions: { env: {} } });
  assert.equal(reports[0]!.ok, false);
  assert.ok(!reports[0]!.ok && /TELEGRAM_BOT_TOKEN is not set/.test(reports[0]!.reason));

  const badToken = telegramChatSender('1', { token: '999:wrong-token-value', apiRoot: telegram.apiRoot });
  await assert.rejects(badToken({ sections: [{ lines: [['hi']] }], json: {} }), (error: unknown) => {
    assert.ok(error instanceof DeliveryError && error.permanent && error.status === 401);
    assert.ok(!error.message.includes('wrong-token-value'), error.message);
    return true;
  });
});

test('a webhook POST gives up on a 429 longer than allowed, transiently', async () => {
  discord.rateLimitNext(1000);
  await assert.rejects(
    postWebhookMessage(discord.webhookUrl('1008'), { embeds: [{ description: 'x' }], allowed_mentions: { parse: [] } }, { maxRetryAfterSeconds: 60 }),
    (error: unknown) => error instanceof DeliveryError && !error.permanent && error.status === 429,
  );
});

test('a webhook sender honors the rate-limit bucket Discord announces: once it knows the bucket it waits for the reset instead of meeting 429s', async () => {
  discord.bucket = { limit: 1, resetAfterSeconds: 0.4 };
  try {
    const send = discordWebhookSender(discord.webhookUrl('1011'));
    const started = Date.now();
    for (const text of ['one', 'two', 'three', 'four']) await send.sendMessage({ embeds: [{ description: text }], allowed_mentions: { parse: [] } });
    assert.ok(Date.now() - started >= 1100, 'waited for the bucket to reset');
    // The first answer names the bucket; the REST queue learns it (at most one 429 while it does) and then waits.
    const statuses = postsTo('1011').map((p) => p.status);
    assert.equal(statuses.filter((status) => status === 200).length, 4);
    assert.ok(statuses.filter((status) => status === 429).length <= 1, `met an empty bucket more than once: ${statuses.join(' ')}`);
  } finally {
    discord.bucket = undefined;
  }
});

test('a permanent failure partway through a digest moves the cursor past it: the next run does not re-post message 1', async () => {
  const { app } = await appWithNews(8, 1800);
  const destination = hook('hook-partial', discord.webhookUrl('1010'));
  let calls = 0;
  discord.onPost = (post) => {
    if (post.webhookId === '1010' && ++calls === 2) discord.failNext(400, 1); // the second message is refused
  };
  await assert.rejects(deliverDigest(app, destination, await senderFor(app, destination, options)), (error: unknown) => error instanceof DeliveryError && error.permanent);
  discord.onPost = undefined;
  const createdFirst = discord.created().filter((p) => p.webhookId === '1010').length;
  assert.equal(createdFirst, 1, 'message 1 went out, message 2 was refused');
  assert.equal(await readOutbox(app.store.kv, destination.id), undefined, 'outbox dropped');
  const lastError = await readLastError(app.store.kv, destination.id);
  assert.ok(lastError && lastError.permanent && lastError.droppedMessages >= 1, JSON.stringify(lastError));
  assert.ok((await readCursor(app, destination.id)).sequence > 0, 'cursor moved past the partly sent digest');

  const again = await deliverDigest(app, destination, await senderFor(app, destination, options));
  assert.equal(again.sent, 0, 'nothing re-posted');
  assert.equal(discord.created().filter((p) => p.webhookId === '1010').length, createdFirst);
});

test('with CRONISTA_PUBLIC_URL a digest ends with a link to the story page: an inline URL button on Telegram, a link button on Discord', async () => {
  const saved = process.env.CRONISTA_PUBLIC_URL;
  process.env.CRONISTA_PUBLIC_URL = 'https://news.cronista.example/peru/';
  try {
    const page = 'https://news.cronista.example/peru/stories/peru-crisis';
    const { app } = await appWithNews(3);
    const tg = chat('tg-link', '-1009876543210');
    await deliverDigest(app, tg, await senderFor(app, tg, options));
    const calls = callsTo('-1009876543210');
    assert.ok(calls.length >= 1);
    assert.deepEqual(calls.at(-1)!.params.reply_markup, { inline_keyboard: [[{ text: 'Story page: chart and timeline', url: page }]] });
    for (const call of calls.slice(0, -1)) assert.equal(call.params.reply_markup, undefined);

    const { app: other } = await appWithNews(3);
    const destination = hook('hook-link', discord.webhookUrl('1077'));
    await deliverDigest(other, destination, await senderFor(other, destination, options));
    const posts = postsTo('1077');
    const last = posts.at(-1)!;
    assert.equal(last.query.with_components, 'true', 'webhooks drop components without ?with_components=true');
    assert.deepEqual(last.payload.components, [{ type: 1, components: [{ type: 2, style: 5, label: 'Story page: chart and timeline', url: page }] }]);
    for (const post of posts.slice(0, -1)) assert.equal(post.payload.components, undefined);
  } finally {
    if (saved === undefined) delete process.env.CRONISTA_PUBLIC_URL;
    else process.env.CRONISTA_PUBLIC_URL = saved;
  }
});

test('a run whose lease passed on (mayWrite false) writes nothing: the outbox the run that took over saved stays, cursor and last error untouched', async () => {
  const { app } = await appWithNews(3);
  const destination: Destination = { id: 'fenced', kind: 'discord_webhook', webhookUrl: 'https://discord.invalid/api/webhooks/1/x' };
  const sent: unknown[] = [];
  const send = async (answer: Answer) => void sent.push(answer);
  const cursorBefore = await readCursor(app, destination.id);
  // While this run was building its digest (paused past its lease), another took over and saved its own outbox.
  const newer = { destination: destination.id, platform: 'console', fromSequence: 0, toSequence: 99, until: null, messages: ['the new holder\'s'], next: 0, createdAt: '2026-12-03T00:00:00.000Z' };
  let asked = 0;
  const mayWrite = () => {
    if (asked++ === 0) void app.store.kv.set(outboxKey(destination.id), newer);
    return false;
  };
  await assert.rejects(deliverDigest(app, destination, send, { mayWrite }), (error: unknown) => error instanceof DeliveryError && !error.permanent && /no longer holds the destination/.test(error.message));
  assert.ok(asked > 0, 'the fence was asked');
  assert.deepEqual(await readOutbox(app.store.kv, destination.id), newer, 'the newer outbox is left as it was');
  assert.deepEqual(await readCursor(app, destination.id), cursorBefore);
  assert.equal(await readLastError(app.store.kv, destination.id), undefined, 'no last error recorded by a run that lost its lease');
  assert.equal(sent.length, 0);

  // Through deliverDigests (what a queued digest job runs): reported, nothing recorded.
  await app.store.kv.delete(outboxKey(destination.id));
  const [report] = await deliverDigests(app, [destination], { senderFor: async () => send, mayWrite: () => false });
  assert.equal(report?.ok, false);
  assert.equal(await readOutbox(app.store.kv, destination.id), undefined);
  assert.equal(await readLastError(app.store.kv, destination.id), undefined);

  // Held: delivered as ever.
  const [held] = await deliverDigests(app, [destination], { senderFor: async () => send, mayWrite: () => true });
  assert.equal(held?.ok, true);
  assert.ok(sent.length > 0);
  assert.ok((await readCursor(app, destination.id)).sequence > (cursorBefore?.sequence ?? 0));
});
