/**
 * Regression tests for the operator scope (chat admins manage only their own chat's destination) and the
 * review items that came with it: /feeds remove normalization, /digest of unknown destinations, destination
 * failures in /destination list, stale outboxes after remove, webhook redaction, /sources for members.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

import { OVERRIDES_KEY } from '../../src/core/config-overrides.ts';
import { lastErrorKey, outboxKey } from '../../src/pipeline/outbox.ts';
import { answerText, errorText, harness, isError, operator, otherGroupAdmin, telegramAdmin, telegramMember, telegramOperator } from './helpers.ts';

const OPERATOR_ONLY = /^Only an operator \(TELEGRAM_ADMIN_IDS \/ Manage Server in the home guild\) can /;

function refused(answer: Awaited<ReturnType<ReturnType<typeof harness>['run']>>): void {
  assert.ok(isError(answer), `expected a refusal, got ${answerText(answer)}`);
  assert.match(errorText(answer), OPERATOR_ONLY);
  assert.ok(!errorText(answer).includes('\n'));
  assert.equal((answer.json as { error: { code: string } }).error.code, 'forbidden');
}

test('a chat admin who is not an operator cannot touch other destinations or global settings; nothing changes', async () => {
  const h = harness();
  try {
    assert.ok(!isError(await h.run(telegramAdmin, 'destination add')));
    assert.ok(!isError(await h.run(otherGroupAdmin, 'destination add')));
    await h.app.settings.addSource({ url: 'https://example.org/rss' }, { origin: 'console' });
    const before = JSON.stringify(await h.app.store.kv.get(OVERRIDES_KEY));

    refused(await h.run(otherGroupAdmin, 'destination remove', { id: 'telegram:-1001234' }));
    refused(await h.run(otherGroupAdmin, 'filter add', { exclude: '/.*/', destination: 'telegram:-1001234' }));
    refused(await h.run(otherGroupAdmin, 'filter list', { destination: 'telegram:-1001234' }));
    refused(await h.run(otherGroupAdmin, 'schedule set', { cron: '0 9 * * *', destination: 'telegram:-1001234' }));
    refused(await h.run(otherGroupAdmin, 'config import', { yaml: '{}' }));
    refused(await h.run(otherGroupAdmin, 'story set', { keywords: 'spam' }));
    refused(await h.run(otherGroupAdmin, 'feeds remove', { url: 'https://example.org/rss' }));
    refused(await h.run(otherGroupAdmin, 'destination remove', { id: 'telegram:nope' }));
    assert.equal(JSON.stringify(await h.app.store.kv.get(OVERRIDES_KEY)), before, 'nothing changed');

    // Their own chat is theirs to manage; /destination list and /schedule show show only it.
    assert.ok(!isError(await h.run(otherGroupAdmin, 'filter add', { exclude: 'football' })));
    assert.ok(!isError(await h.run(otherGroupAdmin, 'schedule set', { cron: '0 9 * * *' })));
    const listed = answerText(await h.run(otherGroupAdmin, 'destination list'));
    assert.match(listed, /telegram:-1009999/);
    assert.doesNotMatch(listed, /telegram:-1001234/);
    const shown = answerText(await h.run(otherGroupAdmin, 'schedule show'));
    assert.doesNotMatch(shown, /telegram:-1001234|example\.org/);
    assert.ok(!isError(await h.run(otherGroupAdmin, 'destination remove')));
    // An operator may do all of it.
    assert.ok(!isError(await h.run(telegramOperator, 'filter add', { exclude: 'spam', destination: 'telegram:-1001234' })));
    assert.ok(!isError(await h.run(telegramOperator, 'feeds remove', { url: 'https://example.org/rss' })));
  } finally {
    await h.close();
  }
});

test('/feeds remove url:@channel finds the feed /feeds add normalized to https://t.me/<name>', async () => {
  const h = harness();
  try {
    assert.ok(!isError(await h.run(telegramOperator, 'feeds add', { url: '@peru_news' })));
    assert.deepEqual((await h.app.settings.effective()).sources.map((s) => s.url), ['https://t.me/peru_news']);
    const removed = await h.run(telegramOperator, 'feeds remove', { url: '@peru_news' });
    assert.ok(!isError(removed), errorText(removed));
    assert.deepEqual((await h.app.settings.effective()).sources, []);
  } finally {
    await h.close();
  }
});

test('/digest refuses unknown destinations other than this chat; nothing new answers digest JSON', async () => {
  const h = harness();
  try {
    const unknown = await h.run(telegramMember, 'digest', { destination: 'telegram:-100other' });
    assert.ok(isError(unknown));
    assert.match(errorText(unknown), /Unknown destination "telegram:-100other"/);
    const own = await h.run(telegramAdmin, 'digest');
    assert.ok(!isError(own), errorText(own));
    assert.match(answerText(own), /not a digest destination yet/);
    const json = own.json as Record<string, unknown>;
    assert.equal(json.destination, 'telegram:-1001234');
    assert.ok(!('fromSequence' in json), 'digestJson, not the raw Digest');
  } finally {
    await h.close();
  }
});

test('a destination naming an unknown story is refused by /digest instead of mixing every story', async () => {
  const h = harness();
  try {
    await h.app.settings.upsertDestination({ id: 'telegram:-1001234', telegram_chat: '-1001234', story: 'no-such-story' });
    const answer = await h.run(telegramAdmin, 'digest');
    assert.ok(isError(answer), answerText(answer));
    assert.match(errorText(answer), /no-such-story/);
    const add = await h.run(telegramAdmin, 'destination add', { story: 'nope' });
    assert.match(errorText(add), /Unknown story "nope"/);
  } finally {
    await h.close();
  }
});

test('/destination list shows the last delivery failure and its time; remove clears the outbox and the failure', async () => {
  const h = harness();
  try {
    await h.run(telegramAdmin, 'destination add');
    const id = 'telegram:-1001234';
    await h.app.store.kv.set(lastErrorKey(id), { at: '2026-11-25T10:00:00.000Z', reason: '400 Bad Request: chat not found', permanent: true, droppedMessages: 2 });
    await h.app.store.kv.set(outboxKey(id), { destination: id, platform: 'telegram', fromSequence: 0, toSequence: 5, until: null, messages: ['a', 'b'], next: 0, createdAt: '2026-11-25T10:00:00.000Z' });
    const listed = await h.run(telegramAdmin, 'destination list');
    assert.match(answerText(listed), /last failure 2026-11-25 10:00.*chat not found.*2 messages dropped/);
    assert.equal((listed.json as { destinations: { last_error: { reason: string } | null }[] }).destinations[0]?.last_error?.reason, '400 Bad Request: chat not found');
    assert.ok(!isError(await h.run(telegramAdmin, 'destination remove')));
    assert.equal(await h.app.store.kv.get(outboxKey(id)), undefined, 'outbox cleared');
    assert.equal(await h.app.store.kv.get(lastErrorKey(id)), undefined, 'last error cleared');
  } finally {
    await h.close();
  }
});

test('/config export redacts webhook tokens even with a trailing slash or a query string', async () => {
  const h = harness();
  try {
    const hook = 'https://discord.com/api/webhooks/123456/SECRET-token/?thread_id=9';
    const imported = await h.run(operator, 'config import', { yaml: `destinations:\n  - id: hook\n    discord_webhook: "${hook}"\n` });
    assert.ok(!isError(imported), errorText(imported));
    const text = (await h.run(telegramOperator, 'config export')).json as { text: string };
    assert.ok(!text.text.includes('SECRET'), text.text);
    assert.match(text.text, /webhooks\/123456\/REDACTED/);
    const back = await h.run(telegramOperator, 'config import', { yaml: text.text });
    assert.ok(!isError(back), errorText(back));
    assert.equal((await h.app.settings.effective()).destinations.find((d) => d.id === 'hook')?.discord_webhook, hook);
  } finally {
    await h.close();
  }
});

test('/sources hides server paths and URL credentials from members; the console sees paths, never URL secrets', async () => {
  const h = harness();
  try {
    await h.app.store.ensureSource({ kind: 'file', url: 'file:///home/alice/private/notes.html' });
    await h.app.store.ensureSource({ kind: 'feed', url: 'https://user:pass@example.org/rss?key=abc123' });
    const member = await h.run(telegramMember, 'sources');
    const everything = JSON.stringify(member.json) + answerText(member);
    assert.doesNotMatch(everything, /home\/alice|user:pass|abc123/);
    assert.match(everything, /notes\.html/);
    assert.match(everything, /https:\/\/example\.org\/rss/);
    const console_ = JSON.stringify((await h.run(operator, 'sources')).json);
    assert.match(console_, /file:\/\/\/home\/alice\/private\/notes\.html/);
    assert.match(console_, /https:\/\/example\.org\/rss\?key=…/);
    assert.doesNotMatch(console_, /user:pass|abc123/, 'secrets in URLs are shown to nobody');
  } finally {
    await h.close();
  }
});

test('Discord: Manage Server makes an operator only in the home guild when DISCORD_GUILD_ID is set', async () => {
  const { PermissionFlagsBits, PermissionsBitField } = await import('discord.js');
  const { callerOf } = await import('../../src/platforms/discord/bot.ts');
  const interaction = (guildId: string) => ({ user: { id: '9' }, channelId: '55', guildId, memberPermissions: new PermissionsBitField(PermissionFlagsBits.ManageGuild), member: null }) as never;
  assert.equal(callerOf(interaction('home'), 'home').isOperator, true);
  assert.equal(callerOf(interaction('elsewhere'), 'home').isOperator, false);
  assert.equal(callerOf(interaction('elsewhere'), 'home').isAdmin, true);
  assert.equal(callerOf(interaction('elsewhere')).isOperator, true, 'no home guild: every Manage Server member');
});
