import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { cli, freshDataDir, root } from './helpers.ts';

function startBot(data: string) {
  const child = spawn(process.execPath, [cli, '--data', data, 'start'], {
    cwd: root,
    env: { ...process.env, CRONISTA_LOG_LEVEL: 'info', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', CRONISTA_HTTP_PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const waitFor = async (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs = 30_000) => {
    const started = Date.now();
    while (!pattern.test(stream === 'stdout' ? stdout : stderr)) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern} on ${stream}:\n${stdout}\n${stderr}`);
      if (child.exitCode !== null) throw new Error(`bot exited ${child.exitCode}:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, waitFor, out: () => stdout, err: () => stderr };
}

test('start ingests the sample once, queues early commands, keeps running without stdin, stops cleanly', async () => {
  const data = freshDataDir();
  const bot = startBot(data);
  // Typed before start-up finishes: must be answered, not dropped.
  bot.child.stdin.write('/sources\n');
  await bot.waitFor('stderr', /cronista ready/);
  await bot.waitFor('stdout', /Sources \(5\)/);
  assert.match(bot.out(), /Cronista ingested the bundled Peru sample \(a demo\): \d+ documents from 5 sources/);
  assert.match(bot.err(), /cronista ready \(.*; nothing configured, so the bundled Peru sample was loaded as a demo\)/);
  // The readiness line prints where the story pages are; the sample story is there with its chart and timeline.
  const url = /cronista ready \(console, web; [^)]*\) — open (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(bot.err())?.[1];
  assert.ok(url, bot.err());
  const home = await (await fetch(url)).text();
  const story = /<a href="(\/stories\/peru-crisis)">Peru political crisis and protests<\/a>/.exec(home)?.[1];
  assert.ok(story, home);
  const page = await (await fetch(new URL(story, url))).text();
  assert.match(page, /<svg class="chart"/);
  assert.match(page, /<li class="event"/);
  assert.equal((await fetch(new URL('/healthz', url))).status, 200);
  bot.child.stdin.end();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(bot.child.exitCode, null, 'still running after stdin closed');
  bot.child.kill('SIGTERM');
  const [code] = await once(bot.child, 'exit');
  assert.equal(code, 0);

  const again = startBot(data);
  await again.waitFor('stderr', /cronista ready/);
  assert.doesNotMatch(again.out(), /ingested the bundled sample/, 'the sample is ingested on the first start only');
  again.child.kill('SIGINT');
  const [codeAgain] = await once(again.child, 'exit');
  assert.equal(codeAgain, 0);
});
