/**
 * Scheduled polls of feeds added from chat go through the SSRF guard (every redirect and connection is
 * checked, CRONISTA_ALLOW_HOSTS honored); the operator's configuration file stays trusted (loopback works).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openApp } from '../../src/app.ts';
import { parseConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Settings } from '../../src/core/settings.ts';
import { pollJob } from '../../src/pipeline/jobs.ts';
import { commands } from '../../commands/index.ts';
import type { Caller } from '../../src/core/command.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { errorText, isError, operator, telegramOperator, withAllowHosts } from '../commands/helpers.ts';
import { rss, startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';

const FEED = rss('Local', [{ title: 'Peru: 25 dead in protests', link: 'https://x.example/1', date: '2023-01-01T00:00:00Z', text: 'Twenty-five people died.' }]);

let feeds: FeedServer;
/** Listens on every address: /redirect?to=… answers 302, /feed.xml serves FEED (counted). */
let dual: Server;
let dualPort = 0;
let dualFeedRequests = 0;
before(async () => {
  feeds = await startFeedServer();
  feeds.feed('/feed.xml', FEED);
  dual = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      return;
    }
    dualFeedRequests++;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
  });
  await new Promise<void>((resolve) => dual.listen(0, '0.0.0.0', resolve));
  dualPort = (dual.address() as AddressInfo).port;
});
after(async () => {
  await feeds.close();
  dual.closeAllConnections();
  await new Promise<void>((resolve) => dual.close(() => resolve()));
});

/** A real app whose configuration file lists `fileSources`. */
function makeApp(fileSources: string[]): AppContext {
  const real = openApp(join(mkdtempSync(join(tmpdir(), 'cronista-poll-guard-')), 'data'));
  const settings = new Settings(real.store, parseConfig({ sources: fileSources.map((url) => ({ url })) }));
  return { ...real, settings };
}

async function runPoll(app: AppContext, url: string): Promise<void> {
  const source = (await app.settings.effective()).sources.find((s) => s.url === url);
  assert.ok(source, `${url} is subscribed`);
  await (await pollJob(app))(source);
}

test('a chat-added feed that redirects to a loopback address is refused at poll time, with a clear last_error', async () => {
  const app = makeApp([]);
  try {
    // The first hop (127.0.0.1) is allowed; the redirect target (127.0.0.2, the same server) is not.
    const url = `http://127.0.0.1:${dualPort}/redirect?to=${encodeURIComponent(`http://127.0.0.2:${dualPort}/feed.xml`)}`;
    await app.settings.addSource({ url });
    dualFeedRequests = 0;
    await withAllowHosts('127.0.0.1', () => runPoll(app, url));
    assert.equal(dualFeedRequests, 0, 'the redirect target was never requested');
    const record = await app.store.getSource(url);
    assert.equal(record?.lastSuccess, null);
    assert.equal(record?.failures, 1);
    assert.match(record?.lastError ?? '', /^Refused: 127\.0\.0\.2 is a loopback address/);
  } finally {
    await app.store.close();
  }
});

test('a chat-added feed on a host that is not allowed is refused; allowed, it polls with conditional requests', async () => {
  const app = makeApp([]);
  try {
    const url = feeds.url('/feed.xml');
    await app.settings.addSource({ url });
    feeds.resetCounts();
    await withAllowHosts(undefined, () => runPoll(app, url));
    assert.equal(feeds.requests('/feed.xml'), 0);
    assert.match((await app.store.getSource(url))?.lastError ?? '', /Refused: 127\.0\.0\.1 is a loopback address/);

    // Allowed by the operator: polls (after the backoff), and the next poll is a conditional request.
    await app.store.recordSuccess((await app.store.getSource(url))!.id, new Date(), { etag: null, lastModified: null });
    await withAllowHosts('127.0.0.1', async () => {
      await runPoll(app, url);
      await runPoll(app, url);
    });
    assert.equal(feeds.requests('/feed.xml'), 2);
    assert.equal(feeds.notModified('/feed.xml'), 1, 'the guarded fetch sends the ETag/Last-Modified');
    const record = await app.store.getSource(url);
    assert.equal(record?.failures, 0);
    assert.ok(record?.etag, 'validators kept');
  } finally {
    await app.store.close();
  }
});

test('an operator-configured loopback feed still polls (trusted, CRONISTA_ALLOW_HOSTS unset)', async () => {
  const url = feeds.url('/feed.xml');
  const app = makeApp([url]);
  try {
    feeds.resetCounts();
    await withAllowHosts(undefined, () => runPoll(app, url));
    assert.equal(feeds.requests('/feed.xml'), 1);
    const record = await app.store.getSource(url);
    assert.equal(record?.lastError, null);
    assert.ok(record?.lastSuccess);
  } finally {
    await app.store.close();
  }
});

/** Runs one command as `caller` against `app`; fails the test on an error answer. */
async function command(app: AppContext, caller: Caller, name: string, subcommand: string, options: Record<string, string>): Promise<void> {
  const answer = await new Dispatcher(app, commands).dispatch({ name, subcommand, options, caller });
  assert.ok(!isError(answer), `/${name} ${subcommand}: ${errorText(answer)}`);
}

test('feeds brought in by a chat /config import (YAML or OPML) are polled through the guard', async () => {
  const yamlUrl = feeds.url('/feed.xml');
  const opmlUrl = `${feeds.base}/feed.xml?list=opml`;
  feeds.feed('/feed.xml', FEED);
  const app = makeApp([]);
  try {
    // The operator allowed the loopback host while importing from chat, then took it back.
    await withAllowHosts('127.0.0.1', async () => {
      await command(app, telegramOperator, 'config', 'import', { yaml: `sources:\n  - url: ${yamlUrl}\n` });
      const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="x" xmlUrl="${opmlUrl.replace('&', '&amp;')}"/></body></opml>`;
      await command(app, telegramOperator, 'config', 'import', { yaml: opml });
    });
    assert.equal(await app.settings.sourceOrigin(yamlUrl), 'chat');
    assert.equal(await app.settings.sourceOrigin(opmlUrl), 'chat');
    feeds.resetCounts();
    await withAllowHosts(undefined, async () => {
      await runPoll(app, yamlUrl);
      await runPoll(app, opmlUrl);
    });
    assert.equal(feeds.requests(), 0, 'neither imported feed was fetched');
    assert.match((await app.store.getSource(yamlUrl))?.lastError ?? '', /Refused: 127\.0\.0\.1 is a loopback address/);
    assert.match((await app.store.getSource(opmlUrl))?.lastError ?? '', /Refused: 127\.0\.0\.1 is a loopback address/);
  } finally {
    await app.store.close();
  }
});

test('a loopback feed the operator adds or imports at the console is polled (trusted like the configuration file)', async () => {
  const added = feeds.url('/feed.xml');
  const imported = `${feeds.base}/feed.xml?imported`;
  const app = makeApp([]);
  try {
    await withAllowHosts(undefined, async () => {
      await command(app, operator, 'feeds', 'add', { url: added });
      assert.equal(await app.settings.sourceOrigin(added), 'console');
      feeds.resetCounts();
      await runPoll(app, added);
      assert.equal(feeds.requests('/feed.xml'), 1);
      assert.equal((await app.store.getSource(added))?.lastError, null);
      assert.ok((await app.store.getSource(added))?.lastSuccess);

      await command(app, operator, 'config', 'import', { yaml: `sources:\n  - url: ${imported}\n` });
      assert.equal(await app.settings.sourceOrigin(imported), 'console');
      await runPoll(app, imported);
      assert.ok((await app.store.getSource(imported))?.lastSuccess, 'the imported loopback feed was read');
    });
  } finally {
    await app.store.close();
  }
});

test('a chat change to a feed the operator subscribed keeps it trusted; a chat-added one stays guarded', async () => {
  const url = feeds.url('/feed.xml');
  const app = makeApp([url]);
  try {
    await withAllowHosts('127.0.0.1', () => command(app, telegramOperator, 'feeds', 'add', { url, poll: '0 * * * *' }));
    assert.equal(await app.settings.sourceOrigin(url), 'file');
    const other = `${feeds.base}/feed.xml?chat`;
    await withAllowHosts('127.0.0.1', () => command(app, telegramOperator, 'feeds', 'add', { url: other }));
    await withAllowHosts('127.0.0.1', () => command(app, operator, 'feeds', 'add', { url: other, poll: '0 * * * *' }));
    assert.equal(await app.settings.sourceOrigin(other), 'console', 'the operator re-adding it vouches for it');
  } finally {
    await app.store.close();
  }
});
