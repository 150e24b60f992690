import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { rss, startFeedServer } from '../fixtures/feed-server.ts';
import { cli, freshDataDir, root } from './helpers.ts';

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const OLD_ITEM = { title: 'Archive: roadblocks on the Puno highway', link: 'https://andes.example/old', date: '2023-01-05T10:00:00Z', text: 'Protesters kept roadblocks on the highway between Puno and Juliaca for a third day, local radio reported, as talks with the regional government stalled again.' };
const NEW_ITEM = { title: 'Congress sets date for early elections in Peru', link: 'https://andes.example/new', date: '2023-02-03T10:00:00Z', text: 'Peru’s Congress approved on Friday a motion to bring forward general elections, after weeks of protests in Lima and the southern regions demanding the vote.' };

test('cronista start polls a subscribed feed and posts digests on schedule: old items seed silently, new ones arrive', { timeout: 90_000 }, async () => {
  const feeds = await startFeedServer();
  const discord = await startDiscordStandIn();
  const data = freshDataDir();
  feeds.feed('/news.xml', rss('Andes Wire', [OLD_ITEM]));
  const config = join(data, 'cronista.yaml');
  writeFileSync(
    config,
    [
      'sources:',
      `  - url: ${feeds.url('/news.xml')}`,
      "    poll: '*/2 * * * * *'",
      'destinations:',
      '  - id: ops',
      `    discord_webhook: ${discord.webhookUrl('1', 'secret-token')}`,
      "    schedule: '*/3 * * * * *'",
      '    timezone: America/Lima',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [cli, '--data', data, 'start'], {
    cwd: root,
    env: { ...process.env, CRONISTA_CONFIG: config, CRONISTA_LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', CRONISTA_HTTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const posted = () => discord.created().map((post) => JSON.stringify(post.payload)).join('\n');
  try {
    await waitFor(() => /cronista ready/.test(stderr), 'readiness');
    // The configuration subscribes its own feed: the bundled sample stays out of the store.
    assert.doesNotMatch(stderr, /sample/);
    await waitFor(() => feeds.requests('/news.xml') >= 2, 'two polls');
    feeds.feed('/news.xml', rss('Andes Wire', [NEW_ITEM, OLD_ITEM]));
    await waitFor(() => posted().includes(NEW_ITEM.title), 'the new item in a digest');
    assert.ok(!posted().includes(OLD_ITEM.title), 'the back catalog of a newly subscribed feed is not announced');
    assert.ok(feeds.notModified('/news.xml') >= 1, 'unchanged polls are answered 304');
    for (const post of discord.created()) {
      assert.deepEqual((post.payload as { allowed_mentions?: unknown }).allowed_mentions, { parse: [] });
      assert.equal(post.query.wait, 'true');
    }
    assert.doesNotMatch(stderr, /secret-token/, 'the webhook token is never logged');
  } finally {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    await feeds.close();
    await discord.close();
    assert.equal(code, 0, stderr);
  }
});
