/**
 * The bundled Peru sample is a demo: `cronista start` with a configuration that subscribes its own feeds
 * leaves it out of the store (the operator's story is not mixed with it); `cronista sample` loads it on
 * purpose. (tests/cli/start.test.ts covers the start with nothing configured, which loads it.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { rss, startFeedServer } from '../fixtures/feed-server.ts';
import { cli, freshDataDir, root, runCli } from './helpers.ts';

test('start with its own feeds configured does not import the sample; cronista sample loads it on purpose', async () => {
  const feeds = await startFeedServer();
  feeds.feed('/own.xml', rss('Own Wire', [{ title: 'Own story', link: 'https://own.example/1', date: '2024-05-01T10:00:00Z', text: 'Something the operator follows happened today.' }]));
  const data = freshDataDir();
  const config = join(data, 'cronista.yaml');
  writeFileSync(config, `sources:\n  - url: ${feeds.url('/own.xml')}\n    poll: "0 0 1 1 *"\n`);
  const env = { CRONISTA_CONFIG: config, CRONISTA_LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' };
  const child = spawn(process.execPath, [cli, '--data', data, 'start'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  try {
    const started = Date.now();
    while (!/cronista ready/.test(stderr)) {
      assert.ok(Date.now() - started < 120_000, `no ready line:\n${stderr}`);
      assert.equal(child.exitCode, null, stderr);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(stderr, /cronista ready \(console(?:, web)?; data [^;]*; 0 documents\)/, 'no word of a sample');
    assert.doesNotMatch(stdout, /sample/);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    await feeds.close();
  }
  const before = await runCli(['ask', '/sources', '--json'], { data, env });
  const files = (stdout: string) => (JSON.parse(stdout) as { sources: { kind: string }[] }).sources.filter((source) => source.kind === 'file').length;
  assert.equal(files(before.stdout), 0, before.stdout);

  const loaded = await runCli(['sample'], { data, env });
  assert.equal(loaded.code, 0, loaded.stderr);
  assert.match(loaded.stdout, /^Cronista ingested the bundled Peru sample \(a demo\): \d+ documents from 5 sources\.\n$/);
  const after = await runCli(['ask', '/sources', '--json'], { data, env });
  assert.equal(files(after.stdout), 5);
});
