/**
 * A feed URL with a key in its query string (or credentials in its user-info) is stored whole, and never
 * shown or logged: not in chat answers (/feeds, /sources, /schedule, /config export), not in task names,
 * not in `cronista schedule`, not in any log line of a poll that succeeds or fails.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { renderPlain } from '../../src/platforms/console/render.ts';
import { renderTelegram } from '../../src/platforms/telegram/render.ts';
import { createLogger } from '../../src/core/logger.ts';
import { redactUrl, redactUrlsIn, safeUrlName } from '../../src/core/redact.ts';
import { pollJob } from '../../src/pipeline/jobs.ts';
import { describeSchedule, Scheduler } from '../../src/pipeline/scheduler.ts';
import { scheduleText } from '../../src/cli/config-commands.ts';
import type { Answer } from '../../src/core/answer.ts';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';
import { harness, operator, telegramOperator, telegramAdmin, telegramMember, type Harness } from '../commands/helpers.ts';

const SECRET = 'SECRET-k3y';
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Keyed feed</title><link>https://keyed.example.org/</link>
<item><title>Protests in Puno</title><link>https://keyed.example.org/a/1</link><pubDate>Mon, 09 Jan 2023 12:00:00 GMT</pubDate>
<description>At least 17 people died in Juliaca on Monday, the ombudsman said.</description></item></channel></rss>`;

let h: Harness;
let server: FeedServer;
let feedUrl: string;
const logLines: string[] = [];

/** Everything a user would see of an answer: the plain text, what Telegram would get, and its JSON. */
function shown(answer: Answer): string {
  return [renderPlain(answer), ...renderTelegram(answer).map((message) => (message.kind === 'text' ? message.text : message.caption)), JSON.stringify(answer.json)].join('\n');
}

before(async () => {
  server = await startFeedServer();
  server.feed('/rss', RSS);
  feedUrl = `${server.base}/rss?key=${SECRET}&lang=es`;
  // Feeds added from a platform are polled through the address guard: let it reach the loopback server.
  process.env.CRONISTA_ALLOW_HOSTS = '127.0.0.1';
  h = harness();
  h.app.logger = createLogger('debug', new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }));
});

after(async () => {
  delete process.env.CRONISTA_ALLOW_HOSTS;
  await h?.close();
  await server?.close();
});

test('redactUrl hides query values, user-info and fragments, keeps host, path and parameter names', () => {
  assert.equal(redactUrl('https://me:pw@example.org/rss?key=SECRET&lang=es#frag'), 'https://example.org/rss?key=…&lang=…#…');
  assert.equal(redactUrl('https://example.org/rss'), 'https://example.org/rss');
  assert.equal(redactUrl('not a url ?key=x'), 'not a url ?key=x');
  assert.equal(redactUrlsIn('fetch https://example.org/rss?key=SECRET. failed (see http://a:b@h/x)'), 'fetch https://example.org/rss?key=…. failed (see http://h/x)');
  assert.notEqual(safeUrlName('https://e.org/rss?key=A'), safeUrlName('https://e.org/rss?key=B'), 'feeds differing only by key keep apart');
  assert.doesNotMatch(safeUrlName('https://e.org/rss?key=SECRET'), /SECRET/);
});

test('a keyed URL with credentials is redacted wherever it is quoted', async () => {
  const answer = await h.run(operator, '/feeds test', { url: `http://reader:${SECRET}@127.0.0.1:1/rss?key=${SECRET}` });
  assert.doesNotMatch(shown(answer), new RegExp(SECRET), shown(answer));
  assert.match(shown(answer), /Could not read http:\/\/127\.0\.0\.1:1\/rss\?key=…/);
});

test('a keyed feed added by the operator is kept whole in the store and polled with its key', async () => {
  const added = await h.run(operator, '/feeds add', { url: feedUrl });
  assert.doesNotMatch(shown(added), new RegExp(SECRET));
  assert.match(shown(added), /Subscribed http:\/\/127\.0\.0\.1:\d+\/rss\?key=…&lang=…/);
  assert.ok((await h.app.settings.effective()).sources.some((source) => source.url === feedUrl), 'the store keeps the key');
  assert.equal(server.requests('/rss'), 1, '/feeds add read it once, with its key');
  const poll = await pollJob(h.app);
  const source = (await h.app.settings.effective()).sources.find((candidate) => candidate.url === feedUrl)!;
  await poll(source);
  assert.equal(server.requests('/rss'), 2, 'polled with its key');
  server.set('/rss', { type: 'status', status: 500, body: `upstream rejected key=${SECRET}` });
  await poll(source);
  assert.ok(logLines.some((line) => /poll failed/.test(line)), 'the failure was logged');
});

test('no chat answer shows the key: /feeds list and test, /sources, /schedule, /config export', async () => {
  const answers = [
    await h.run(operator, '/feeds list'),
    await h.run(telegramOperator, '/feeds list'),
    await h.run(operator, '/feeds test', { url: feedUrl }),
    await h.run(telegramOperator, '/sources'),
    await h.run(telegramAdmin, '/sources'),
    await h.run(telegramMember, '/sources'),
    await h.run(telegramOperator, '/schedule'),
    await h.run(telegramOperator, '/config export'),
    await h.run(telegramOperator, '/config export', { format: 'opml' }),
  ];
  for (const answer of answers) assert.doesNotMatch(shown(answer), new RegExp(SECRET), shown(answer).slice(0, 400));
  assert.match(shown(answers[0]!), /\/rss\?key=…&lang=…/, 'the admin still sees which feed it is');
  assert.match(shown(answers[1]!), /failing/, 'its health is shown (the error quoting the URL is redacted)');
});

test('the redacted URL as shown names the feed: /feeds remove with it unsubscribes the keyed one; a chat import of the export keeps the key', async () => {
  const exported = await h.run(telegramOperator, '/config export');
  const yaml = (exported.json as { text: string }).text;
  assert.match(yaml, /key=…/);
  const imported = await h.run(telegramOperator, '/config import', { yaml });
  assert.equal((imported.json as { error?: unknown }).error, undefined, shown(imported));
  assert.ok((await h.app.settings.effective()).sources.some((source) => source.url === feedUrl), 'the stored key was put back');

  const removed = await h.run(operator, '/feeds remove', { url: redactUrl(feedUrl) });
  assert.doesNotMatch(shown(removed), new RegExp(SECRET));
  assert.ok(!(await h.app.settings.effective()).sources.some((source) => source.url === feedUrl), 'unsubscribed');
  server.feed('/rss', RSS); // answering again: /feeds add reads a feed before subscribing it
  await h.run(operator, '/feeds add', { url: feedUrl });
});

test('task names, `cronista schedule` and scheduler logs never hold the key', async () => {
  const config = await h.app.settings.effective();
  const tasks = await describeSchedule(config);
  const poll = tasks.find((task) => task.kind === 'poll' && task.target === feedUrl);
  assert.ok(poll, 'the keyed feed has a poll task');
  assert.doesNotMatch(poll.name, new RegExp(SECRET));
  assert.doesNotMatch(scheduleText(tasks), new RegExp(SECRET));
  const scheduler = new Scheduler({ digest: () => {}, poll: () => {}, logger: h.app.logger });
  scheduler.apply(config);
  scheduler.apply({ ...config, sources: [] });
  await scheduler.stop();
});

test('no log line holds the key', () => {
  assert.ok(logLines.length > 3, 'something was logged');
  const leaking = logLines.filter((line) => line.includes(SECRET));
  assert.deepEqual(leaking, []);
});
