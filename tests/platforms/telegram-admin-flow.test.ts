/**
 * An admin configures Cronista from a Telegram group — subscribes a feed served locally, makes the group a
 * destination, sets its schedule — and the digest arrives at the Bot API stand-in on schedule. A member
 * who is not an admin is refused and changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { commands } from '../../commands/index.ts';
import { openApp } from '../../src/app.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { digestJob, pollJob } from '../../src/pipeline/jobs.ts';
import { Scheduler } from '../../src/pipeline/scheduler.ts';
import { createTelegramPlatform, type TelegramPlatform } from '../../src/platforms/telegram/bot.ts';
import { rss, startFeedServer } from '../fixtures/feed-server.ts';
import { startTelegramStandIn } from '../fixtures/telegram-stand-in.ts';

const GROUP = { id: -1002222222222, type: 'supergroup', title: 'Peru watch' };
const ADMIN = { id: 501, is_bot: false, first_name: 'Ana' };
const MEMBER = { id: 502, is_bot: false, first_name: 'Beto' };
const OLD = { title: 'Roadblocks continue near Puno', link: 'https://andes.example/1', date: '2023-01-05T10:00:00Z', text: 'Protesters kept roadblocks on the highway between Puno and Juliaca for a third day, local radio reported, as talks with the regional government stalled.' };
const NEW = { title: 'Ombudsman: death toll in Peru protests rises to 58', link: 'https://andes.example/2', date: '2023-02-10T10:00:00Z', text: 'Peru’s Ombudsman said on Friday that 58 people have died in the protests since December, up from 56 a week earlier.' };

async function waitFor<T>(value: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = value();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

test('an admin sets up a feed, this group as destination and a schedule from chat; the digest arrives', { timeout: 60_000 }, async () => {
  const telegram = await startTelegramStandIn({ botUsername: 'cronista_flow_bot' });
  const feeds = await startFeedServer();
  feeds.feed('/peru.xml', rss('Andes Wire', [OLD]));
  const saved = { ...process.env };
  // The digest sender reads the token and API root from the environment, as `cronista start` does.
  Object.assign(process.env, { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, CRONISTA_ALLOW_HOSTS: '127.0.0.1' });
  telegram.chatMembers.set(`${GROUP.id}:${ADMIN.id}`, 'administrator');
  telegram.chatMembers.set(`${GROUP.id}:${MEMBER.id}`, 'member');
  const app = openApp(mkdtempSync(join(tmpdir(), 'cronista-flow-')));
  const platform = createTelegramPlatform(app, new Dispatcher(app, commands), process.env) as TelegramPlatform;
  const scheduler = new Scheduler({ digest: digestJob(app), poll: await pollJob(app), logger: app.logger });
  let messageId = 1;
  const say = async (from: typeof ADMIN, text: string) => {
    const mark = telegram.calls.length;
    const command = text.split(' ')[0]!;
    telegram.pushUpdate({ message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: GROUP, from, text, entities: [{ type: 'bot_command', offset: 0, length: command.length }] } });
    const [reply] = await telegram.waitForCalls((call, index = 0) => call.method === 'sendMessage' && telegram.calls.indexOf(call) >= mark && index >= 0, 1, 10_000);
    return String(reply!.params.text);
  };
  try {
    await platform.start();
    await scheduler.follow(app.settings);

    const refused = await say(MEMBER, `/feeds add ${feeds.url('/peru.xml')}`);
    assert.match(refused, /for admins only; nothing was changed/);
    assert.deepEqual((await app.settings.effective()).sources, []);

    assert.match(await say(ADMIN, `/feeds add ${feeds.url('/peru.xml')} poll:"* * * * * *"`), /Subscribed/);
    assert.match(await say(ADMIN, '/destination add'), /telegram:-1002222222222/);
    assert.match(await say(ADMIN, '/schedule set cron:"*/2 * * * * *" timezone:America/Lima'), /Schedule set[^]*America\/Lima[^]*:\d\d:\d\d/);

    // The first poll stores the back catalogue silently; then the feed publishes something new.
    let seeded = false;
    await waitFor(() => {
      void app.store.getSource(feeds.url('/peru.xml')).then((source) => (seeded = Boolean(source?.lastSuccess)));
      return seeded;
    }, 'the first poll stored');
    feeds.feed('/peru.xml', rss('Andes Wire', [NEW, OLD]));
    const digest = await waitFor(
      () => telegram.delivered().find((call) => String(call.params.chat_id) === String(GROUP.id) && /Death toll: 58 as of Feb 10, 2023/.test(String(call.params.text))),
      'the digest in the group',
    );
    assert.equal(digest.params.parse_mode, 'HTML');
    const posted = telegram.delivered().filter((call) => String(call.params.chat_id) === String(GROUP.id)).map((call) => String(call.params.text)).join('\n');
    assert.ok(!posted.includes(OLD.title), 'the subscribed feed’s back catalogue is not announced');
  } finally {
    await scheduler.stop();
    await platform.stop();
    await app.store.close();
    await feeds.close();
    await telegram.close();
    process.env = saved;
  }
});
