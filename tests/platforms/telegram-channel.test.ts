/** Pure parts of the Telegram platform: channel source URLs, channel posts as items, paging callback data, admin ids, command lists. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'grammy/types';
import { GrammyError, HttpError } from 'grammy';
import type { CommandDefinition } from '../../src/core/command.ts';
import { AdminCheckFailed, AdminResolver, parseAdminIds } from '../../src/platforms/telegram/admin.ts';
import { botCommandLists } from '../../src/platforms/telegram/bot.ts';
import { telegramOptionsFromEnv } from '../../src/platforms/telegram/options.ts';
import { PagerCodec } from '../../src/platforms/telegram/bot-pager.ts';
import { channelPostItem } from '../../src/platforms/telegram/channel-posts.ts';
import { isTelegramChannelUrl, matchesChannel, telegramChannelUrl } from '../../src/sources/telegram-channel.ts';

test('channel source URLs: t.me/<username> and t.me/c/<id> are channels, everything else is not', () => {
  for (const url of ['https://t.me/PeruNoticias', 'http://t.me/peru_news', 'https://telegram.me/peru_news', 'https://t.me/s/peru_news', 'https://t.me/c/1234567890', 'https://t.me/peru_news/']) {
    assert.equal(isTelegramChannelUrl(url), true, url);
  }
  for (const url of ['https://example.org/rss', 'https://t.me/joinchat/AAAA', 'https://t.me/+AbCdEf', 'https://t.me/abc', 'https://t.me/peru_news/12', 'https://t.me/', 'tg://resolve?domain=x', 'not a url', 'https://t.me.evil.org/peru_news']) {
    assert.equal(isTelegramChannelUrl(url), false, url);
  }
  assert.equal(telegramChannelUrl('@PeruNoticias'), 'https://t.me/PeruNoticias');
  assert.equal(telegramChannelUrl('t.me/s/peru_news'), 'https://t.me/peru_news');
  assert.equal(telegramChannelUrl('https://telegram.me/peru_news'), 'https://t.me/peru_news');
  assert.equal(telegramChannelUrl('-1001234567890'), 'https://t.me/c/1234567890');
  assert.equal(telegramChannelUrl('@x'), null);
  assert.equal(telegramChannelUrl('https://example.org/feed'), null);
  assert.equal(matchesChannel('https://t.me/PeruNoticias', { internalId: '1', username: 'perunoticias' }), true);
  assert.equal(matchesChannel('https://t.me/c/1234567890', { internalId: '1234567890' }), true);
  assert.equal(matchesChannel('https://t.me/c/1234567890', { internalId: '9999999999', username: 'other_one' }), false);
  assert.equal(matchesChannel('https://example.org/rss', { internalId: '1', username: 'perunoticias' }), false);
});

test('a channel post becomes a RawItem: key chat/message, t.me link, first line as title, date, caption and hidden links', () => {
  const post = {
    message_id: 42,
    date: 1677855600,
    chat: { id: -1002222, type: 'channel', title: 'Perú Noticias', username: 'PeruNoticias' },
    caption: '  Protests in Puno\nAt least 17 people died in Juliaca on Monday (January 9). More',
    caption_entities: [{ type: 'text_link', offset: 60, length: 4, url: 'https://example.org/a' }, { type: 'url', offset: 0, length: 3 }],
  } as unknown as Message;
  assert.deepEqual(channelPostItem(post), {
    key: '-1002222/42',
    url: 'https://t.me/PeruNoticias/42',
    title: 'Protests in Puno',
    published: '2023-03-03T15:00:00.000Z',
    text: 'Protests in Puno\nAt least 17 people died in Juliaca on Monday (January 9). More\n\nhttps://example.org/a',
    outlet: 'Perú Noticias',
  });
  const privateChannel = { ...post, chat: { id: -1001234567890, type: 'channel', title: 'Closed' }, caption: undefined, text: 'x'.repeat(300) } as unknown as Message;
  const item = channelPostItem(privateChannel)!;
  assert.equal(item.url, 'https://t.me/c/1234567890/42');
  assert.ok(item.title!.length <= 200);
  assert.equal(channelPostItem({ ...post, caption: undefined } as unknown as Message), null, 'no text, no item');
});

test('paging callback data stays within 64 bytes; long option sets are kept behind a key', async () => {
  const codec = new PagerCodec();
  const short = await codec.encode({ command: 'timeline', options: { from: '2023-01-01' }, page: 2 });
  assert.equal(short, 'pg:2:timeline:from=2023-01-01');
  assert.deepEqual(await codec.decode(short), { command: 'timeline', options: { from: '2023-01-01' }, page: 2 });
  const options = { query: 'estado de emergencia en Puno y Cusco', from: '2022-12-01', to: '2023-03-31', story: 'peru-crisis' };
  const long = await codec.encode({ command: 'timeline', options, page: 3 });
  assert.ok(Buffer.byteLength(long) <= 64);
  assert.deepEqual(await codec.decode(long), { command: 'timeline', options, page: 3 });
  assert.equal((await codec.encode({ command: 'timeline', options, page: 4 })).split(':')[2], long.split(':')[2], 'one key per option set');
  assert.equal(await new PagerCodec().decode(long), 'expired');
  assert.equal(await codec.decode('something else'), null);
  const utf = await codec.encode({ command: 'timeline', options: { query: 'ñandú'.repeat(8) }, page: 1 });
  assert.ok(Buffer.byteLength(utf) <= 64);
  assert.equal(await codec.keyboard({ command: 'timeline', options: {}, page: 1, pages: 1 }), undefined);
  assert.deepEqual((await codec.keyboard({ command: 'timeline', options: {}, page: 2, pages: 2 }))?.inline_keyboard[0]!.map((b) => b.text), ['‹ Previous']);
});

test('admins: TELEGRAM_ADMIN_IDS everywhere, chat administrators in groups (cached), nobody else in private chats', async () => {
  assert.deepEqual([...parseAdminIds(' 1, 22 ;333 x -4 ')], ['1', '22', '333']);
  const asked: string[] = [];
  let now = 1000;
  const statuses: Record<string, string> = { '-5:7': 'administrator', '-5:8': 'creator', '-5:9': 'member' };
  const api = {
    getChatMember: async (chat: number | string, user: number) => {
      asked.push(`${chat}:${user}`);
      if (user === 666) throw new GrammyError('Call to getChatMember failed!', { ok: false, error_code: 400, description: 'Bad Request: member not found' }, 'getChatMember', {});
      return { status: statuses[`${chat}:${user}`] ?? 'left' } as never;
    },
  };
  const admins = new AdminResolver(api, parseAdminIds('1'), { now: () => now, ttlMs: 1000 });
  const group = { id: -5, type: 'supergroup' as const };
  assert.equal(await admins.isAdmin({ chat: { id: 1, type: 'private' }, userId: 1 }), true);
  assert.equal(await admins.isAdmin({ chat: { id: 2, type: 'private' }, userId: 2 }), false);
  assert.equal(await admins.isAdmin({ chat: group, userId: 7 }), true);
  assert.equal(await admins.isAdmin({ chat: group, userId: 8 }), true);
  assert.equal(await admins.isAdmin({ chat: group, userId: 9 }), false);
  assert.equal(await admins.isAdmin({ chat: group, userId: 9 }), false);
  assert.equal(await admins.isAdmin({ chat: group, userId: 666 }), false);
  assert.equal(await admins.isAdmin({ chat: group, userId: undefined, senderChatId: -5 }), true);
  assert.equal(await admins.isAdmin({ chat: group, userId: 777, senderChatId: -100 }), false);
  assert.deepEqual(asked, ['-5:7', '-5:8', '-5:9', '-5:666']);
  now = 3000;
  assert.equal(await admins.isAdmin({ chat: group, userId: 9 }), false);
  assert.equal(asked.length, 5, 'asked again after the cache expired');
});

test('admins: a getChatMember that fails is logged and asked again, never read as "not an admin"', async () => {
  let failures = 1;
  let asked = 0;
  const errors: string[] = [];
  const api = {
    getChatMember: async () => {
      asked++;
      if (failures-- > 0) throw new HttpError('Network request for getChatMember failed!', new Error('connect ECONNREFUSED'));
      return { status: 'administrator' } as never;
    },
  };
  const admins = new AdminResolver(api, new Set(), { retryDelaysMs: [1, 1], onError: (error, attempt, retry) => errors.push(`${attempt}:${retry}:${(error as Error).message}`) });
  const group = { id: -5, type: 'supergroup' as const };
  assert.equal(await admins.isAdmin({ chat: group, userId: 7 }), true, 'the second attempt answered');
  assert.deepEqual(errors, ['1:true:Network request for getChatMember failed!']);

  failures = 10;
  asked = 0;
  await assert.rejects(admins.isAdmin({ chat: group, userId: 8 }), AdminCheckFailed);
  assert.equal(asked, 3, 'asked three times');
  failures = 0;
  assert.equal(await admins.isAdmin({ chat: group, userId: 8 }), true, 'the failure was not cached');
});

test('command lists for setMyCommands: valid names only, descriptions within 256', () => {
  const command = (name: string, permission: 'everyone' | 'admin', description = 'x'): CommandDefinition => ({ name, description, permission, options: [], run: async () => ({ sections: [], json: null }) });
  const lists = botCommandLists([command('deaths', 'everyone'), command('feeds', 'admin', 'd'.repeat(300)), command('Bad-Name', 'everyone'), command('empty', 'everyone', '  ')]);
  assert.deepEqual(lists.everyone.map((c) => c.command), ['deaths', 'empty']);
  assert.deepEqual(lists.admins.map((c) => c.command), ['deaths', 'feeds', 'empty']);
  assert.equal(lists.admins[1]!.description.length, 256);
  assert.equal(lists.everyone[1]!.description, 'empty');
});

test('environment: token required; a webhook port of its own or none (the story pages\' server); the API root loses its trailing slash', () => {
  assert.equal(telegramOptionsFromEnv({}), null);
  const polling = telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_ADMIN_IDS: '5,6', TELEGRAM_API_ROOT: 'http://127.0.0.1:9/' })!;
  assert.deepEqual([...polling.adminIds!], ['5', '6']);
  assert.equal(polling.webhook, undefined);
  assert.equal(telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/hook' })!.webhook!.port, null, 'served by the story pages\' server');
  assert.throws(() => telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/hook', TELEGRAM_WEBHOOK_PORT: 'eighty' }), /TELEGRAM_WEBHOOK_PORT/);
  assert.throws(() => telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/hook', TELEGRAM_WEBHOOK_PORT: '8443', TELEGRAM_WEBHOOK_SECRET: 'bad secret!' }), /SECRET/);
  // Telegram delivers webhooks only over https: an http (or scheme-less) URL is refused at start.
  for (const url of ['http://x.example/hook', 'HTTP://x.example/hook', 'x.example/hook', 'https://']) {
    assert.throws(() => telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_PORT: '8443' }), /TELEGRAM_WEBHOOK_URL: expected an https:\/\/ URL/, url);
  }
  const webhook = telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/hook', TELEGRAM_WEBHOOK_PORT: '8443' })!;
  assert.equal(webhook.webhook?.port, 8443);
  assert.match(webhook.webhook!.secret, /^[a-f0-9]{48}$/, 'a random secret when none is set');
});
