/**
 * The Telegram platform end to end: real grammY (long polling, and a webhook) against the local Bot API
 * stand-in over HTTP, a real app over the seed pages, and the real Dispatcher with commands/index.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { commands } from '../../commands/index.ts';
import { textAnswer } from '../../src/core/answer.ts';
import { openApp } from '../../src/app.ts';
import type { Caller, CommandDefinition } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { channelPostHook } from '../../src/pipeline/channel-posts.ts';
import { createTelegramPlatform, MAX_CONCURRENT_UPDATES, type TelegramPlatform } from '../../src/platforms/telegram/bot.ts';
import { startTelegramStandIn, type TelegramCall, type TelegramStandIn } from '../fixtures/telegram-stand-in.ts';
import type { HttpMount } from '../../src/platforms/platform.ts';
import { WebServer } from '../../src/platforms/web/server.ts';

const BOT = 'cronista_test_bot';
const OPERATOR = 9001; // in TELEGRAM_ADMIN_IDS
const GROUP = { id: -1001111111111, type: 'supergroup', title: 'Newsroom <&> chat' } as const;
const SEND = new Set(['sendMessage', 'sendPhoto', 'sendDocument']);
/** Example options for commands that need some; a command with subcommands runs a read-only one (list, show, export). */
const EXAMPLES: Record<string, string> = { search: 'Juliaca', timeline: 'from:2022-12-01' };
function exampleLine(command: CommandDefinition, address = ''): string {
  const sub =
    command.subcommands?.find((candidate) => ['list', 'show', 'export'].includes(candidate.name)) ??
    command.subcommands?.find((candidate) => !candidate.options.some((option) => option.required));
  const rest = [sub?.name, EXAMPLES[command.name]].filter(Boolean).join(' ');
  return `/${command.name}${address}${rest ? ` ${rest}` : ''}`;
}

/** A test-only admin command next to the real ones: it records who got through. */
const probeCalls: Caller[] = [];
const adminProbe: CommandDefinition = {
  name: 'adminprobe',
  description: 'Test-only admin command',
  permission: 'admin',
  options: [],
  async run(_app, input) {
    probeCalls.push(input.caller);
    return textAnswer('probe ran');
  },
};

let telegram: TelegramStandIn;
let app: AppContext;
let platform: TelegramPlatform;
let nextMessageId = 500;
let nextUserId = 100;

const user = (id = nextUserId++) => ({ id, is_bot: false, first_name: `User ${id}` });
const privateChat = (from: { id: number }) => ({ id: from.id, type: 'private', first_name: 'User' });

async function settle(stand: TelegramStandIn = telegram, bot: TelegramPlatform = platform): Promise<void> {
  const deadline = Date.now() + 5000;
  while (stand.pendingUpdates() > 0) {
    if (Date.now() > deadline) throw new Error('updates were not fetched');
    await sleep(5);
  }
  await bot.idle();
}

/** Pushes one message update, waits until it was handled, returns the calls it caused. */
async function say(text: string, chat: Record<string, unknown>, from: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): Promise<{ calls: TelegramCall[]; messageId: number }> {
  const mark = telegram.calls.length;
  const messageId = nextMessageId++;
  const commandLength = text.startsWith('/') ? text.split(/\s/)[0]!.length : 0;
  telegram.pushUpdate({
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat,
      ...(from ? { from } : {}),
      text,
      ...(commandLength ? { entities: [{ type: 'bot_command', offset: 0, length: commandLength }] } : {}),
      ...extra,
    },
  });
  await settle();
  return { calls: telegram.calls.slice(mark).filter((call) => call.method !== 'getUpdates'), messageId };
}

const sends = (calls: TelegramCall[]) => calls.filter((call) => SEND.has(call.method) && call.status === 200);
const texts = (calls: TelegramCall[]) => sends(calls).filter((call) => call.method === 'sendMessage').map((call) => String(call.params.text));

before(async () => {
  telegram = await startTelegramStandIn({ botUsername: BOT });
  app = openApp(mkdtempSync(join(tmpdir(), 'cronista-telegram-')));
  await ingestTargets(app, [join(import.meta.dirname, '../fixtures/seeds')]);
  const dispatcher = new Dispatcher(app, [...commands, adminProbe]);
  const created = createTelegramPlatform(app, dispatcher, {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: `${telegram.apiRoot}/`,
    TELEGRAM_ADMIN_IDS: ` ${OPERATOR}, not-an-id`,
  }, { channelPost: channelPostHook(app) });
  assert.ok(created);
  platform = created as TelegramPlatform;
  await platform.start();
});

after(async () => {
  await platform?.stop();
  await telegram?.close();
  await app?.store.close();
});

test('no token, no platform', () => {
  assert.equal(createTelegramPlatform(app, new Dispatcher(app, commands), {}), null);
  assert.equal(createTelegramPlatform(app, new Dispatcher(app, commands), { TELEGRAM_BOT_TOKEN: '  ' }), null);
});

test('start registers commands: everyone’s by default, all of them for chat administrators', () => {
  const registered = telegram.calls.filter((call) => call.method === 'setMyCommands' && call.status === 200);
  const byScope = (type: string | undefined) => registered.find((call) => (call.params.scope as { type?: string } | undefined)?.type === type);
  const everyone = byScope(undefined)!.params.commands as { command: string; description: string }[];
  const admins = byScope('all_chat_administrators')!.params.commands as { command: string; description: string }[];
  assert.deepEqual(everyone.map((c) => c.command), commands.filter((c) => c.permission === 'everyone').map((c) => c.name));
  assert.deepEqual(admins.map((c) => c.command), [...commands, adminProbe].map((c) => c.name));
  assert.ok(admins.includes(admins.find((c) => c.command === 'adminprobe')!));
  for (const command of admins) {
    assert.match(command.command, /^[a-z0-9_]{1,32}$/);
    assert.ok(command.description.length >= 1 && command.description.length <= 256);
  }
  const operator = byScope('chat');
  assert.equal((operator?.params.scope as { chat_id?: number }).chat_id, OPERATOR);
  assert.ok(telegram.calls.some((call) => call.method === 'deleteWebhook'), 'long polling removes any webhook first');
  for (const call of telegram.calls) assert.equal(call.token, telegram.token);
});

test('every command answers in a private chat', async () => {
  const from = user();
  const operator = user(OPERATOR);
  for (const command of commands) {
    const line = exampleLine(command);
    const caller = command.permission === 'admin' ? operator : from;
    const { calls } = await say(line, privateChat(caller), caller);
    const sent = sends(calls);
    assert.ok(sent.length > 0, `${line} got an answer`);
    for (const call of sent) {
      assert.equal(String(call.params.chat_id), String(caller.id), `${line} answers in the private chat`);
      assert.equal(call.params.parse_mode, 'HTML');
      assert.equal(call.params.reply_parameters, undefined, 'no reply quote in a private chat');
    }
    for (const text of texts(calls)) {
      assert.ok(text.length <= 4096);
      assert.doesNotMatch(text, /Unknown command|failed:|needs |for admins only/, `${line}: ${text.slice(0, 200)}`);
    }
    if (command.name === 'deaths') {
      const photo = sent.find((call) => call.method === 'sendPhoto');
      assert.ok(photo, '/deaths sends its chart');
      assert.equal(photo.files[0]?.type === 'image/png' || photo.files[0]?.name.endsWith('.png'), true);
      assert.ok(photo.files[0]!.size > 1000);
    }
  }
});

test('every command answers in a group when addressed to this bot, as a reply in the group', async () => {
  const from = user();
  const groupAdmin = user();
  telegram.chatMembers.set(`${GROUP.id}:${groupAdmin.id}`, 'administrator');
  for (const command of commands) {
    const line = exampleLine(command, `@${BOT}`);
    const { calls, messageId } = await say(line, GROUP, command.permission === 'admin' ? groupAdmin : from);
    const sent = sends(calls);
    assert.ok(sent.length > 0, `${line} got an answer`);
    for (const call of sent) assert.equal(String(call.params.chat_id), String(GROUP.id), `${line} answers in the group`);
    assert.deepEqual(sent[0]!.params.reply_parameters, { message_id: messageId, allow_sending_without_reply: true });
    for (const text of texts(calls)) assert.doesNotMatch(text, /Unknown command|failed:|needs |for admins only/, `${line}: ${text.slice(0, 200)}`);
    if (command.name === 'deaths') {
      const photo = sent.find((call) => call.method === 'sendPhoto');
      assert.ok(photo && photo.files.length === 1, '/deaths@bot sends the chart to the group');
      assert.equal(photo.params.parse_mode, 'HTML');
    }
    if (command.name === 'digest') assert.ok(texts(calls).length > 0, '/digest previews in the group itself');
  }
});

test('commands for another bot, and unknown unaddressed ones in a group, are ignored', async () => {
  const from = user();
  assert.deepEqual(sends((await say('/deaths@some_other_bot', GROUP, from)).calls), []);
  assert.deepEqual(sends((await say('/weather Lima', GROUP, from)).calls), []);
  assert.deepEqual(sends((await say('just chatting about /deaths', GROUP, from)).calls), []);
  const unknown = texts((await say(`/weather@${BOT}`, GROUP, from)).calls);
  assert.match(unknown.join('\n'), /Unknown command \/weather/);
  const privately = texts((await say('/start', privateChat(from), from)).calls);
  assert.match(privately.join('\n'), /\/deaths/, '/start shows the help');
});

test('answers are HTML-escaped', async () => {
  const from = user();
  const { calls } = await say(`/search@${BOT} <b>Lima</b> & co <script>`, GROUP, from);
  const [text] = texts(calls);
  assert.ok(text);
  assert.match(text, /&lt;b&gt;Lima&lt;\/b&gt; &amp; co &lt;script&gt;/);
  assert.doesNotMatch(text, /<b>Lima|<script>/);
  // Bad options come back as a message, escaped too.
  const bad = texts((await say('/timeline from:<yesterday>', privateChat(from), from)).calls);
  assert.match(bad.join(''), /is not a date/);
  assert.match(bad.join(''), /&lt;yesterday&gt;/);
});

test('admin commands: group members are refused, chat administrators and operators are served', async () => {
  const member = user();
  const admin = user();
  const creator = user();
  telegram.chatMembers.set(`${GROUP.id}:${admin.id}`, 'administrator');
  telegram.chatMembers.set(`${GROUP.id}:${creator.id}`, 'creator');
  probeCalls.length = 0;

  const refused = await say(`/adminprobe@${BOT}`, GROUP, member);
  assert.match(texts(refused.calls).join(''), /for admins only/);
  assert.equal(probeCalls.length, 0, 'a refused command never runs');
  assert.ok(refused.calls.some((call) => call.method === 'getChatMember' && Number(call.params.user_id) === member.id));

  assert.match(texts((await say(`/adminprobe@${BOT}`, GROUP, admin)).calls).join(''), /probe ran/);
  assert.match(texts((await say('/adminprobe', GROUP, creator)).calls).join(''), /probe ran/);
  // Anonymous group admin: the message is sent on behalf of the group.
  const anonymous = await say('/adminprobe', GROUP, { id: 1087968824, is_bot: true, first_name: 'Group' }, { sender_chat: GROUP });
  assert.match(texts(anonymous.calls).join(''), /probe ran/);
  assert.deepEqual(probeCalls.map((caller) => caller.isAdmin), [true, true, true]);
  assert.equal(probeCalls[0]!.userId, String(admin.id));
  assert.equal(probeCalls[0]!.chatId, String(GROUP.id));

  // Cached: the second command by the same member asks Telegram no more.
  const again = await say(`/adminprobe@${BOT}`, GROUP, member);
  assert.equal(again.calls.filter((call) => call.method === 'getChatMember').length, 0);
  assert.match(texts(again.calls).join(''), /for admins only/);

  // Private chats: only TELEGRAM_ADMIN_IDS, without asking Telegram.
  const stranger = await say('/adminprobe', privateChat(member), member);
  assert.match(texts(stranger.calls).join(''), /for admins only/);
  assert.equal(stranger.calls.filter((call) => call.method === 'getChatMember').length, 0);
  const operator = user(OPERATOR);
  assert.match(texts((await say('/adminprobe', privateChat(operator), operator)).calls).join(''), /probe ran/);
  // An operator is an admin in any group, too.
  assert.match(texts((await say('/adminprobe', GROUP, operator)).calls).join(''), /probe ran/);
});

test('a chat_member update (an admin demoted) clears the cached admin status at once', async () => {
  const admin = user();
  telegram.chatMembers.set(`${GROUP.id}:${admin.id}`, 'administrator');
  probeCalls.length = 0;
  assert.match(texts((await say('/adminprobe', GROUP, admin)).calls).join(''), /probe ran/);
  // Cached: no new getChatMember would be asked for within the cache time.
  telegram.chatMembers.set(`${GROUP.id}:${admin.id}`, 'member');
  telegram.pushUpdate({
    chat_member: {
      chat: GROUP,
      from: user(),
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { user: admin, status: 'administrator', can_be_edited: true },
      new_chat_member: { user: admin, status: 'member' },
    },
  });
  await settle();
  const demoted = await say('/adminprobe', GROUP, admin);
  assert.match(texts(demoted.calls).join(''), /for admins only/);
  assert.ok(demoted.calls.some((call) => call.method === 'getChatMember' && Number(call.params.user_id) === admin.id), 'asked Telegram again');
  assert.equal(probeCalls.length, 1);
  // Telegram sends chat_member only when asked for it.
  const polls = telegram.calls.filter((call) => call.method === 'getUpdates' && call.params.allowed_updates);
  assert.ok(polls.length > 0 && polls.every((call) => JSON.stringify(call.params.allowed_updates).includes('"chat_member"')), JSON.stringify(polls[0]?.params));
});

test('a getChatMember that loses its connection is asked again: the group admin is served, not refused', async () => {
  const admin = user();
  telegram.chatMembers.set(`${GROUP.id}:${admin.id}`, 'administrator');
  probeCalls.length = 0;
  telegram.failChatMember(1);
  const { calls } = await say(`/adminprobe@${BOT}`, GROUP, admin);
  assert.equal(calls.filter((call) => call.method === 'getChatMember').length, 2, 'asked twice');
  assert.match(texts(calls).join(''), /probe ran/);
  assert.equal(probeCalls.length, 1);
});

test('when Telegram cannot say who is an admin, an admin command says so and runs nothing; everyone\'s commands still answer', async () => {
  const admin = user();
  telegram.chatMembers.set(`${GROUP.id}:${admin.id}`, 'administrator');
  probeCalls.length = 0;
  telegram.failChatMember(3);
  const { calls } = await say(`/adminprobe@${BOT}`, GROUP, admin);
  const answer = texts(calls).join('');
  assert.match(answer, /Telegram did not answer whether you are an admin/);
  assert.doesNotMatch(answer, /for admins only/);
  assert.equal(probeCalls.length, 0);
  // Not cached as "not an admin": once Telegram answers, the admin is served.
  assert.match(texts((await say(`/adminprobe@${BOT}`, GROUP, admin)).calls).join(''), /probe ran/);
  const member = user();
  telegram.failChatMember(3);
  assert.match(texts((await say(`/help@${BOT}`, GROUP, member)).calls).join(''), /\/deaths/, '/help answers anyway');
});

test('a real admin command from commands/index.ts is refused to a group member', async (t) => {
  const real = commands.find((command) => command.permission === 'admin');
  if (!real) return t.skip('no admin command in commands/index.ts yet (/feeds, /destination are being written)');
  const member = user();
  const { calls } = await say(`/${real.name}@${BOT}`, GROUP, member);
  assert.match(texts(calls).join(''), /for admins only; nothing was changed/);
});

test('a 429 with retry_after on sendMessage is retried and the answer delivered once', async () => {
  const from = user();
  telegram.rateLimitNext(1);
  const started = Date.now();
  const { calls } = await say('/help', privateChat(from), from);
  const attempts = calls.filter((call) => call.method === 'sendMessage');
  assert.deepEqual(attempts.map((call) => call.status), [429, 200]);
  assert.equal(attempts[0]!.params.text, attempts[1]!.params.text);
  assert.ok(Date.now() - started >= 900, 'waited retry_after');
});

test('paged answers get ‹ Previous / Next › buttons that edit the message in place', async () => {
  const from = user();
  const chat = privateChat(from);
  const { calls } = await say('/timeline', chat, from);
  const page = sends(calls).find((call) => call.params.reply_markup);
  assert.ok(page, 'the paged message has buttons');
  const firstKeyboard = (page.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
  assert.deepEqual(firstKeyboard.flat().map((button) => button.text), ['Next ›']);
  const next = firstKeyboard[0]![0]!.callback_data;
  assert.ok(Buffer.byteLength(next) <= 64);
  const messageId = (page.result as { message_id: number }).message_id;

  const press = async (data: string, id: string, onMessage = messageId) => {
    const mark = telegram.calls.length;
    telegram.pushUpdate({ callback_query: { id, from, chat_instance: 'ci', data, message: { message_id: onMessage, date: Math.floor(Date.now() / 1000), chat, text: 'x' } } });
    await settle();
    return telegram.calls.slice(mark);
  };
  const pressed = await press(next, 'cb-1');
  const edit = pressed.find((call) => call.method === 'editMessageText');
  assert.ok(edit, 'the message is edited');
  assert.equal(Number(edit.params.message_id), messageId);
  assert.equal(String(edit.params.chat_id), String(from.id));
  assert.equal(edit.params.parse_mode, 'HTML');
  assert.match(String(edit.params.text), /Page 2 of \d+/);
  const keyboard = (edit.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
  assert.deepEqual(keyboard.map((button) => button.text), ['‹ Previous', 'Next ›']);
  assert.ok(pressed.some((call) => call.method === 'answerCallbackQuery' && call.params.callback_query_id === 'cb-1'));
  assert.equal(sends(pressed).length, 0, 'no new message');

  const back = await press(keyboard[0]!.callback_data, 'cb-2');
  assert.match(String(back.find((call) => call.method === 'editMessageText')?.params.text), /Page 1 of/);

  // Options too long for 64 bytes are kept server-side behind a short key.
  const long = await say('/timeline from:2022-01-01 to:2024-12-31 story:peru-crisis query:Peru', chat, from);
  const longPage = sends(long.calls).find((call) => call.params.reply_markup);
  assert.ok(longPage, 'this query has several pages');
  const data = (longPage.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
  assert.ok(Buffer.byteLength(data) <= 64);
  assert.match(data, /^pk:/);
  const longEdit = (await press(data, 'cb-3', (longPage.result as { message_id: number }).message_id)).find((call) => call.method === 'editMessageText');
  assert.match(String(longEdit?.params.text), /Page 2 of 3/);

  // A key from before a restart: the query is answered, nothing is edited.
  const expired = await press('pk:2:zzzz', 'cb-4');
  assert.equal(expired.filter((call) => call.method === 'editMessageText').length, 0);
  const answered = expired.find((call) => call.method === 'answerCallbackQuery');
  assert.match(String(answered?.params.text), /expired/);
});

describe('a Telegram channel as a source', () => {
  const channel = { id: -1002222222222, type: 'channel', title: 'Perú <Noticias>', username: 'PeruNoticias' };
  const published = Math.floor(Date.parse('2023-03-03T15:00:00Z') / 1000);
  const post = (text: string, extra: Record<string, unknown> = {}) => ({ message_id: 77, date: published, chat: channel, sender_chat: channel, text, ...extra });
  const timelineText = async () => {
    const from = user();
    return texts((await say('/timeline query:Congress from:2023-03-01 to:2023-03-31', privateChat(from), from)).calls).join('\n');
  };

  test('a post in a subscribed channel is stored and reaches /timeline; an edit replaces it', async () => {
    await app.settings.addSource({ url: 'https://t.me/perunoticias' });
    const documents = await app.store.countDocuments();
    telegram.pushUpdate({
      channel_post: post('Congress rejects early elections\nCongress voted on Thursday (March 2) to reject early elections in Lima. At least 60 people have died in the protests since December, the ombudsman said. Full story', {
        entities: [{ type: 'text_link', offset: 170, length: 10, url: 'https://example.org/peru/congress' }],
      }),
    });
    await settle();
    assert.equal(await app.store.countDocuments(), documents + 1);
    const source = await app.store.getSource('https://t.me/perunoticias');
    assert.equal(source?.kind, 'telegram');
    assert.equal(source?.title, 'Perú <Noticias>');
    const [hit] = await app.store.searchDocuments('ombudsman Congress', 5);
    assert.ok(hit);
    const document = await app.store.getDocument(hit.documentId);
    assert.equal(document?.title, 'Congress rejects early elections');
    assert.equal(document?.published, '2023-03-03T15:00:00.000Z');
    assert.match(document!.text, /https:\/\/example\.org\/peru\/congress/, 'links from entities are kept');
    const [copy] = await app.store.copiesOf(hit.documentId);
    assert.equal(copy?.url, 'https://t.me/PeruNoticias/77');

    const timeline = await timelineText();
    assert.match(timeline, /2023-03-02/);
    assert.match(timeline, /reject early elections/);
    assert.match(timeline, /t\.me\/PeruNoticias\/77/);
    const figures = await app.store.listFigures({ kinds: ['deaths'] });
    assert.ok(figures.some((figure) => figure.documentId === hit.documentId && figure.value === 60), 'the figure is extracted');

    telegram.pushUpdate({
      edited_channel_post: post('Congress rejects early elections again\nCongress voted on Friday (March 3) to reject early elections in Lima. At least 61 people have died in the protests since December, the ombudsman said.', {
        edit_date: published + 600,
      }),
    });
    await settle();
    assert.equal(await app.store.countDocuments(), documents + 1, 'an edit is no new document');
    const updated = await app.store.getDocument(hit.documentId);
    assert.match(updated!.text, /Friday \(March 3\)/);
    assert.equal(updated?.title, 'Congress rejects early elections again');
    const after = await timelineText();
    assert.match(after, /2023-03-03/);
    assert.doesNotMatch(after, /2023-03-02/);
    const figuresAfter = await app.store.listFigures({ kinds: ['deaths'] });
    assert.ok(figuresAfter.some((figure) => figure.documentId === hit.documentId && figure.value === 61));
    assert.ok(!figuresAfter.some((figure) => figure.documentId === hit.documentId && figure.value === 60));
    assert.equal((await app.store.searchDocuments('Friday ombudsman', 5))[0]?.documentId, hit.documentId, 'search sees the edit');
  });

  test('posts in channels nobody subscribed to, and posts without text, are ignored', async () => {
    const documents = await app.store.countDocuments();
    telegram.pushUpdate({ channel_post: { ...post('Congress voted on Thursday (March 2) in Cusco.'), chat: { ...channel, id: -1003333, username: 'elsewhere' }, message_id: 5 } });
    telegram.pushUpdate({ channel_post: { message_id: 78, date: published, chat: channel, photo: [{ file_id: 'x', file_unique_id: 'x', width: 1, height: 1 }] } });
    await settle();
    assert.equal(await app.store.countDocuments(), documents);
    assert.equal(await app.store.getSource('https://t.me/elsewhere'), null);
  });
});

describe('concurrency', () => {
  test('updates run concurrently across chats, at most MAX_CONCURRENT_UPDATES at once, in order within a chat', async () => {
    const stand = await startTelegramStandIn({ botUsername: BOT });
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const slow: CommandDefinition = {
      name: 'slow', description: 'Takes a while', permission: 'everyone', options: [{ name: 'n', description: 'n', type: 'string' }],
      async run(_app, input) {
        running++;
        most = Math.max(most, running);
        await sleep(40);
        order.push(`${input.caller.chatId}:${String(input.options.n)}`);
        running--;
        return textAnswer('done');
      },
    };
    const bot = createTelegramPlatform(app, new Dispatcher(app, [slow]), { TELEGRAM_BOT_TOKEN: stand.token, TELEGRAM_API_ROOT: stand.apiRoot }) as TelegramPlatform;
    await bot.start();
    try {
      const chats = MAX_CONCURRENT_UPDATES + 18;
      for (let n = 1; n <= 3; n++) {
        for (let chat = 1; chat <= chats; chat++) {
          const from = { id: chat, is_bot: false, first_name: 'U' };
          const text = `/slow n:${n}`;
          stand.pushUpdate({ message: { message_id: n, date: 1, chat: privateChat(from), from, text, entities: [{ type: 'bot_command', offset: 0, length: 5 }] } });
        }
      }
      await stand.waitForCalls((call) => call.method === 'sendMessage', chats * 3, 20_000);
      await settle(stand, bot);
      assert.ok(most > 1, 'chats ran at the same time');
      assert.ok(most <= MAX_CONCURRENT_UPDATES, `${most} ran at once`);
      for (let chat = 1; chat <= chats; chat++) {
        assert.deepEqual(order.filter((entry) => entry.startsWith(`${chat}:`)), [`${chat}:1`, `${chat}:2`, `${chat}:3`], `chat ${chat} in order`);
      }
    } finally {
      await bot.stop();
      await stand.close();
    }
  });
});

describe('webhook mode and stopping', () => {
  test('a webhook checks the secret token, answers, and stop() waits for handlers in flight', async () => {
    const stand = await startTelegramStandIn({ botUsername: BOT });
    let release!: () => void;
    const slow: CommandDefinition = {
      name: 'slow',
      description: 'Answers once released',
      permission: 'everyone',
      options: [],
      async run() {
        await new Promise<void>((resolve) => (release = resolve));
        return textAnswer('slow answer');
      },
    };
    const bot = createTelegramPlatform(app, new Dispatcher(app, [slow, ...commands]), {
      TELEGRAM_BOT_TOKEN: stand.token,
      TELEGRAM_API_ROOT: stand.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
      TELEGRAM_WEBHOOK_PORT: '0',
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
      TELEGRAM_WEBHOOK_SECRET: 'hook-secret_1',
    }) as TelegramPlatform;
    try {
      await bot.start();
      const setWebhook = stand.calls.find((call) => call.method === 'setWebhook');
      assert.equal(setWebhook?.params.url, 'https://bot.example.org/telegram/hook');
      assert.equal(setWebhook?.params.secret_token, 'hook-secret_1');
      assert.ok(!stand.calls.some((call) => call.method === 'getUpdates'), 'no polling in webhook mode');
      const port = bot.webhookPort();
      const from = user();
      const update = (text: string, id: number) => ({
        update_id: id,
        message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: privateChat(from), from, text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
      });
      const post = (body: unknown, secret?: string, path = '/telegram/hook') =>
        fetch(`http://127.0.0.1:${port}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
          body: JSON.stringify(body),
        });
      assert.equal((await post(update('/help', 1), 'wrong')).status, 401);
      assert.equal((await post(update('/help', 2))).status, 401);
      assert.equal((await post(update('/help', 3), 'hook-secret_1', '/elsewhere')).status, 404);
      assert.equal((await post(update('/help', 4), 'hook-secret_1')).status, 200);
      await stand.waitForCalls((call) => call.method === 'sendMessage' && /\/deaths/.test(String(call.params.text)));

      assert.equal((await post(update('/slow', 5), 'hook-secret_1')).status, 200, 'answered at once; the command runs on');
      const stopping = bot.stop();
      let stopped = false;
      void stopping.then(() => (stopped = true));
      await sleep(50);
      assert.equal(stopped, false, 'stop() waits for /slow');
      release();
      await stopping;
      assert.ok(stand.calls.some((call) => call.method === 'sendMessage' && call.params.text === 'slow answer' && call.status === 200));
      await assert.rejects(post(update('/help', 6), 'hook-secret_1'), 'the server is closed');
    } finally {
      await bot.stop();
      await stand.close();
    }
  });

  test('without a port of its own, the webhook is served on the story pages\' server', async () => {
    const stand = await startTelegramStandIn({ botUsername: BOT });
    const mounted = new Map<string, Parameters<HttpMount['mount']>[1]>();
    const http: HttpMount = { mount: (path, handler) => (mounted.set(path, handler), () => mounted.delete(path)) };
    const web = new WebServer(app, { host: '127.0.0.1', port: 0, mounted });
    const env = {
      TELEGRAM_BOT_TOKEN: stand.token,
      TELEGRAM_API_ROOT: stand.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://news.example.org/telegram/updates',
      TELEGRAM_WEBHOOK_SECRET: 'shared-secret',
    };
    const bot = createTelegramPlatform(app, new Dispatcher(app, commands), env, { http }) as TelegramPlatform;
    try {
      await web.start();
      await bot.start();
      assert.equal(stand.calls.find((call) => call.method === 'setWebhook')?.params.url, 'https://news.example.org/telegram/updates');
      assert.equal(bot.webhookPort(), null, 'no server of its own');
      const from = user();
      const post = (secret: string) =>
        fetch(new URL('/telegram/updates', web.url!), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: privateChat(from), from, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } }),
        });
      assert.equal((await post('wrong')).status, 401);
      assert.equal((await post('shared-secret')).status, 200);
      await stand.waitForCalls((call) => call.method === 'sendMessage' && /\/deaths/.test(String(call.params.text)));
      assert.equal((await fetch(new URL('/healthz', web.url!))).status, 200, 'the pages are still served');
      await bot.stop();
      assert.equal(mounted.size, 0, 'stopping takes the webhook off the server');
      assert.equal((await post('shared-secret')).status, 404);
      const alone = createTelegramPlatform(app, new Dispatcher(app, commands), env) as TelegramPlatform;
      await assert.rejects(alone.start(), /nothing serves it/, 'without the pages\' server a webhook needs its port');
      await alone.stop();
    } finally {
      await bot.stop();
      await web.stop();
      await stand.close();
    }
  });

  test('long polling: stop() ends polling and waits for the handler in flight', async () => {
    const stand = await startTelegramStandIn({ botUsername: BOT });
    let release!: () => void;
    const slow: CommandDefinition = {
      name: 'slow', description: 'Answers once released', permission: 'everyone', options: [],
      async run() {
        await new Promise<void>((resolve) => (release = resolve));
        return textAnswer('slow answer');
      },
    };
    const brokenChart: CommandDefinition = {
      name: 'brokenchart', description: 'A chart whose file is gone', permission: 'everyone', options: [],
      async run() {
        return { ...textAnswer('text before the chart'), attachments: [{ name: 'gone.png', contentType: 'image/png', path: join(tmpdir(), 'no-such-dir-cronista', 'gone.png') }] };
      },
    };
    const bot = createTelegramPlatform(app, new Dispatcher(app, [slow, brokenChart]), { TELEGRAM_BOT_TOKEN: stand.token, TELEGRAM_API_ROOT: stand.apiRoot }) as TelegramPlatform;
    await bot.start();
    const from = user();
    stand.pushUpdate({ message: { message_id: 9, date: 1, chat: privateChat(from), from, text: '/brokenchart', entities: [{ type: 'bot_command', offset: 0, length: 12 }] } });
    await settle(stand, bot);
    assert.ok(stand.calls.some((call) => call.method === 'sendMessage' && call.params.text === 'text before the chart'), 'the text goes even if the chart cannot');
    stand.pushUpdate({ message: { message_id: 1, date: 1, chat: privateChat(from), from, text: '/slow', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } });
    while (stand.pendingUpdates() > 0) await sleep(5);
    const stopping = bot.stop();
    await sleep(30);
    release();
    await stopping;
    assert.ok(stand.calls.some((call) => call.method === 'sendMessage' && call.params.text === 'slow answer'));
    const polls = stand.calls.filter((call) => call.method === 'getUpdates').length;
    await sleep(50);
    assert.equal(stand.calls.filter((call) => call.method === 'getUpdates').length, polls, 'no more polling');
    await stand.close();
  });
});
