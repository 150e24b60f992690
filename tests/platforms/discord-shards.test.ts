/**
 * DISCORD_SHARDS without Discord: what the setting reads as, the discord.js Client options the bot is built with
 * (shards 0…N-1 of N, or Discord's recommended count with `auto`), and a bad value refused in one line before
 * `cronista start` opens anything.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openApp } from '../../src/app.ts';
import { ConfigError } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { createDiscordPlatform, type DiscordPlatform } from '../../src/platforms/discord/bot.ts';
import { discordShardsFromEnv, shardingOptions } from '../../src/platforms/discord/shards.ts';
import { freshDataDir, runCli } from '../cli/helpers.ts';

let app: AppContext | undefined;
after(async () => {
  await app?.store.close();
});

test('DISCORD_SHARDS reads as auto or a whole count; anything else is a one-line ConfigError', () => {
  assert.equal(discordShardsFromEnv({}), undefined);
  assert.equal(discordShardsFromEnv({ DISCORD_SHARDS: '  ' }), undefined);
  assert.equal(discordShardsFromEnv({ DISCORD_SHARDS: 'auto' }), 'auto');
  assert.equal(discordShardsFromEnv({ DISCORD_SHARDS: ' AUTO ' }), 'auto');
  assert.equal(discordShardsFromEnv({ DISCORD_SHARDS: '4' }), 4);
  for (const bad of ['0', '-2', '2.5', 'four', '1e3', '5000']) {
    assert.throws(() => discordShardsFromEnv({ DISCORD_SHARDS: bad }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, `DISCORD_SHARDS: "${bad}" is neither auto nor a whole number of shards from 1 to 4096 (leave it unset for one shard)`);
      return true;
    });
  }
  assert.deepEqual(shardingOptions(undefined), {});
  assert.deepEqual(shardingOptions('auto'), { shards: 'auto' });
  assert.deepEqual(shardingOptions(3), { shardCount: 3 });
});

test("the bot's discord.js client gets the shards asked for", () => {
  app = openApp(mkdtempSync(join(tmpdir(), 'cronista-discord-shards-')));
  const dispatcher = new Dispatcher(app, []);
  const client = (shards?: string) => {
    const platform = createDiscordPlatform(app!, dispatcher, { DISCORD_TOKEN: 'stand-in-token', ...(shards ? { DISCORD_SHARDS: shards } : {}) }) as DiscordPlatform;
    return platform.client.options;
  };
  const one = client();
  assert.deepEqual([one.shards, one.shardCount], [[0], 1]);
  const four = client('4');
  assert.deepEqual([four.shards, four.shardCount], [[0, 1, 2, 3], 4]);
  assert.equal(client('auto').shards, 'auto');
  assert.throws(() => client('lots'), /DISCORD_SHARDS: "lots" is neither auto nor/);
});

test('cronista start refuses a bad DISCORD_SHARDS in one line', async () => {
  const result = await runCli(['start'], { data: freshDataDir(), env: { DISCORD_TOKEN: 'stand-in-token', DISCORD_SHARDS: 'lots', CRONISTA_HTTP_PORT: 'off' } });
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim(), 'error: DISCORD_SHARDS: "lots" is neither auto nor a whole number of shards from 1 to 4096 (leave it unset for one shard)');
});
