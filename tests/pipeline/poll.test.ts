import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sourcesCommand from '../../commands/sources.ts';
import timelineCommand from '../../commands/timeline.ts';
import { openApp } from '../../src/app.ts';
import type { CommandDefinition, CommandInput } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { deliverDigest, previewDigest } from '../../src/pipeline/digest.ts';
import { CONSOLE_DESTINATION } from '../../src/pipeline/destination.ts';
import { HostLimiter } from '../../src/pipeline/host-limiter.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { backoffDelay, parseFetchedFeed, pollSource, type FeedParser } from '../../src/pipeline/poll.ts';
import type { SourceRecord } from '../../src/stores/store.ts';
import { rss, startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';

const DECEMBER = {
  title: 'Peru: 25 dead in a week of protests, Health Ministry says',
  date: '2022-12-19T15:00:00Z',
  link: 'https://andes.example/2022/12/19/toll',
  text: 'On Sunday, Peru’s Health Ministry said that 25 people have died during the protests against President Dina Boluarte since the ouster of Pedro Castillo.\n\nThe deaths occurred in Ayacucho, Apurimac, Cusco, Junin, La Libertad and Arequipa, the ministry said, while hundreds were injured.',
};
const MID_JANUARY = {
  title: 'State of emergency declared in Lima and Puno as Boluarte apologizes',
  date: '2023-01-15T12:00:00Z',
  link: 'https://andes.example/2023/01/15/emergency',
  text: 'The Peruvian government declared a state of emergency in Lima, Cusco and Puno on Sunday to contain the anti-government protests.\n\nOn Friday, President Dina Boluarte apologized to the nation for the violence that has so far claimed 47 lives, but said she would not resign.',
};
const CURFEW = {
  title: 'Curfew imposed in Puno after Juliaca clashes',
  date: '2023-01-17T20:00:00Z',
  link: 'https://andes.example/2023/01/17/curfew',
  text: 'The government imposed a three-day night curfew in the southern region of Puno on Tuesday after clashes in the city of Juliaca, the prime minister announced in a televised address.',
};
const LATE_JANUARY = {
  title: 'Peru protest toll reaches 50, ombudsman says',
  date: '2023-01-20T12:00:00Z',
  link: 'https://andes.example/2023/01/20/toll',
  text: 'Peru’s ombudsman said on Friday that 50 people have died in the protests against President Dina Boluarte since early December.\n\nThousands of people marched again in Lima on Thursday.',
};

const console_: CommandInput = { caller: { platform: 'console', userId: 'op', chatId: 'console', isAdmin: true }, options: {} };

let server: FeedServer;
let other: FeedServer;
before(async () => {
  server = await startFeedServer();
  other = await startFeedServer();
});
after(async () => {
  await server.close();
  await other.close();
});

/** A real app in a fresh data directory; `clock` is its `now()` and can be moved. */
function makeApp(): { app: AppContext; dir: string; clock: { now: number } } {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-poll-'));
  const real = openApp(join(dir, 'data'));
  const clock = { now: Date.parse('2025-03-01T12:00:00Z') };
  return { app: { ...real, now: () => new Date(clock.now) }, dir, clock };
}

function countingParser(): { parse: FeedParser; calls: () => number } {
  let calls = 0;
  return {
    parse: async (response, url) => {
      calls++;
      return parseFetchedFeed(response, url);
    },
    calls: () => calls,
  };
}

const storyTexts = async (app: AppContext) =>
  (await previewDigest(app, CONSOLE_DESTINATION)).digest.entries.map((entry) => `${entry.kind}: ${entry.text}`);

test('a 304 costs no decoding or parsing (ETag, then Last-Modified alone)', async () => {
  const { app } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  const { parse, calls } = countingParser();

  server.feed('/etag.xml', rss('Andes Wire', [DECEMBER]));
  const first = await pollSource(app, server.url('/etag.xml'), { limiter, parse });
  assert.equal(first.status, 'updated', first.message);
  assert.equal(first.added, 1);
  assert.equal(calls(), 1);
  const source = (await app.store.getSource(first.sourceId))!;
  assert.match(source.etag ?? '', /^"[0-9a-f]+"$/);

  const second = await pollSource(app, server.url('/etag.xml'), { limiter, parse });
  assert.equal(second.status, 'not_modified', second.message);
  assert.equal(server.notModified('/etag.xml'), 1, 'the server answered 304');
  assert.equal(server.log.at(-1)!.ifNoneMatch, source.etag, 'the stored ETag was sent');
  assert.equal(calls(), 1, 'a 304 is never handed to the parser');
  assert.equal(second.added + second.merged + second.duplicates, 0);

  // Last-Modified only (no ETag): If-Modified-Since does the same.
  server.feed('/lm.xml', rss('Andes Wire', [MID_JANUARY]), { etag: null });
  assert.equal((await pollSource(app, server.url('/lm.xml'), { limiter, parse })).status, 'updated');
  const again = await pollSource(app, server.url('/lm.xml'), { limiter, parse });
  assert.equal(again.status, 'not_modified');
  assert.ok(server.log.at(-1)!.ifModifiedSince, 'If-Modified-Since was sent');
  assert.equal(calls(), 2);

  // Changed content: a 200 again, parsed.
  server.feed('/etag.xml', rss('Andes Wire', [DECEMBER, CURFEW]));
  const changed = await pollSource(app, server.url('/etag.xml'), { limiter, parse });
  assert.equal(changed.status, 'updated');
  assert.equal(changed.added, 1);
  assert.equal(changed.duplicates, 1);
  assert.equal(calls(), 3);
  await app.store.close();
});

test('a subscribed feed seeds silently on its first fetch; its next new item is announced', async () => {
  const { app, dir } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  server.feed('/seed.xml', rss('Andes Wire', [DECEMBER, MID_JANUARY]));

  const first = await pollSource(app, server.url('/seed.xml'), { limiter });
  assert.equal(first.status, 'updated', first.message);
  assert.equal(first.seeded, true);
  assert.equal(first.added, 2);
  assert.deepEqual(await storyTexts(app), [], 'old items are stored, not announced');

  // Stored all the same: in the timeline and the figures (/deaths reads these).
  const figures = await app.store.listFigures({ kinds: ['deaths'] });
  assert.ok(figures.some((figure) => figure.value === 47), JSON.stringify(figures.map((f) => f.value)));
  assert.ok(figures.every((figure) => figure.seeded === true && figure.learned > 0));
  const timeline = await timelineCommand.run(app, console_);
  assert.ok(JSON.stringify(timeline.json).match(/state of emergency/i), 'the seeded event is in /timeline');

  // The feed's next new items are news, measured against the seeded figures.
  server.feed('/seed.xml', rss('Andes Wire', [DECEMBER, MID_JANUARY, CURFEW, LATE_JANUARY]));
  const next = await pollSource(app, server.url('/seed.xml'), { limiter });
  assert.equal(next.seeded, false);
  assert.equal(next.added, 2);
  const entries = await storyTexts(app);
  assert.ok(entries.some((entry) => entry === `story: ${CURFEW.title}`), JSON.stringify(entries));
  assert.ok(entries.some((entry) => /^figure_change: Death toll rises to 50 \(was 47 /.test(entry)), JSON.stringify(entries));
  assert.ok(entries.every((entry) => !entry.includes(DECEMBER.title) && !/state of emergency/i.test(entry)), JSON.stringify(entries));
  const delivered = await deliverDigest(app, CONSOLE_DESTINATION, async () => {});
  assert.equal(delivered.delivered, true);

  // Control: the same items imported (`cronista ingest`) are announced as before.
  const imported = makeApp();
  const file = join(dir, 'import.xml');
  writeFileSync(file, rss('Andes Wire', [DECEMBER, MID_JANUARY]));
  await ingestTargets(imported.app, [file]);
  const announced = await storyTexts(imported.app);
  assert.ok(announced.some((entry) => entry.startsWith('figure_change: Death toll')), JSON.stringify(announced));
  assert.ok(announced.some((entry) => entry.startsWith('story: ')), JSON.stringify(announced));
  await imported.app.store.close();

  // The ingest option the poller uses: `silent` stores without announcing.
  const quiet = makeApp();
  const reports = await ingestTargets(quiet.app, [file], { silent: true });
  assert.equal(reports[0]!.added, 2);
  assert.deepEqual(await storyTexts(quiet.app), []);
  assert.ok((await quiet.app.store.copiesOf(reports[0]!.touched[0]!)).every((copy) => copy.silent === true));
  await quiet.app.store.close();
  await app.store.close();
});

test('a poll that stores items brings the stored views up to date itself (the next read replays nothing)', async () => {
  const { app } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  const staleKeys = async () => {
    const keys: string[] = [];
    for (const story of app.stories) for (const view of ['deaths', 'timeline'] as const) keys.push(...(await app.store.staleViewKeys(view, story.id, 100)).map((entry) => `${view} ${story.id} ${entry.key}`));
    return keys;
  };
  server.feed('/views.xml', rss('Andes Wire', [DECEMBER, MID_JANUARY]));
  assert.equal((await pollSource(app, server.url('/views.xml'), { limiter })).added, 2);
  assert.deepEqual(await staleKeys(), [], 'after the seeding poll');
  server.feed('/views.xml', rss('Andes Wire', [DECEMBER, MID_JANUARY, CURFEW, LATE_JANUARY]));
  assert.equal((await pollSource(app, server.url('/views.xml'), { limiter })).added, 2);
  assert.deepEqual(await staleKeys(), [], 'after a poll with new items');
  await app.store.close();
});

test('the limiter allows N requests at once per host:port and queues the rest; another port is not blocked', async () => {
  const { app } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  server.resetCounts();
  other.resetCounts();
  const paths = [1, 2, 3, 4, 5, 6].map((n) => `/slow-${n}.xml`);
  for (const path of paths) server.feed(path, rss(`Slow ${path}`, []), { delayMs: 150 });
  other.feed('/fast.xml', rss('Fast', []));

  const key = HostLimiter.keyOf(server.base);
  assert.equal(key, `127.0.0.1:${server.port}`);
  const slow = Promise.all(paths.map((path) => pollSource(app, server.url(path), { limiter })));
  for (let waited = 0; limiter.active(key) + limiter.waiting(key) < 6 && waited < 100; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(limiter.active(key), 2);
  assert.equal(limiter.waiting(key), 4);

  const fast = await pollSource(app, other.url('/fast.xml'), { limiter });
  assert.equal(fast.status, 'updated', fast.message);
  assert.ok(limiter.waiting(key) > 0, 'the other port answered while the first one still had requests queued');

  const results = await slow;
  assert.ok(results.every((result) => result.status === 'updated'), JSON.stringify(results.map((r) => r.message)));
  assert.equal(server.requests(), 6);
  assert.equal(server.maxInFlight(), 2, 'never more than 2 at once on one host:port');
  assert.deepEqual(server.maxInFlightByHost(), { [key]: 2 });
  assert.equal(limiter.active(key), 0);
  await app.store.close();
});

test('HostLimiter keys by host and port and frees a slot when a task throws', async () => {
  assert.equal(HostLimiter.keyOf('https://Example.COM/feed'), 'example.com:443');
  assert.equal(HostLimiter.keyOf('http://example.com/feed'), 'example.com:80');
  assert.equal(HostLimiter.keyOf('http://example.com:8080/feed'), 'example.com:8080');
  const limiter = new HostLimiter({ perHost: 1 });
  await assert.rejects(limiter.run('http://a.test/', async () => { throw new Error('boom'); }), /boom/);
  assert.equal(await limiter.run('http://a.test/', async () => 'next'), 'next');
  assert.throws(() => new HostLimiter({ perHost: 0 }), RangeError);
});

test('failures back off exponentially; a poll during backoff is skipped and says so', async () => {
  const { app, clock } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  const backoff = { baseMs: 60_000, maxMs: 3_600_000 };
  server.set('/flaky.xml', { type: 'status', status: 500 });
  const url = server.url('/flaky.xml');
  const before = server.requests('/flaky.xml');

  const first = await pollSource(app, url, { limiter, backoff });
  assert.equal(first.status, 'failed');
  assert.match(first.error ?? '', /HTTP 500/);
  assert.equal(Date.parse(first.retryAfter!) - clock.now, 60_000);

  clock.now += 30_000;
  const skipped = await pollSource(app, url, { limiter, backoff });
  assert.equal(skipped.status, 'backoff');
  assert.match(skipped.message, /backing off until .* after 1 failure \(HTTP 500/);
  assert.equal(server.requests('/flaky.xml'), before + 1, 'a poll during backoff sends nothing');

  clock.now += 31_000;
  const second = await pollSource(app, url, { limiter, backoff });
  assert.equal(second.status, 'failed');
  assert.equal(Date.parse(second.retryAfter!) - clock.now, 120_000, 'the wait doubles');
  clock.now = Date.parse(second.retryAfter!);
  const third = await pollSource(app, url, { limiter, backoff });
  assert.equal(Date.parse(third.retryAfter!) - clock.now, 240_000);
  assert.equal(backoffDelay(20, backoff), 3_600_000, 'capped');
  assert.equal((await app.store.getSource(url))!.failures, 3);

  // Recovery resets the count and the backoff.
  server.feed('/flaky.xml', rss('Flaky', [CURFEW]));
  clock.now = Date.parse(third.retryAfter!) + 1;
  const ok = await pollSource(app, url, { limiter, backoff });
  assert.equal(ok.status, 'updated', ok.message);
  const source = (await app.store.getSource(url))!;
  assert.equal(source.failures, 0);
  assert.equal(source.retryAfter, null);
  assert.equal((await pollSource(app, url, { limiter, backoff })).status, 'not_modified', 'no backoff left');
  await app.store.close();
});

test('timeouts and the size cap come from the options and count as failures', async () => {
  const { app } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  server.set('/slow.xml', { type: 'feed', body: rss('Slow', []), delayMs: 2_000 });
  server.set('/huge.xml', { type: 'huge', bytes: 256 * 1024 });
  const started = Date.now();
  const slow = await pollSource(app, server.url('/slow.xml'), { limiter, timeoutMs: 150 });
  assert.equal(slow.status, 'failed');
  assert.match(slow.error ?? '', /timed out after 0\.1|timed out after 0\.2/);
  assert.ok(Date.now() - started < 1_500);
  const huge = await pollSource(app, server.url('/huge.xml'), { limiter, maxBytes: 64 * 1024 });
  assert.equal(huge.status, 'failed');
  assert.match(huge.error ?? '', /response larger than 64 KiB/);
  server.set('/not-a-feed', { type: 'feed', body: '<html><body>hello</body></html>', contentType: 'text/html' });
  const page = await pollSource(app, server.url('/not-a-feed'), { limiter });
  assert.match(page.error ?? '', /not a feed/);
  await app.store.close();
});

test('after the threshold the source is disabled, onDisabled is told once, and /sources shows why', async () => {
  const { app, clock } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  server.set('/dead.xml', { type: 'status', status: 500 });
  const url = server.url('/dead.xml');
  const told: { source: SourceRecord; reason: string }[] = [];
  const options = { limiter, disableAfterFailures: 3, backoff: { baseMs: 1_000 }, onDisabled: async (source: SourceRecord, reason: string) => void told.push({ source, reason }) };

  const results = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    results.push(await pollSource(app, url, options));
    clock.now += 3_600_000;
  }
  assert.deepEqual(results.map((r) => [r.status, r.disabled]), [['failed', false], ['failed', false], ['failed', true]]);
  assert.equal(told.length, 1);
  assert.match(told[0]!.reason, /^disabled after 3 consecutive failures \(last: HTTP 500 Internal Server Error\)$/);
  assert.equal(told[0]!.source.url, url);
  assert.equal(told[0]!.source.enabled, false);

  const requests = server.requests('/dead.xml');
  const skipped = await pollSource(app, url, options);
  assert.equal(skipped.status, 'disabled');
  assert.match(skipped.message, /disabled/);
  assert.equal(server.requests('/dead.xml'), requests, 'a disabled source is not fetched');
  assert.equal(told.length, 1, 'told once');

  const answer = await (sourcesCommand as CommandDefinition).run(app, console_);
  const listed = (answer.json as { sources: { url: string; enabled: boolean; last_error: string | null }[] }).sources.find((s) => s.url === url);
  assert.ok(listed);
  assert.equal(listed.enabled, false);
  assert.match(listed.last_error ?? '', /disabled after 3 consecutive failures \(last: HTTP 500/);
  await app.store.close();
});

test('a disabling that cannot be reported leaves the source enabled, to be reported next time', async () => {
  const { app, clock } = makeApp();
  const limiter = new HostLimiter({ perHost: 2 });
  server.set('/gone.xml', { type: 'status', status: 404 });
  const url = server.url('/gone.xml');
  let calls = 0;
  const options = {
    limiter,
    disableAfterFailures: 1,
    backoff: { baseMs: 1_000 },
    onDisabled: async () => {
      if (++calls === 1) throw new Error('webhook down');
    },
  };
  const first = await pollSource(app, url, options);
  assert.equal(first.disabled, false);
  assert.match(first.message, /could not report the disabling \(webhook down\)/);
  assert.equal((await app.store.getSource(url))!.enabled, true);
  clock.now += 10_000;
  const second = await pollSource(app, url, options);
  assert.equal(second.disabled, true);
  assert.equal(calls, 2);
  assert.equal((await app.store.getSource(url))!.enabled, false);
  await app.store.close();
});
