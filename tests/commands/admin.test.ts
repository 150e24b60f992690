import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { placeToRegion, storyFor } from '../../src/facts/story.ts';
import { OVERRIDES_KEY } from '../../src/core/config-overrides.ts';
import { describeSchedule } from '../../src/pipeline/scheduler.ts';
import { rss, startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';
import {
  answerText,
  discordAdmin,
  documentCount,
  errorText,
  harness,
  isError,
  operator,
  telegramAdmin,
  telegramMember,
  telegramOperator,
  telegramPrivate,
  withAllowHosts,
} from './helpers.ts';

const ITEMS = [
  { title: 'Curfew imposed in Puno after Juliaca clashes', link: 'https://andes.example/2023/01/17/curfew', date: '2023-01-17T20:00:00Z', text: 'The government imposed a night curfew in Puno after clashes in Juliaca.' },
  { title: 'Peru protest toll reaches 50, ombudsman says', link: 'https://andes.example/2023/01/20/toll', date: '2023-01-20T12:00:00Z', text: 'Peru’s ombudsman said on Friday that 50 people have died in the protests.' },
  { title: 'State of emergency in Lima', link: 'https://andes.example/2023/01/15/emergency', date: '2023-01-15T12:00:00Z', text: 'The government declared a state of emergency in Lima.' },
];

let server: FeedServer;
before(async () => {
  server = await startFeedServer();
  server.feed('/andes.xml', rss('Andes', ITEMS));
  server.feed('/other.xml', rss('Other', ITEMS.slice(0, 1)));
  server.set('/gone.xml', { type: 'status', status: 404 });
  server.set('/page.html', { type: 'status', status: 200, body: '<html><body>not a feed</body></html>' });
});
after(() => server.close());

/** Every answer an admin command gives is ephemeral and one line when it is an error. */
function assertOneLineError(answer: Awaited<ReturnType<ReturnType<typeof harness>['run']>>, pattern: RegExp): void {
  assert.ok(isError(answer), `expected an error, got ${answerText(answer)}`);
  assert.equal(answer.ephemeral, true);
  const message = errorText(answer);
  assert.ok(!message.includes('\n'), `not one line: ${message}`);
  assert.match(message, pattern);
}

test('/feeds add by an admin subscribes, persists across a restart, and reaches the schedule; remove undoes it', async () => {
  const h = harness();
  try {
    const url = server.url('/andes.xml');
    const added = await withAllowHosts('127.0.0.1', () => h.run(telegramAdmin, 'feeds add', { url, story: 'peru-crisis', poll: '*/15 * * * *' }));
    assert.ok(!isError(added), errorText(added));
    assert.equal(added.ephemeral, true);
    assert.match(answerText(added), /Subscribed .*andes\.xml/);

    await h.reopen();
    const config = await h.app.settings.effective();
    assert.deepEqual(config.sources.map((s) => [s.url, s.story, s.poll]), [[url, 'peru-crisis', '*/15 * * * *']]);
    const tasks = await describeSchedule(config);
    const poll = tasks.find((task) => task.name === `poll:${url}`);
    assert.ok(poll, 'the subscribed feed has a poll task');
    assert.equal(poll.cron, '*/15 * * * *');
    assert.equal(poll.next.length, 3);

    const listed = await h.run(telegramAdmin, 'feeds list');
    assert.equal((listed.json as { feeds: unknown[] }).feeds.length, 1);
    const feed = (listed.json as { feeds: { url: string; enabled: boolean; next_poll: string | null }[] }).feeds[0]!;
    assert.equal(feed.url, url);
    assert.equal(feed.enabled, true);
    assert.equal(feed.next_poll, poll.next[0]);
    assert.match(answerText(listed), /not read yet/);

    // /sources (everyone) shows the subscription with its next poll.
    const sources = await h.run(telegramMember, 'sources');
    const row = (sources.json as { sources: { url: string; next_poll: string | null; enabled: boolean }[] }).sources.find((s) => s.url === url);
    assert.equal(row?.next_poll, poll.next[0]);
    assert.equal(row?.enabled, true);
    assert.match(answerText(sources), /next poll/);

    const removed = await h.run(telegramOperator, 'feeds remove', { url });
    assert.ok(!isError(removed), errorText(removed));
    await h.reopen();
    assert.deepEqual((await h.app.settings.effective()).sources, []);
    assertOneLineError(await h.run(telegramOperator, 'feeds remove', { url }), /no source/);
  } finally {
    await h.close();
  }
});

test('/feeds add re-enables a feed the poller disabled, and list shows it disabled before', async () => {
  const h = harness();
  try {
    const url = server.url('/andes.xml');
    await h.run(operator, 'feeds add', { url, story: 'peru-crisis', poll: '0 */2 * * *', timezone: 'America/Lima' });
    const record = await h.app.store.ensureSource({ kind: 'feed', url });
    await h.app.store.setSourceEnabled(record.id, false, 'disabled after 10 consecutive failures (last: HTTP 500)');
    const listed = await h.run(operator, 'feeds list');
    const feed = (listed.json as { feeds: { enabled: boolean; next_poll: string | null }[] }).feeds[0]!;
    assert.equal(feed.enabled, false);
    assert.equal(feed.next_poll, null);
    assert.match(answerText(listed), /disabled/);
    const again = await h.run(operator, 'feeds add', { url });
    assert.match(answerText(again), /re-enabled/);
    assert.equal((await h.app.store.getSource(url))?.enabled, true);
    assert.deepEqual((await h.app.settings.effective()).sources, [{ url, story: 'peru-crisis', poll: '0 */2 * * *', timezone: 'America/Lima' }], 're-adding keeps story and poll');
  } finally {
    await h.close();
  }
});

test('a non-admin calling /feeds add is refused and nothing changes', async () => {
  const h = harness();
  try {
    const answer = await withAllowHosts('127.0.0.1', () => h.run(telegramMember, 'feeds add', { url: server.url('/andes.xml') }));
    assertOneLineError(answer, /admins only; nothing was changed/);
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined);
    assert.deepEqual((await h.app.settings.effective()).sources, []);
    assert.deepEqual(await h.app.store.listSources(), []);
    for (const name of ['schedule show', 'destination list', 'filter list', 'story show', 'config export']) {
      assertOneLineError(await h.run(telegramMember, name), /admins only/);
    }
  } finally {
    await h.close();
  }
});

test('/feeds test previews a feed without storing anything', async () => {
  const h = harness();
  try {
    const before = { documents: await documentCount(h.app), sources: (await h.app.store.listSources()).length, kv: await h.app.store.kv.get(OVERRIDES_KEY) };
    server.resetCounts();
    const answer = await withAllowHosts('127.0.0.1', () => h.run(telegramAdmin, 'feeds test', { url: server.url('/andes.xml') }));
    assert.ok(!isError(answer), errorText(answer));
    assert.equal(server.requests('/andes.xml'), 1, 'fetched once');
    const json = answer.json as { title: string; items: number; first: { title: string; published: string }[]; stored: boolean };
    assert.equal(json.title, 'Andes');
    assert.equal(json.items, 3);
    assert.equal(json.first[0]?.title, ITEMS[0]!.title);
    assert.ok(json.first[0]?.published?.startsWith('2023-01-17'));
    assert.match(answerText(answer), /3 items/);
    assert.match(answerText(answer), /2023-01-17 Curfew imposed/);
    assert.equal(await documentCount(h.app), before.documents);
    assert.equal((await h.app.store.listSources()).length, before.sources);
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), before.kv);
  } finally {
    await h.close();
  }
});

test('unreachable or unusable URLs get one-line answers and change nothing', async () => {
  const h = harness();
  try {
    await withAllowHosts('127.0.0.1', async () => {
      assertOneLineError(await h.run(telegramAdmin, 'feeds test', { url: server.url('/gone.xml') }), /Could not read .*HTTP 404/);
      assertOneLineError(await h.run(telegramAdmin, 'feeds test', { url: server.url('/page.html') }), /not a usable feed/);
      assertOneLineError(await h.run(telegramAdmin, 'feeds test', { url: 'http://127.0.0.1:1/feed.xml' }), /Could not read .*ECONNREFUSED/);
      assertOneLineError(await h.run(telegramAdmin, 'feeds add', { url: 'not a url' }), /not a feed address/);
      assertOneLineError(await h.run(telegramAdmin, 'feeds add', { url: 'ftp://example.org/feed' }), /not a feed address/);
      assertOneLineError(await h.run(telegramAdmin, 'feeds add', { url: server.url('/andes.xml'), poll: 'every minute' }), /Bad poll cron "every minute"/);
      assertOneLineError(await h.run(telegramAdmin, 'feeds add', { url: server.url('/andes.xml'), story: 'nope' }), /Unknown story "nope"/);
    });
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined);
    assert.equal(await documentCount(h.app), 0);
  } finally {
    await h.close();
  }
});

test('/feeds add of a URL that does not answer (or is no feed) says so before subscribing anything', async () => {
  const h = harness();
  try {
    for (const caller of [operator, telegramAdmin]) {
      await withAllowHosts('127.0.0.1', async () => {
        assertOneLineError(await h.run(caller, 'feeds add', { url: server.url('/gone.xml') }), /^Could not read .*HTTP 404\b.*; nothing was subscribed\.$/);
        assertOneLineError(await h.run(caller, 'feeds add', { url: 'http://127.0.0.1:1/feed.xml' }), /^Could not read .*ECONNREFUSED; nothing was subscribed\.$/);
        assertOneLineError(await h.run(caller, 'feeds add', { url: server.url('/page.html') }), /not a usable feed: .*; nothing was subscribed\.$/);
      });
    }
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined);
    assert.deepEqual((await h.app.settings.effective()).sources, []);
  } finally {
    await h.close();
  }
});

test('/destination add|list|remove: this chat, a Telegram @channel from a private chat, persisted', async () => {
  const h = harness();
  try {
    const added = await h.run(telegramAdmin, 'destination add', { schedule: '30 7 * * *', timezone: 'America/Lima', story: 'peru-crisis' });
    assert.ok(!isError(added), errorText(added));
    const channel = await h.run(telegramPrivate, 'destination add', { channel: '@peru_digest' });
    assert.ok(!isError(channel), errorText(channel));
    const discord = await h.run(discordAdmin, 'destination add');
    assert.ok(!isError(discord), errorText(discord));
    assertOneLineError(await h.run(telegramAdmin, 'destination add', { channel: '@peru_digest' }), /private chat/);
    assertOneLineError(await h.run(telegramAdmin, 'destination add', { schedule: '61 * * * *' }), /Bad schedule cron/);

    await h.reopen();
    const { destinations } = await h.app.settings.effective();
    const byId = new Map(destinations.map((d) => [d.id, d]));
    assert.equal(byId.get('telegram:-1001234')?.telegram_chat, '-1001234');
    assert.equal(byId.get('telegram:-1001234')?.schedule, '30 7 * * *');
    assert.equal(byId.get('telegram:-1001234')?.timezone, 'America/Lima');
    assert.equal(byId.get('telegram:-1001234')?.story, 'peru-crisis');
    assert.equal(byId.get('telegram:@peru_digest')?.telegram_chat, '@peru_digest');
    assert.equal(byId.get(`discord:${discordAdmin.chatId}`)?.discord_channel, discordAdmin.chatId);
    const tasks = await describeSchedule({ sources: [], destinations });
    assert.ok(tasks.some((task) => task.name === 'digest:telegram:-1001234' && task.cron === '30 7 * * *' && task.timezone === 'America/Lima'));

    const listed = await h.run(telegramOperator, 'destination list');
    assert.match(answerText(listed), /telegram:@peru_digest/);
    assert.match(answerText(listed), /"30 7 \* \* \*" America\/Lima; next 20\d\d-/);

    const removed = await h.run(telegramPrivate, 'destination remove', { id: 'telegram:@peru_digest' });
    assert.ok(!isError(removed), errorText(removed));
    await h.reopen();
    assert.ok(!(await h.app.settings.effective()).destinations.some((d) => d.id === 'telegram:@peru_digest'));
    assertOneLineError(await h.run(telegramOperator, 'destination remove', { id: 'telegram:nope' }), /No destination "telegram:nope"/);
  } finally {
    await h.close();
  }
});

test('/schedule set validates, persists, reaches describeSchedule; /schedule show lists every task', async () => {
  const h = harness();
  try {
    assertOneLineError(await h.run(telegramAdmin, 'schedule set', { cron: '0 8 * * *' }), /not a digest destination yet.*\/destination add/);
    await h.run(telegramAdmin, 'destination add');
    const set = await h.run(telegramAdmin, 'schedule set', { cron: '0 8 * * *', timezone: 'America/Lima' });
    assert.ok(!isError(set), errorText(set));
    const json = set.json as { next: string[] };
    assert.equal(json.next.length, 3);
    assert.ok(json.next.every((run) => run.endsWith('T08:00:00-05:00')), json.next.join());

    assertOneLineError(await h.run(telegramAdmin, 'schedule set', { cron: '0 25 * * *', timezone: 'America/Lima' }), /Bad schedule cron "0 25 \* \* \*"/);
    assertOneLineError(await h.run(telegramAdmin, 'schedule set', { cron: '0 9 * * *', timezone: 'Mars/Olympus' }), /Bad timezone "Mars\/Olympus"/);
    assertOneLineError(await h.run(telegramOperator, 'schedule set', { cron: '0 9 * * *', destination: 'nowhere' }), /No destination "nowhere"/);

    await h.reopen();
    const config = await h.app.settings.effective();
    const destination = config.destinations.find((d) => d.id === 'telegram:-1001234');
    assert.equal(destination?.schedule, '0 8 * * *');
    assert.equal(destination?.timezone, 'America/Lima');
    const task = (await describeSchedule(config)).find((t) => t.name === 'digest:telegram:-1001234');
    assert.deepEqual(task?.next, json.next, 'the restarted schedule has the runs the answer showed');
    assert.ok(task?.next.every((run) => run.endsWith('T08:00:00-05:00')));

    // The console destination can be scheduled from the console (it exists by default).
    const consoleSet = await h.run(operator, 'schedule set', { cron: '15 6 * * 1', timezone: 'UTC' });
    assert.ok(!isError(consoleSet), errorText(consoleSet));

    const feedAdded = await withAllowHosts('127.0.0.1', () => h.run(telegramAdmin, 'feeds add', { url: server.url('/andes.xml') }));
    assert.ok(!isError(feedAdded), errorText(feedAdded));
    // A chat admin sees only this chat's digest; an operator sees every task.
    const own = (await h.run(telegramAdmin, 'schedule show')).json as { tasks: { name: string }[] };
    assert.deepEqual(own.tasks.map((t) => t.name), ['digest:telegram:-1001234']);
    const show = await h.run(telegramOperator, 'schedule show');
    const tasks = (show.json as { tasks: { name: string; next: string[] }[] }).tasks;
    assert.ok(tasks.some((t) => t.name === 'digest:telegram:-1001234'));
    assert.ok(tasks.some((t) => t.name === `poll:${server.url('/andes.xml')}`));
    assert.ok(tasks.every((t) => t.next.length === 3));
    assert.match(answerText(show), /digest to telegram:-1001234 — "0 8 \* \* \*" America\/Lima/);
  } finally {
    await h.close();
  }
});

test('/filter add|remove|list validates regexes and persists', async () => {
  const h = harness();
  try {
    await h.run(telegramAdmin, 'destination add');
    assert.ok(!isError(await h.run(telegramAdmin, 'filter add', { include: 'Puno' })));
    assert.ok(!isError(await h.run(telegramAdmin, 'filter add', { exclude: '/foot(ball)?/i' })));
    assertOneLineError(await h.run(telegramAdmin, 'filter add', { include: '/(unclosed/' }), /not a valid regular expression/);
    assertOneLineError(await h.run(telegramAdmin, 'filter add'), /needs include:/);
    assertOneLineError(await h.run(telegramAdmin, 'filter remove', { include: 'Cusco' }), /no include filter "Cusco"/);

    await h.reopen();
    let destination = (await h.app.settings.effective()).destinations.find((d) => d.id === 'telegram:-1001234');
    assert.deepEqual(destination?.filters, { include: ['Puno'], exclude: ['/foot(ball)?/i'] });
    const listed = await h.run(telegramAdmin, 'filter list');
    assert.match(answerText(listed), /include: Puno/);

    assert.ok(!isError(await h.run(telegramAdmin, 'filter remove', { include: 'Puno' })));
    assert.ok(!isError(await h.run(telegramAdmin, 'filter remove', { exclude: '/foot(ball)?/i' })));
    await h.reopen();
    destination = (await h.app.settings.effective()).destinations.find((d) => d.id === 'telegram:-1001234');
    assert.equal(destination?.filters, undefined);
  } finally {
    await h.close();
  }
});

test('/story set adds keywords and places at once and after a restart; unknown region is refused', async () => {
  const h = harness();
  try {
    const shown = await h.run(telegramAdmin, 'story show');
    const json = shown.json as { id: string; keywords: string[]; regions: number; start: string };
    assert.equal(json.id, 'peru-crisis');
    assert.equal(json.start, '2022-12-07');
    assert.ok(json.regions >= 25);
    assert.equal(placeToRegion(h.app.stories[0]!, 'Pilcuyo'), null);
    const report = { title: null, text: 'Wayki leaders met again on Monday.' };
    assert.equal(storyFor(report, h.app.stories), null);
    assert.ok(!isError(await h.run(telegramOperator, 'story set', { keywords: 'Wayki' })));
    assert.equal(storyFor(report, h.app.stories)?.id, 'peru-crisis', 'a report naming the new keyword belongs to the story at once');

    const set = await h.run(telegramOperator, 'story set', { keywords: 'paro agrario, Wayki', place: 'Pilcuyo', region: 'puno' });
    assert.ok(!isError(set), errorText(set));
    const story = h.app.stories[0]!;
    assert.ok(story.keywords.includes('paro agrario') && story.keywords.includes('Wayki'));
    assert.deepEqual(placeToRegion(story, 'Pilcuyo'), { place: 'Pilcuyo', region: 'Puno' }, 'applied at once');

    assertOneLineError(await h.run(telegramOperator, 'story set', { place: 'Springfield', region: 'Narnia' }), /Unknown region "Narnia".*Puno/);
    assertOneLineError(await h.run(telegramOperator, 'story set', { place: 'Springfield' }), /needs both place: and region:/);
    assertOneLineError(await h.run(telegramAdmin, 'story show', { story: 'nope' }), /Unknown story "nope"/);
    const again = await h.run(telegramOperator, 'story set', { keywords: 'Wayki' });
    assert.match(answerText(again), /nothing changed/);

    await h.reopen();
    const reloaded = h.app.stories[0]!;
    assert.equal(reloaded.keywords.filter((k) => k === 'Wayki').length, 1);
    assert.ok(reloaded.keywords.includes('paro agrario'));
    assert.deepEqual(placeToRegion(reloaded, 'Pilcuyo'), { place: 'Pilcuyo', region: 'Puno' }, 're-applied at start-up');
    assert.match(answerText(await h.run(telegramAdmin, 'story show')), /Added from chat: 2 keywords, 1 place/);
  } finally {
    await h.close();
  }
});

test('/config export and import: YAML round trip, OPML round trip into a fresh app', async () => {
  const a = harness();
  const b = harness();
  try {
    await withAllowHosts('127.0.0.1', async () => {
      await a.run(telegramAdmin, 'feeds add', { url: server.url('/andes.xml'), story: 'peru-crisis' });
      await a.run(telegramAdmin, 'feeds add', { url: server.url('/other.xml'), poll: '0 * * * *' });
    });
    await a.run(telegramAdmin, 'destination add', { schedule: '0 7 * * *', timezone: 'America/Lima' });

    const yaml = await a.run(telegramAdmin, 'config export');
    assert.equal(yaml.ephemeral, true);
    const yamlText = (yaml.json as { text: string }).text;
    assert.match(yamlText, /andes\.xml/);
    assert.equal(yaml.attachments?.length, 1);

    const imported = await withAllowHosts('127.0.0.1', () => b.run(telegramOperator, 'config import', { yaml: yamlText }));
    assert.ok(!isError(imported), errorText(imported));
    await b.reopen();
    const [left, right] = [await a.app.settings.effective(), await b.app.settings.effective()];
    assert.deepEqual(right.sources, left.sources);
    assert.deepEqual(right.destinations, left.destinations);

    const opml = await a.run(telegramAdmin, 'config export', { format: 'opml' });
    const opmlText = (opml.json as { text: string }).text;
    assert.match(opmlText, /<opml version="2.0">/);
    assert.match(opmlText, /xmlUrl="http:\/\/127\.0\.0\.1:\d+\/andes\.xml" category="peru-crisis"/);

    const c = harness();
    try {
      const result = await withAllowHosts('127.0.0.1', () => c.run(telegramOperator, 'config import', { yaml: opmlText }));
      assert.ok(!isError(result), errorText(result));
      assert.deepEqual((result.json as { imported: unknown }).imported, { feeds: 2, added: 2, known: 0 });
      await c.reopen();
      const sources = (await c.app.settings.effective()).sources;
      assert.deepEqual(sources.map((s) => s.url).sort(), left.sources.map((s) => s.url).sort());
      assert.equal(sources.find((s) => s.url.endsWith('/andes.xml'))?.story, 'peru-crisis');
      // Importing the same list again adds nothing.
      const again = await withAllowHosts('127.0.0.1', () => c.run(telegramOperator, 'config import', { yaml: opmlText }));
      assert.deepEqual((again.json as { imported: unknown }).imported, { feeds: 2, added: 0, known: 2 });
    } finally {
      await c.close();
    }
  } finally {
    await a.close();
    await b.close();
  }
});

test('/config import from url: is fetched behind the guard; invalid YAML and bad fields get one line and change nothing', async () => {
  const h = harness();
  try {
    server.set('/config.yaml', { type: 'feed', contentType: 'text/yaml', body: `sources:\n  - url: ${server.url('/andes.xml')}\n    poll: "*/20 * * * *"\n` });
    assertOneLineError(await withAllowHosts(undefined, () => h.run(telegramOperator, 'config import', { url: server.url('/config.yaml') })), /Refused: 127\.0\.0\.1 is a loopback address/);
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined);
    const fetched = await withAllowHosts('127.0.0.1', () => h.run(telegramOperator, 'config import', { url: server.url('/config.yaml') }));
    assert.ok(!isError(fetched), errorText(fetched));
    assert.equal((await h.app.settings.effective()).sources[0]?.poll, '*/20 * * * *');

    const before = await h.app.store.kv.get(OVERRIDES_KEY);
    assertOneLineError(await h.run(telegramOperator, 'config import', { yaml: 'sources: [' }), /not valid YAML/);
    assertOneLineError(await h.run(telegramOperator, 'config import', { yaml: 'destinations:\n  - id: x\n    console: true\n    schedule: "99 * * * *"\n' }), /schedule: invalid cron expression "99 \* \* \* \*"/);
    // A feed on a private address, imported from chat, is refused like /feeds add.
    assertOneLineError(await h.run(telegramOperator, 'config import', { yaml: 'sources:\n  - url: http://10.0.0.1/feed.xml\n' }), /10\.0\.0\.1 is a private address/);
    assertOneLineError(await h.run(telegramOperator, 'config import'), /needs yaml:/);
    assert.deepEqual(await h.app.store.kv.get(OVERRIDES_KEY), before);
  } finally {
    await h.close();
  }
});

test('/config export from chat redacts webhook tokens, and importing the export keeps the stored webhook', async () => {
  const h = harness();
  try {
    const hook = 'https://discord.com/api/webhooks/123456/SECRET-token';
    await h.run(operator, 'config import', { yaml: `destinations:\n  - id: hook\n    discord_webhook: ${hook}\n` });
    const exported = await h.run(telegramAdmin, 'config export');
    const text = (exported.json as { text: string }).text;
    assert.ok(!text.includes('SECRET'), text);
    assert.match(text, /webhooks\/123456\/REDACTED/);
    const consoleExport = await h.run(operator, 'config export');
    assert.match((consoleExport.json as { text: string }).text, /SECRET-token/);
    const imported = await h.run(telegramOperator, 'config import', { yaml: text });
    assert.ok(!isError(imported), errorText(imported));
    assert.equal((await h.app.settings.effective()).destinations.find((d) => d.id === 'hook')?.discord_webhook, hook);
  } finally {
    await h.close();
  }
});

test('/help lists subcommands with their options; members do not see admin commands', async () => {
  const h = harness();
  try {
    const admin = answerText(await h.run(telegramAdmin, 'help'));
    assert.match(admin, /\/feeds add url:… \[story:…\] \[poll:…\] \[timezone:…\]/);
    assert.match(admin, /\/schedule set cron:… \[timezone:…\] \[destination:…\]/);
    assert.match(admin, /\/config export \[format:…\]/);
    const member = answerText(await h.run(telegramMember, 'help'));
    assert.doesNotMatch(member, /\/feeds/);
    assert.match(member, /\/sources/);
  } finally {
    await h.close();
  }
});
