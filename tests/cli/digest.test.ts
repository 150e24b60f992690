import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { freshDataDir, runCli, seeds } from './helpers.ts';

test('cronista digest --json on the console prints only JSON; a webhook delivery says how many messages went where', { timeout: 120_000 }, async () => {
  const discord = await startDiscordStandIn();
  try {
    const data = freshDataDir();
    const config = join(data, 'cronista.yaml');
    writeFileSync(config, ['destinations:', '  - id: ops', `    discord_webhook: ${discord.webhookUrl('77', 'secret-token')}`].join('\n'));
    const env = { CRONISTA_CONFIG: config, CRONISTA_LOG_LEVEL: 'warn' };
    const ingested = await runCli(['ingest', seeds], { data, env });
    assert.equal(ingested.code, 0, ingested.stderr);

    const json = await runCli(['digest', '--json'], { data, env });
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { destination: string; delivered: boolean; messages: number };
    assert.equal(parsed.destination, 'console');
    assert.equal(parsed.delivered, true);
    assert.ok(parsed.messages >= 1);

    const hook = await runCli(['digest', '--destination', 'ops'], { data, env });
    assert.equal(hook.code, 0, hook.stderr);
    const created = discord.created().filter((post) => post.webhookId === '77').length;
    assert.ok(created >= 1);
    assert.equal(hook.stdout.trim(), `Delivered ${created} message${created === 1 ? '' : 's'} to ops.`);

    const again = await runCli(['digest', '--destination', 'ops'], { data, env });
    assert.match(again.stdout, /Nothing new since the last digest/);
  } finally {
    await discord.close();
  }
});
