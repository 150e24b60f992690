import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { textAnswer } from '../../src/core/answer.ts';
import type { CommandDefinition } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { InputError } from '../../src/core/errors.ts';
import { openApp } from '../../src/app.ts';
import { parseCommandLine } from '../../src/platforms/console/parse.ts';

const calls: unknown[] = [];
const timeline: CommandDefinition = {
  name: 'timeline',
  description: 'events',
  permission: 'everyone',
  options: [
    { name: 'from', description: 'first day', type: 'date' },
    { name: 'to', description: 'last day', type: 'date' },
    { name: 'query', description: 'words', type: 'string' },
  ],
  async run(_app, input) {
    calls.push(input.options);
    return textAnswer('ok', input.options);
  },
};
const feeds: CommandDefinition = {
  name: 'feeds',
  description: 'manage feeds',
  permission: 'admin',
  options: [],
  subcommands: [{ name: 'add', description: 'add', options: [{ name: 'url', description: 'feed URL', type: 'string', required: true }] }],
  async run(_app, input) {
    calls.push(input);
    return textAnswer('added');
  },
};
const broken: CommandDefinition = {
  name: 'broken', description: 'throws', permission: 'everyone', options: [],
  async run() {
    throw new TypeError('cannot read properties of undefined');
  },
};

function app(): AppContext {
  return openApp(mkdtempSync(join(tmpdir(), 'cronista-dispatch-')));
}

const dispatcher = new Dispatcher(app(), [timeline, feeds, broken]);
const find = (name: string) => dispatcher.find(name);
const member = { platform: 'telegram', userId: '7', chatId: '-100', isAdmin: false } as const;

test('options are name:value, quoted values keep their spaces, the first option may be bare', () => {
  assert.deepEqual(parseCommandLine('/timeline from:2023-01-01 query:"state of emergency"', find), {
    name: 'timeline',
    options: { from: '2023-01-01', query: 'state of emergency' },
  });
  assert.deepEqual(parseCommandLine('/timeline 2023-01-01 to:2023-01-31', find).options, { from: '2023-01-01', to: '2023-01-31' });
  assert.deepEqual(parseCommandLine('/feeds add https://x.example/rss', find), { name: 'feeds', subcommand: 'add', options: { url: 'https://x.example/rss' } });
  assert.equal(parseCommandLine('/timeline@cronista_bot', find).name, 'timeline');
});

test('a line that is not a command is refused with a hint', () => {
  assert.throws(() => parseCommandLine('timeline', find), /starts with "\/"/);
});

test('an unauthorized caller is refused before anything runs', async () => {
  calls.length = 0;
  const answer = await dispatcher.dispatch({ name: 'feeds', subcommand: 'add', options: { url: 'https://x.example/rss' }, caller: member });
  assert.deepEqual(answer.json, { error: { code: 'forbidden', message: '/feeds is for admins only; nothing was changed.' } });
  assert.equal(answer.ephemeral, true);
  assert.equal(calls.length, 0);
});

test('wrong input gets a one-line answer a person can act on', async () => {
  const bad = await dispatcher.dispatch({ name: 'timeline', options: { from: 'yesterday' }, caller: member });
  assert.match((bad.json as { error: { message: string } }).error.message, /"yesterday" is not a date \(use YYYY-MM-DD or YYYY-MM\); give one like 2023-01-31 or 2023-01/);
  const unknownOption = await dispatcher.dispatch({ name: 'timeline', options: { form: '2023-01-01' }, caller: member });
  assert.match(JSON.stringify(unknownOption.json), /no option form:.*from: to: query:/);
  const unknown = await dispatcher.dispatch({ name: 'deathz', options: {}, caller: member });
  assert.match(JSON.stringify(unknown.json), /Unknown command \/deathz.*\/help/);
  const missingSub = await dispatcher.dispatch({ name: 'feeds', options: {}, caller: { ...member, isAdmin: true } });
  assert.match(JSON.stringify(missingSub.json), /needs one of: add/);
});

test('impossible dates are refused with a clear message: from:2023-02-30, to:2023-13', async () => {
  const feb = await dispatcher.dispatch({ name: 'timeline', options: { from: '2023-02-30' }, caller: member });
  assert.equal((feb.json as { error: { message: string } }).error.message, '/timeline from: "2023-02-30" is not a date (February 2023 has 28 days); give one like 2023-01-31 or 2023-01.');
  const leap = await dispatcher.dispatch({ name: 'timeline', options: { from: '2024-02-29' }, caller: member });
  assert.equal((leap.json as { error?: unknown }).error, undefined, 'a leap day is a date');
  const month = await dispatcher.dispatch({ name: 'timeline', options: { to: '2023-13' }, caller: member });
  assert.match((month.json as { error: { message: string } }).error.message, /"2023-13" is not a date \(there is no month 13\)/);
});

test('an error quotes back only a short excerpt of what was given', async () => {
  const long = 'x'.repeat(10_000);
  const answers = [
    await dispatcher.dispatch({ name: 'timeline', options: { from: long }, caller: member }),
    await dispatcher.dispatch({ name: 'timeline', options: { [long]: '1' }, caller: member }),
    await dispatcher.dispatch({ name: long, options: {}, caller: member }),
  ];
  for (const answer of answers) {
    const message = (answer.json as { error: { message: string } }).error.message;
    assert.ok(message.length <= 300, `${message.length} characters: ${message.slice(0, 120)}`);
    assert.ok(!message.includes('x'.repeat(100)), 'no long run of the input');
  }
});

test('a command that throws answers with a message, never a stack trace', async () => {
  const answer = await dispatcher.dispatch({ name: 'broken', options: {}, caller: member });
  const text = JSON.stringify(answer.json);
  assert.match(text, /Something went wrong; the operator can see the details in the logs\./);
  assert.doesNotMatch(text, /at .*\.ts:\d+/);
});

test('an unexpected error (paths, SQL) is logged, never shown; our own errors keep their message', async () => {
  const logged: { obj: Record<string, unknown>; msg: string }[] = [];
  const base = app();
  const logger = { ...base.logger, error: (obj: Record<string, unknown>, msg: string) => void logged.push({ obj, msg }) } as unknown as AppContext['logger'];
  const leaky: CommandDefinition = {
    name: 'leaky', description: 'throws internals', permission: 'everyone', options: [],
    async run() {
      throw new Error('SQLITE_ERROR: no such table: documents (/srv/cronista/data/cronista.db)');
    },
  };
  const own: CommandDefinition = {
    name: 'own', description: 'throws an InputError', permission: 'everyone', options: [],
    async run() {
      throw new InputError('Give a date like 2023-01-31.');
    },
  };
  const d = new Dispatcher({ ...base, logger }, [leaky, own]);
  const answer = await d.dispatch({ name: 'leaky', options: {}, caller: member });
  const text = JSON.stringify(answer);
  assert.doesNotMatch(text, /SQLITE|no such table|\/srv\/cronista/);
  assert.match(text, /Something went wrong; the operator can see the details in the logs\./);
  assert.equal(logged.length, 1);
  assert.match(String((logged[0]!.obj.err as Error).message), /no such table: documents/);
  assert.match(JSON.stringify(await d.dispatch({ name: 'own', options: {}, caller: member })), /Give a date like 2023-01-31\./);
});

test('valid options reach the command typed', async () => {
  calls.length = 0;
  await dispatcher.dispatch({ name: 'timeline', options: { from: '2023-01-01', query: 'Juliaca' }, caller: member });
  assert.deepEqual(calls, [{ from: '2023-01-01', query: 'Juliaca' }]);
});
