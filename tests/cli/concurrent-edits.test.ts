/**
 * Admin edits from separate processes against one data directory: 10 `cronista ask "/filter add …"` at
 * once, one typed into a running `cronista start`, all kept; and the running service picks up what
 * another process changed (a feed added with `cronista ask` is polled by the service).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { rss, startFeedServer } from '../fixtures/feed-server.ts';
import { cli, freshDataDir, root, runCli } from './helpers.ts';

const item = (n: number) => ({ title: `Item ${n}`, link: `https://x.example/${n}`, date: '2023-01-01T00:00:00Z', text: `Text ${n}.` });

function startBot(data: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, '--data', data, 'start'], {
    cwd: root,
    env: { ...process.env, CRONISTA_LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const waitFor = async (check: () => boolean, what: string, timeoutMs = 30_000) => {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${stdout}\n${stderr}`);
      if (child.exitCode !== null) throw new Error(`bot exited ${child.exitCode}:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, waitFor, out: () => stdout, err: () => stderr };
}

test('10 /filter add from separate processes at once, and one typed into cronista start: all kept; the service polls a feed another process added', async () => {
  const feeds = await startFeedServer();
  feeds.feed('/seed.xml', rss('Seed', [item(1)]));
  feeds.feed('/added.xml', rss('Added', [item(2)]));
  const data = freshDataDir();
  const configPath = join(mkdtempSync(join(tmpdir(), 'cronista-config-')), 'cronista.yaml');
  writeFileSync(configPath, `sources:\n  - url: ${feeds.url('/seed.xml')}\n    poll: "0 0 1 1 *"\ndestinations:\n  - id: console\n    console: true\n    schedule: "0 0 1 1 *"\n`);
  const env = { CRONISTA_CONFIG: configPath, CRONISTA_ALLOW_HOSTS: '' };
  const bot = startBot(data, env);
  try {
    await bot.waitFor(() => /cronista ready/.test(bot.err()), 'the ready line');

    const asks = Array.from({ length: 10 }, (_, i) => runCli(['ask', `/filter add include:word${i}`], { data, env }));
    bot.child.stdin.write('/filter add include:typed\n');
    const add = runCli(['ask', `/feeds add ${feeds.url('/added.xml')} poll:"* * * * * *"`], { data, env });
    for (const result of await Promise.all(asks)) assert.equal(result.code, 0, result.stderr + result.stdout);
    const added = await add;
    assert.equal(added.code, 0, added.stderr + added.stdout);
    assert.match(added.stdout, /Subscribed/);
    await bot.waitFor(() => /Added include typed/.test(bot.out()), 'the typed /filter add answer');

    const listed = await runCli(['ask', '/filter list', '--json'], { data, env });
    const include = (JSON.parse(listed.stdout) as { filters: { include: string[] } }).filters.include;
    assert.deepEqual([...include].sort(), [...Array.from({ length: 10 }, (_, i) => `word${i}`), 'typed'].sort());

    // The running service reschedules on the change stored by the other process: the new feed (on
    // loopback, added at the console, so trusted) is polled every second.
    feeds.resetCounts();
    await bot.waitFor(() => feeds.requests('/added.xml') > 0, 'a poll of the feed added by another process', 20_000);
    assert.doesNotMatch(bot.err(), /Refused/);
  } finally {
    bot.child.kill('SIGTERM');
    await once(bot.child, 'exit');
    await feeds.close();
  }
});
