/**
 * Admin edits are never lost: every change to the configuration and story overrides is an edit applied
 * atomically to the stored value, so edits made at the same moment from two connections to one data
 * directory (what two processes are) all take effect. The CLI test (tests/cli/concurrent-edits.test.ts)
 * does the same with real processes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { openApp } from '../../src/app.ts';
import type { Caller } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { readStoryOverrides, refreshStoryOverrides } from '../../src/pipeline/story-overrides.ts';
import { rss, startFeedServer } from '../fixtures/feed-server.ts';
import { errorText, isError, operator, telegramOperator, withAllowHosts } from '../commands/helpers.ts';

function twoConnections(): { a: AppContext; b: AppContext; close(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-concurrent-'));
  const a = openApp(dir);
  const b = openApp(dir);
  return { a, b, close: async () => void (await Promise.all([a.store.close(), b.store.close()])) };
}

async function run(app: AppContext, caller: Caller, name: string, subcommand: string, options: Record<string, string> = {}) {
  const answer = await new Dispatcher(app, commands).dispatch({ name, subcommand, options, caller });
  assert.ok(!isError(answer), `/${name} ${subcommand} ${JSON.stringify(options)}: ${errorText(answer)}`);
  return answer;
}

test('10 /filter add at once from two connections to one data directory: all 10 kept', async () => {
  const { a, b, close } = twoConnections();
  try {
    await Promise.all(Array.from({ length: 10 }, (_, i) => run(i % 2 ? a : b, operator, 'filter', 'add', { include: `word${i}` })));
    const listed = await run(a, operator, 'filter', 'list');
    const { include } = (listed.json as { filters: { include: string[] } }).filters;
    assert.deepEqual([...include].sort(), Array.from({ length: 10 }, (_, i) => `word${i}`).sort());
  } finally {
    await close();
  }
});

test('/destination add, /feeds add, /filter add and /story set at the same moment from two connections all take effect', async () => {
  const server = await startFeedServer();
  const { a, b, close } = twoConnections();
  try {
    for (let i = 0; i < 4; i++) server.feed(`/feed${i}.xml`, rss(`Feed ${i}`, [{ title: `Item ${i}`, link: `https://x.example/${i}`, date: '2023-01-01T00:00:00Z', text: 'Text.' }]));
    const chat = (chatId: string): Caller => ({ ...telegramOperator, chatId });
    await withAllowHosts('127.0.0.1', () =>
      Promise.all([
        ...Array.from({ length: 4 }, (_, i) => run(i % 2 ? a : b, chat(`-100${i}`), 'destination', 'add')),
        ...Array.from({ length: 4 }, (_, i) => run(i % 2 ? b : a, operator, 'feeds', 'add', { url: server.url(`/feed${i}.xml`) })),
        ...Array.from({ length: 4 }, (_, i) => run(i % 2 ? a : b, operator, 'story', 'set', { keywords: `keyword${i}` })),
        ...Array.from({ length: 4 }, (_, i) => run(i % 2 ? a : b, operator, 'story', 'set', { place: `Pueblo ${i}`, region: 'Puno' })),
      ]),
    );
    const config = await a.settings.effective();
    assert.deepEqual(config.destinations.map((d) => d.id).sort(), ['console', 'telegram:-1000', 'telegram:-1001', 'telegram:-1002', 'telegram:-1003']);
    assert.deepEqual(config.sources.map((s) => s.url).sort(), Array.from({ length: 4 }, (_, i) => server.url(`/feed${i}.xml`)).sort());
    const stored = (await readStoryOverrides(a.store)).stories['peru-crisis']!;
    assert.deepEqual([...stored.keywords].sort(), ['keyword0', 'keyword1', 'keyword2', 'keyword3']);
    assert.deepEqual(stored.places.map((p) => p.place).sort(), ['Pueblo 0', 'Pueblo 1', 'Pueblo 2', 'Pueblo 3']);

    // What the other connection stored reaches this one's loaded stories without a restart.
    await refreshStoryOverrides(a);
    const puno = a.stories.find((s) => s.id === 'peru-crisis')!.regions.find((r) => r.name === 'Puno')!;
    for (let i = 0; i < 4; i++) assert.ok(puno.places.includes(`Pueblo ${i}`), `Pueblo ${i} in a's gazetteer`);
    assert.ok(a.stories.find((s) => s.id === 'peru-crisis')!.keywords.includes('keyword3'));
  } finally {
    await close();
    await server.close();
  }
});

test('a running service is told of a change another connection stored (Settings.watch / refresh)', async () => {
  const { a, b, close } = twoConnections();
  try {
    const seen: string[][] = [];
    a.settings.onChange((config) => void seen.push(config.destinations.map((d) => d.id)));
    const stop = await a.settings.watch(50);
    await run(b, operator, 'schedule', 'set', { cron: '0 9 * * *' });
    const started = Date.now();
    while (seen.length === 0 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    assert.equal(seen.length, 1, 'announced once');
    assert.equal((await a.settings.effective()).destinations[0]!.schedule, '0 9 * * *');
    assert.equal(await a.settings.refresh(), false, 'nothing new since');
  } finally {
    await close();
  }
});
