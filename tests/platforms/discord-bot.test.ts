/**
 * The Discord bot end to end: the real discord.js client logs in to the gateway + REST stand-in
 * (tests/fixtures/discord-gateway-stand-in.ts) and answers interactions for a real app holding the seed
 * pages. Checked at the REST stand-in: the callback within 3 s (immediate or deferred), embeds within
 * every limit, allowed_mentions on every message, the /deaths PNG, ephemeral refusals, autocomplete
 * answers, pager buttons.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

// Loaded before discord.js on purpose: the project's undici then owns the global dispatcher (as in `cronista
// start`), which once broke discord.js's file uploads.
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { ApplicationCommandOptionType, PermissionsBitField } from 'discord.js';
import { commands } from '../../commands/index.ts';
import type { Answer } from '../../src/core/answer.ts';
import { openApp } from '../../src/app.ts';
import type { CommandDefinition } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { createDiscordPlatform, createDiscordPlatformWith, hasManageGuild, type DiscordPlatform } from '../../src/platforms/discord/bot.ts';
import { PagerStore } from '../../src/platforms/discord/pager.ts';
import type { DiscordMessage } from '../../src/platforms/discord/render.ts';
import { ADMIN_PERMISSIONS, MEMBER_PERMISSIONS, startGatewayStandIn, type GatewayStandIn, type RestCall, type SentInteraction } from '../fixtures/discord-gateway-stand-in.ts';
import { assertDiscordMessages, bigAnswer } from './helpers.ts';

const ADMINISTRATOR_ONLY = (1n << 3n).toString();
/** When probe-blocking started holding the event loop. */
const blockedAt: number[] = [];

/** Admin probes (commands/index.ts may not have an admin command yet); one with subcommands like /feeds. */
const probes: CommandDefinition[] = [
  {
    name: 'probe-admin',
    description: 'Admin-only probe',
    options: [],
    subcommands: [
      { name: 'add', description: 'Add', options: [{ name: 'url', description: 'URL', type: 'string', required: true }] },
      { name: 'list', description: 'List', options: [] },
    ],
    permission: 'admin',
    async run(_app, input): Promise<Answer> {
      return { title: `probe ${input.subcommand}`, sections: [{ lines: [[`ok ${String(input.options.url ?? '')}`]] }], json: { ok: true } };
    },
  },
  {
    name: 'probe-slow',
    description: 'Answers after a while',
    options: [{ name: 'fail', description: 'Fail instead', type: 'boolean' }],
    permission: 'everyone',
    async run(_app, input): Promise<Answer> {
      await sleep(700);
      if (input.options.fail) throw new Error('slow failure');
      return { title: 'Slow', sections: [{ lines: [['done @everyone <@123>']] }], json: null };
    },
  },
  {
    name: 'probe-blocking',
    description: 'Holds the event loop, as a cold store-wide build would',
    options: [],
    permission: 'everyone',
    mayBeSlow: true,
    async run(): Promise<Answer> {
      blockedAt.push(Date.now());
      const until = Date.now() + 1500;
      while (Date.now() < until); // synchronous: no timer (the 1.2 s fallback) can fire meanwhile
      return { title: 'Blocking', sections: [{ lines: [['done']] }], json: null };
    },
  },
  {
    name: 'probe-long',
    description: 'A very long answer',
    options: [],
    permission: 'everyone',
    async run(): Promise<Answer> {
      return bigAnswer(11, 30_000);
    },
  },
];

let standIn: GatewayStandIn;
let app: AppContext;
let platform: DiscordPlatform;
let users = 0;
const nextUser = () => `30000000000000${String(++users).padStart(4, '0')}`;

before(async () => {
  standIn = await startGatewayStandIn({ heartbeatIntervalMs: 300 });
  app = openApp(mkdtempSync(join(tmpdir(), 'cronista-discord-bot-')));
  await ingestTargets(app, ['tests/fixtures/seeds']);
  const dispatcher = new Dispatcher(app, [...commands, ...probes]);
  platform = createDiscordPlatformWith(app, dispatcher, { DISCORD_TOKEN: 'stand-in-token', DISCORD_API_BASE: standIn.api, DISCORD_APPLICATION_ID: standIn.applicationId }, { deferAfterMs: 400 })!;
  await platform.start();
});

after(async () => {
  await platform?.stop();
  await standIn?.close();
  await app?.store.close();
});

interface Outcome {
  sent: SentInteraction;
  callback: RestCall;
  /** Every message the interaction produced, as sent (callback data, @original edits, follow-ups). */
  messages: { via: string; body: any; files: RestCall['files'] }[];
  calls: RestCall[];
}

function commandData(name: string, options: Record<string, string | number | boolean> = {}, subcommand?: string, focused?: string) {
  const typeOf = (value: string | number | boolean) =>
    typeof value === 'boolean' ? ApplicationCommandOptionType.Boolean : typeof value === 'number' ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String;
  const list = Object.entries(options).map(([key, value]) => ({ name: key, type: typeOf(value), value, ...(focused === key ? { focused: true } : {}) }));
  return {
    id: '1',
    name,
    type: 1,
    guild_id: standIn.guildId,
    options: subcommand ? [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: list }] : list,
  };
}

async function run(sent: SentInteraction): Promise<Outcome> {
  const callback = await standIn.waitFor((call) => call.path.endsWith(`/${sent.token}/callback`));
  await platform.idle();
  const calls = standIn.callsFor(sent.token);
  const messages: Outcome['messages'] = [];
  for (const call of calls) {
    if (call.path.endsWith('/callback') && [4, 7].includes(call.body?.type)) messages.push({ via: `callback ${call.body.type}`, body: call.body.data, files: call.files });
    else if (call.method === 'PATCH') messages.push({ via: 'edit', body: call.body, files: call.files });
    else if (call.method === 'POST' && !call.path.endsWith('/callback')) messages.push({ via: 'follow-up', body: call.body, files: call.files });
  }
  return { sent, callback, messages, calls };
}

function command(name: string, options: Record<string, string | number | boolean> = {}, extra: { permissions?: string; subcommand?: string; userId?: string } = {}) {
  return run(standIn.interaction({ type: 2, data: commandData(name, options, extra.subcommand), userId: extra.userId ?? nextUser(), ...(extra.permissions ? { permissions: extra.permissions } : {}) }));
}

/** The REST bodies as DiscordMessages for the shared limit checks. */
function asRendered(outcome: Outcome): DiscordMessage[] {
  return outcome.messages.map(({ body, files }) => ({
    embeds: body.embeds ?? [],
    allowed_mentions: body.allowed_mentions,
    ...(((body.flags ?? 0) & 64) === 64 ? { flags: 64 as const } : {}),
    ...(body.content ? { content: body.content } : {}),
    ...(files.length ? { files: files.map((file) => ({ name: file.name, path: '', contentType: file.type })) } : {}),
  }));
}

function assertAcknowledgedInTime(outcome: Outcome): void {
  const delay = outcome.callback.at - outcome.sent.sentAt;
  assert.ok(delay < 3000, `callback after ${delay} ms`);
  assert.equal(outcome.callback.status, 204);
  if (outcome.callback.body?.type !== 8) assert.equal(outcome.callback.query.with_response, 'false');
  assert.equal(outcome.callback.headers.authorization, undefined, 'callbacks carry no token');
}

function assertEveryMessage(outcome: Outcome, ephemeral: boolean): void {
  assert.ok(outcome.messages.length > 0, 'no message');
  for (const message of outcome.messages) assert.deepEqual(message.body.allowed_mentions, { parse: [] }, `${message.via}: allowed_mentions`);
  for (const call of outcome.calls) assert.ok(call.status < 300, `${call.method} ${call.path} → ${call.status}`);
  if (ephemeral) {
    const first = outcome.callback.body;
    assert.equal((first.data?.flags ?? 0) & 64, 64, 'the reply is not ephemeral');
    for (const m of outcome.messages.filter((m) => m.via === 'follow-up')) assert.equal(m.body.flags & 64, 64, 'follow-up not ephemeral');
  }
  assertDiscordMessages(asRendered(outcome).map((m) => (ephemeral ? { ...m, flags: 64 as const } : m)), ephemeral);
}

test('discord bot: logs in with the Guilds intent only and heartbeats are acknowledged', async () => {
  const identify = await standIn.identified;
  assert.equal(identify.intents, 1, 'only GatewayIntentBits.Guilds');
  assert.equal(identify.token, 'stand-in-token');
  assert.equal(platform.client.guilds.cache.size, 1);
  assert.ok(platform.client.channels.cache.has(standIn.channelId));
  for (let i = 0; i < 40 && standIn.heartbeatsAcked === 0; i++) await sleep(50);
  assert.ok(standIn.heartbeatsAcked > 0, 'no heartbeat');
  const gateway = standIn.calls.find((call) => call.path === '/api/v10/gateway/bot');
  assert.equal(gateway?.headers.authorization, 'Bot stand-in-token');
});

test('discord bot: createDiscordPlatform is null without DISCORD_TOKEN', () => {
  assert.equal(createDiscordPlatform(app, new Dispatcher(app, commands), {}), null);
  assert.equal(createDiscordPlatform(app, new Dispatcher(app, commands), { DISCORD_TOKEN: '  ' }), null);
});

test('discord bot: every command is answered within 3 s, within every embed limit, mentions off', async (t) => {
  const samples: Record<string, Record<string, string | number | boolean>> = {
    deaths: { region: 'Puno' },
    timeline: { from: '2022-12-01' },
    search: { query: 'protest' },
    digest: {},
    sources: {},
    help: {},
  };
  const READ_ONLY = ['list', 'show', 'export'];
  for (const definition of commands) {
    const options = samples[definition.name] ?? Object.fromEntries(definition.options.filter((o) => o.required).map((o) => [o.name, o.type === 'integer' || o.type === 'number' ? 1 : o.type === 'boolean' ? true : o.type === 'date' ? '2023-01-01' : (o.choices?.[0] ?? 'x')]));
    const admin = definition.permission === 'admin';
    // Commands with subcommands (/feeds add|remove|list…): their read-only subcommands, which change nothing.
    const subcommands = definition.subcommands?.length
      ? definition.subcommands.filter((sub) => READ_ONLY.includes(sub.name) && sub.options.every((o) => !o.required)).map((sub) => sub.name)
      : [undefined];
    for (const subcommand of subcommands) {
      const outcome = await command(definition.name, options, { ...(admin ? { permissions: ADMIN_PERMISSIONS } : {}), ...(subcommand ? { subcommand } : {}) });
      const label = `/${definition.name}${subcommand ? ` ${subcommand}` : ''}`;
      assertAcknowledgedInTime(outcome);
      assertEveryMessage(outcome, admin);
      const text = JSON.stringify(outcome.messages.map((m) => m.body.embeds));
      assert.ok(!/failed:|needs|Unknown command|admins only/.test(text), `${label}: ${text.slice(0, 300)}`);
      t.diagnostic(`${label}: callback type ${outcome.callback.body.type} after ${outcome.callback.at - outcome.sent.sentAt} ms, ${outcome.messages.length} message(s)`);
    }
  }
});

test('discord bot: /deaths sends the chart as a PNG attachment shown in the embed', async () => {
  const outcome = await command('deaths');
  assertAcknowledgedInTime(outcome);
  assertEveryMessage(outcome, false);
  const withFile = outcome.messages.find((m) => m.files.length > 0);
  assert.ok(withFile, 'no attachment');
  const file = withFile.files[0]!;
  assert.match(file.name, /^deaths-.*\.png$/);
  assert.equal(file.type, 'image/png');
  assert.ok(file.size > 1000, 'tiny PNG');
  assert.deepEqual([...file.head.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(withFile.body.embeds[0].image.url, `attachment://${file.name}`);
  assert.equal(withFile.body.attachments[0].id, '0');
  assert.equal(file.field, 'files[0]');
});

test('discord bot: admin commands — refused ephemerally without Manage Server, run (ephemeral) with it', async (t) => {
  const realAdmin = commands.filter((c) => c.permission === 'admin').map((c) => c.name);
  if (realAdmin.length === 0) t.diagnostic('commands/index.ts has no admin command yet: checked with the probe-admin command');
  for (const name of ['probe-admin', ...realAdmin]) {
    const definition = [...commands, ...probes].find((c) => c.name === name)!;
    const subcommand = definition.subcommands?.[0]?.name;
    const refused = await command(name, subcommand === 'add' ? { url: 'https://example.org/feed' } : {}, { permissions: MEMBER_PERMISSIONS, ...(subcommand ? { subcommand } : {}) });
    assertAcknowledgedInTime(refused);
    assert.equal(refused.callback.body.type, 4, 'refused at once');
    assert.equal(refused.callback.body.data.flags & 64, 64, 'refusal not ephemeral');
    assert.match(JSON.stringify(refused.callback.body.data.embeds), /admins only/);
    assertEveryMessage(refused, true);
  }
  const allowed = await command('probe-admin', { url: 'https://example.org/feed' }, { permissions: ADMIN_PERMISSIONS, subcommand: 'add' });
  assertEveryMessage(allowed, true);
  assert.match(JSON.stringify(allowed.messages[0]!.body.embeds), /probe add/);
  const administrator = await command('probe-admin', {}, { permissions: ADMINISTRATOR_ONLY, subcommand: 'list' });
  assert.match(JSON.stringify(administrator.messages[0]!.body.embeds), /probe list/, 'Administrator implies Manage Server');
});

test('discord bot: Manage Server is read from a PermissionsBitField or from the raw permissions string', () => {
  const bits = new PermissionsBitField(BigInt(ADMIN_PERMISSIONS));
  assert.equal(hasManageGuild({ memberPermissions: bits, member: null } as never), true);
  assert.equal(hasManageGuild({ memberPermissions: null, member: { permissions: ADMIN_PERMISSIONS } } as never), true);
  assert.equal(hasManageGuild({ memberPermissions: null, member: { permissions: MEMBER_PERMISSIONS } } as never), false);
  assert.equal(hasManageGuild({ memberPermissions: null, member: null } as never), false);
});

test('discord bot: a slow command is deferred, then its reply edited; a slow error becomes ephemeral', async () => {
  const slow = await command('probe-slow');
  assertAcknowledgedInTime(slow);
  assert.equal(slow.callback.body.type, 5, 'deferred');
  assert.ok(slow.messages.some((m) => m.via === 'edit'), 'no @original edit');
  const edit = slow.calls.find((call) => call.method === 'PATCH')!;
  assert.match(edit.path, /\/webhooks\/\d+\/itoken-\d+\/messages\/%40original$/);
  assertEveryMessage(slow, false);

  const failing = await command('probe-slow', { fail: true });
  assertAcknowledgedInTime(failing);
  assert.equal(failing.callback.body.type, 5);
  assert.ok(failing.calls.some((call) => call.method === 'DELETE'), 'public placeholder not removed');
  const followUp = failing.messages.find((m) => m.via === 'follow-up');
  assert.ok(followUp && (followUp.body.flags & 64) === 64, 'error not ephemeral');
  // An unexpected error's own message (here "slow failure"; could be a path or SQL) stays in the logs.
  assert.match(JSON.stringify(followUp.body.embeds), /Something went wrong; the operator can see the details in the logs\./);
  assert.doesNotMatch(JSON.stringify(followUp.body), /slow failure/);
});

test('discord bot: a command that may be slow is deferred before it runs, even one that holds the event loop', async () => {
  const outcome = await command('probe-blocking');
  assert.equal(outcome.callback.body.type, 5, 'deferred');
  assert.ok(outcome.callback.at <= blockedAt.at(-1)!, `acknowledged ${outcome.callback.at - blockedAt.at(-1)!} ms after the command started`);
  assert.ok(outcome.messages.some((m) => m.via === 'edit'), 'no @original edit');
  assertEveryMessage(outcome, false);
  // Refusals of such commands are still answered directly (bad input: below; a cooldown here).
  const user = nextUser();
  const first = await command('digest', {}, { userId: user });
  assert.equal(first.callback.body.type, 5, '/digest deferred at once');
  const again = await command('digest', {}, { userId: user });
  assert.equal(again.callback.body.type, 4, 'cooldown refused at once');
  assert.equal(again.callback.body.data.flags & 64, 64);
  assert.match(JSON.stringify(again.callback.body.data.embeds), /was just used/);
});

test('discord bot: stop() waits also for interactions that arrive while it waits, then closes the gateway', async () => {
  const dispatcher = new Dispatcher(app, commands);
  const stopping = createDiscordPlatformWith(app, dispatcher, { DISCORD_TOKEN: 'stand-in-token', DISCORD_API_BASE: standIn.api, DISCORD_APPLICATION_ID: standIn.applicationId }, {})!;
  const events: string[] = [];
  stopping.client.destroy = async () => void events.push('destroy');
  const track = (work: Promise<void>) => (stopping as unknown as { track(work: Promise<void>): void }).track(work);
  // One interaction in flight; while stop() waits for it, a second one arrives (e.g. told to retry later).
  track(
    (async () => {
      await sleep(50);
      track(
        (async () => {
          await sleep(100);
          events.push('late interaction answered');
        })(),
      );
      events.push('first interaction answered');
    })(),
  );
  await stopping.stop();
  assert.deepEqual(events, ['first interaction answered', 'late interaction answered', 'destroy']);
});

test('discord bot: a long answer goes as a reply plus follow-ups (?wait=true), each within the limits', async () => {
  const outcome = await command('probe-long');
  assertAcknowledgedInTime(outcome);
  assert.ok(outcome.messages.length >= 3, `${outcome.messages.length} messages`);
  const followUps = outcome.calls.filter((call) => call.method === 'POST' && !call.path.endsWith('/callback'));
  assert.ok(followUps.length >= 2);
  for (const call of followUps) assert.equal(call.query.wait, 'true');
  assertEveryMessage(outcome, false);
});

test('discord bot: bad input and unknown commands are answered ephemerally at once', async () => {
  const bad = await command('timeline', { from: 'yesterday' });
  assert.equal(bad.callback.body.type, 4);
  assert.equal(bad.callback.body.data.flags & 64, 64);
  assert.match(JSON.stringify(bad.callback.body.data.embeds), /is not a date/);
  const unknown = await command('nope');
  assert.equal(unknown.callback.body.data.flags & 64, 64);
});

test('discord bot: in a DM (no member) commands run and admin commands are refused', async () => {
  const help = await run(standIn.interaction({ type: 2, data: { ...commandData('help'), guild_id: undefined }, dm: true, userId: nextUser() }));
  assertAcknowledgedInTime(help);
  assertEveryMessage(help, false);
  assert.doesNotMatch(JSON.stringify(help.messages[0]!.body.embeds), /probe-admin/, 'admin commands listed to a non-admin');
  const admin = await run(standIn.interaction({ type: 2, data: { ...commandData('probe-admin', {}, 'list'), guild_id: undefined }, dm: true, userId: nextUser() }));
  assert.equal(admin.callback.body.data.flags & 64, 64);
  assert.match(JSON.stringify(admin.callback.body.data.embeds), /admins only/);
});

test('discord bot: autocomplete suggests regions and stories filtered by what was typed (≤ 25)', async () => {
  const regions = await run(standIn.interaction({ type: 4, data: commandData('deaths', { region: 'pu' }, undefined, 'region') }));
  assert.equal(regions.callback.body.type, 8);
  const choices = regions.callback.body.data.choices as { name: string; value: string }[];
  assert.ok(choices.length > 0 && choices.length <= 25);
  assert.ok(choices.some((c) => c.value === 'Puno'), JSON.stringify(choices));
  assert.ok(choices.every((c) => c.name.length <= 100 && c.value.length <= 100));

  const all = await run(standIn.interaction({ type: 4, data: commandData('deaths', { region: '' }, undefined, 'region') }));
  assert.equal(all.callback.body.data.choices.length, 25, 'capped at 25');

  // (two bundled stories are Peru's: the crisis and Bagua 2009, "Peru's Baguazo")
  const stories = await run(standIn.interaction({ type: 4, data: commandData('timeline', { story: 'per' }, undefined, 'story') }));
  const storyChoices = stories.callback.body.data.choices as { name: string; value: string }[];
  assert.deepEqual(storyChoices.map((c) => c.value), ['peru-crisis', 'bagua-2009']);
  assert.ok(storyChoices.every((c) => /per/i.test(`${c.value} ${c.name}`)), JSON.stringify(storyChoices));
  const crisis = await run(standIn.interaction({ type: 4, data: commandData('timeline', { story: 'peru-cr' }, undefined, 'story') }));
  assert.deepEqual(crisis.callback.body.data.choices.map((c: { value: string }) => c.value), ['peru-crisis']);

  // Options of a subcommand (/feeds add story:), when the real command has one.
  const feeds = commands.find((c) => c.subcommands?.some((sub) => sub.options.some((o) => o.name === 'story' && o.autocomplete)));
  if (feeds) {
    const sub = feeds.subcommands!.find((s) => s.options.some((o) => o.name === 'story' && o.autocomplete))!;
    const inSub = await run(standIn.interaction({ type: 4, data: commandData(feeds.name, { story: 'peru-cr' }, sub.name, 'story'), permissions: ADMIN_PERMISSIONS }));
    assert.deepEqual(inSub.callback.body.data.choices.map((c: { value: string }) => c.value), ['peru-crisis'], `/${feeds.name} ${sub.name} story:`);
  }

  const none = await run(standIn.interaction({ type: 4, data: commandData('deaths', { region: 'zzzz' }, undefined, 'region') }));
  assert.deepEqual(none.callback.body.data.choices, []);
  assertAcknowledgedInTime(none);
});

test('discord bot: paged answers get ‹ Previous / Next › buttons that update the message', async () => {
  const first = await command('timeline');
  assertAcknowledgedInTime(first);
  assertEveryMessage(first, false);
  await checkPaging(first, JSON.stringify(first.messages[0]!.body.embeds));
});

async function checkPaging(outcome: Outcome, text: string): Promise<void> {
  const reply = outcome.messages[0]!;
  const [previous, next] = reply.body.components[0].components as { custom_id: string; disabled: boolean; label: string }[];
  assert.match(text, /Page 1 of (\d+)/);
  assert.equal(previous!.label, '‹ Previous');
  assert.equal(previous!.disabled, true);
  assert.equal(next!.disabled, false);
  for (const button of [previous!, next!]) assert.ok(button.custom_id.length <= 100);
  const original = outcome.calls.find((call) => call.message)?.message;
  const pressed = await run(
    standIn.interaction({ type: 3, data: { custom_id: next!.custom_id, component_type: 2 }, message: { ...original, components: reply.body.components }, userId: nextUser() }),
  );
  assertAcknowledgedInTime(pressed);
  assert.ok([6, 7].includes(pressed.callback.body.type), `callback type ${pressed.callback.body.type}`);
  const updated = pressed.messages[0]!.body;
  assert.match(JSON.stringify(updated.embeds), /Page 2 of/);
  assert.deepEqual(updated.allowed_mentions, { parse: [] });
  const [previous2] = updated.components[0].components as { custom_id: string; disabled: boolean }[];
  assert.equal(previous2!.disabled, false);

  // Long option sets go through the in-memory map and still fit 100 characters.
  const store = new PagerStore();
  const id = await store.customId('timeline', 3, { query: 'x'.repeat(300), from: '2023-01-01' });
  assert.ok(id.length <= 100);
  assert.deepEqual(await store.parse(id), { command: 'timeline', page: 3, options: { query: 'x'.repeat(300), from: '2023-01-01' } });
  assert.equal(await new PagerStore().parse(id), 'expired');

  // An expired button is answered ephemerally.
  const expired = await run(standIn.interaction({ type: 3, data: { custom_id: id, component_type: 2 }, message: original }));
  assert.equal(expired.callback.body.type, 4);
  assert.equal(expired.callback.body.data.flags & 64, 64);
}
