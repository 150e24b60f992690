/**
 * Digests to `discord_channel` destinations: the bot posts renderDiscord's messages to the channel via
 * REST (the stand-in in tests/fixtures/discord-gateway-stand-in.ts), mentions off, each with a
 * deterministic nonce and enforce_nonce so the message re-sent after a crash is not posted twice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { deliverDigest, deliverDigests, readCursor } from '../../src/pipeline/digest.ts';
import { type Destination } from '../../src/pipeline/destination.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { readLastError, readOutbox } from '../../src/pipeline/outbox.ts';
import { DeliveryError } from '../../src/core/errors.ts';
import { messageSender, senderFor, type MessageSender } from '../../src/pipeline/senders.ts';
import { MAX_NONCE, messageNonce, postChannelMessage } from '../../src/platforms/discord/channel.ts';
import { discordRest } from '../../src/platforms/discord/env.ts';
import { renderDiscord, type DiscordMessage } from '../../src/platforms/discord/render.ts';
import { startGatewayStandIn, type GatewayStandIn } from '../fixtures/discord-gateway-stand-in.ts';
import { assertDiscordMessages } from './helpers.ts';

let standIn: GatewayStandIn;
let env: NodeJS.ProcessEnv;
const dirs: string[] = [];
const apps: AppContext[] = [];

async function seededApp(dir = mkdtempSync(join(tmpdir(), 'cronista-discord-channel-'))): Promise<{ app: AppContext; dir: string }> {
  dirs.push(dir);
  const app = openApp(dir);
  apps.push(app);
  await ingestTargets(app, ['tests/fixtures/seeds']);
  return { app, dir };
}

before(async () => {
  standIn = await startGatewayStandIn();
  env = { DISCORD_TOKEN: 'channel-token', DISCORD_API_BASE: standIn.api };
});

after(async () => {
  for (const app of apps) await app.store.close().catch(() => undefined);
  await standIn?.close();
});

const channelDestination = (channelId: string, id = `news-${channelId}`): Destination => ({ id, kind: 'discord_channel', channelId });

test('discord channel: a digest is posted to the channel via REST, within limits, mentions off, with nonces', async () => {
  const { app } = await seededApp();
  const channelId = '4000000000000000001';
  const destination = channelDestination(channelId);
  const sender = await senderFor(app, destination, { env });
  assert.equal(sender.platform, 'discord');
  const result = await deliverDigest(app, destination, sender);
  assert.ok(result.delivered && result.sent >= 1);
  const posted = standIn.calls.filter((call) => call.path === `/api/v10/channels/${channelId}/messages`);
  assert.equal(posted.length, result.sent);
  const created = standIn.channelMessages.filter((m) => m.channel_id === channelId);
  assert.equal(created.length, result.sent);
  for (const call of posted) {
    assert.equal(call.method, 'POST');
    assert.equal(call.status, 200);
    assert.equal(call.headers.authorization, 'Bot channel-token');
    assert.deepEqual(call.body.allowed_mentions, { parse: [] });
    assert.equal(call.body.enforce_nonce, true);
    assert.equal(typeof call.body.nonce, 'string');
    assert.ok(call.body.nonce.length > 0 && call.body.nonce.length <= MAX_NONCE);
  }
  assert.equal(new Set(posted.map((call) => call.body.nonce)).size, posted.length, 'nonces repeat within one digest');
  assertDiscordMessages(posted.map((call) => ({ embeds: call.body.embeds, allowed_mentions: call.body.allowed_mentions })));
  assert.equal((await readCursor(app, destination.id)).sequence, result.digest.toSequence);
  assert.equal(await readOutbox(app.store.kv, destination.id), undefined);
});

test('discord channel: a message re-sent after a crash carries the same nonce and is not posted twice', async () => {
  const { app, dir } = await seededApp();
  const channelId = '4000000000000000002';
  const destination = channelDestination(channelId);
  const real = (await senderFor(app, destination, { env })) as MessageSender<DiscordMessage>;
  // The "crash": message 1 is confirmed by Discord, then the process dies before `next` is saved.
  let sends = 0;
  const crashing = messageSender<DiscordMessage>('discord', real.render, async (message) => {
    await real.sendMessage(message);
    if (++sends === 1) throw new DeliveryError('process killed', { permanent: false });
  });
  await assert.rejects(deliverDigest(app, destination, crashing), /process killed/);
  const pending = await readOutbox<DiscordMessage>(app.store.kv, destination.id);
  assert.ok(pending && pending.next === 0, 'the outbox keeps the unconfirmed message');
  await app.store.close();

  // Restart: a new process (app, REST client) resumes the outbox and sends message 1 again.
  const reopened = openApp(dir);
  apps.push(reopened);
  const resumed = await deliverDigest(reopened, destination, await senderFor(reopened, destination, { env }));
  assert.ok(resumed.resumed && resumed.resumed.sent === pending.messages.length);
  const posted = standIn.calls.filter((call) => call.path === `/api/v10/channels/${channelId}/messages`);
  assert.equal(posted.length, pending.messages.length + 1, 'message 1 was sent twice');
  assert.equal(posted[0]!.body.nonce, posted[1]!.body.nonce, 'the repeat has the same nonce');
  assert.equal(posted[0]!.message.id, posted[1]!.message.id, 'Discord answered the repeat with the existing message');
  const created = standIn.channelMessages.filter((m) => m.channel_id === channelId);
  assert.equal(created.length, pending.messages.length, 'one message per outbox message');
  assert.equal(new Set(created.map((m) => m.nonce)).size, created.length);
  assert.equal((await readCursor(reopened, destination.id)).sequence, pending.toSequence);
});

test('discord channel: attachments go as multipart with payload_json, nonce and mentions off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-discord-file-'));
  const path = join(dir, 'chart.png');
  writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  const channelId = '4000000000000000007';
  const [message] = renderDiscord({ title: 'Chart', sections: [{ lines: [['@everyone see the chart']] }], json: null, attachments: [{ name: 'chart.png', path, contentType: 'image/png', description: 'A chart' }] });
  const rest = discordRest({ token: 'channel-token', apiBase: standIn.api });
  const { id, nonce } = await postChannelMessage(message!, { rest, channelId, nonce: () => 'fixed-nonce' });
  assert.ok(id);
  assert.equal(nonce, 'fixed-nonce');
  const call = standIn.calls.find((c) => c.path === `/api/v10/channels/${channelId}/messages`)!;
  assert.match(String(call.headers['content-type']), /^multipart\/form-data/);
  assert.deepEqual(call.files.map((f) => [f.field, f.name, f.type]), [['files[0]', 'chart.png', 'image/png']]);
  assert.equal(call.body.nonce, 'fixed-nonce');
  assert.equal(call.body.enforce_nonce, true);
  assert.deepEqual(call.body.allowed_mentions, { parse: [] });
  assert.equal(call.body.embeds[0].image.url, 'attachment://chart.png');
  assert.deepEqual(call.body.attachments, [{ id: 0, filename: 'chart.png', description: 'A chart' }]);
  // The same nonce again: Discord hands back the message it made.
  const again = await postChannelMessage(message!, { rest, channelId, nonce: () => 'fixed-nonce' });
  assert.equal(again.id, id);
  assert.equal(standIn.channelMessages.filter((m) => m.channel_id === channelId).length, 1);
});

test('discord channel: nonces are deterministic, ≤ 25 characters and differ per message', () => {
  const a = messageNonce(['news', 0, 42, '2026-01-01T00:00:00.000Z', 0]);
  assert.equal(a, messageNonce(['news', 0, 42, '2026-01-01T00:00:00.000Z', 0]));
  assert.ok(a.length <= 25);
  assert.notEqual(a, messageNonce(['news', 0, 42, '2026-01-01T00:00:00.000Z', 1]));
  assert.notEqual(a, messageNonce(['other', 0, 42, '2026-01-01T00:00:00.000Z', 0]));
});

test('discord channel: Unknown Channel and Missing Access are permanent; the outbox is dropped', async () => {
  const { app } = await seededApp();
  standIn.unknownChannels.add('4000000000000000003');
  standIn.noAccessChannels.add('4000000000000000004');
  for (const [channelId, code] of [['4000000000000000003', 10003], ['4000000000000000004', 50001]] as const) {
    const destination = channelDestination(channelId);
    const error = await deliverDigest(app, destination, await senderFor(app, destination, { env })).then(
      () => assert.fail('delivered'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DeliveryError, String(error));
    assert.equal(error.permanent, true);
    assert.match(error.message, new RegExp(`code ${code}`));
    assert.ok(!error.message.includes('channel-token'));
    assert.equal(await readOutbox(app.store.kv, destination.id), undefined);
    assert.equal((await readLastError(app.store.kv, destination.id))?.permanent, true);
  }
});

test('discord channel: without DISCORD_TOKEN the destination fails permanently and others still deliver', async () => {
  const { app } = await seededApp();
  await assert.rejects(senderFor(app, channelDestination('4000000000000000005'), { env: {} }), (e: unknown) => e instanceof DeliveryError && e.permanent);
  const reports = await deliverDigests(app, [channelDestination('4000000000000000005', 'no-token'), channelDestination('4000000000000000006', 'ok')], {
    senderFor: (a, destination) => senderFor(a, destination, { env: destination.id === 'no-token' ? { DISCORD_API_BASE: standIn.api } : env }),
  });
  assert.equal(reports[0]!.ok, false);
  assert.ok(!reports[0]!.ok && reports[0]!.permanent && /DISCORD_TOKEN is not set/.test(reports[0]!.reason));
  assert.equal(reports[1]!.ok, true, 'the other destination was still delivered');
});
