import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { ConfigError, DEFAULT_DIGEST_SCHEDULE, DEFAULT_POLL, loadConfigFile, parseConfig, type CronistaConfig } from '../../src/core/config.ts';
import { OVERRIDES_KEY } from '../../src/core/config-overrides.ts';
import { Settings } from '../../src/core/settings.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import { freshDataDir, runCli } from '../cli/helpers.ts';

const FILE_YAML = `
sources:
  - url: https://wire.example/rss
    poll: "*/5 * * * *"
  - url: https://paper.example/feed
destinations:
  - id: tg-peru
    telegram_chat: "@peru_news"
    schedule: "0 8 * * *"
    timezone: America/Lima
  - id: hook
    discord_webhook: https://discord.example/api/webhooks/1/abc
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cronista-settings-'));
}

function writeConfig(dir: string, text = FILE_YAML): string {
  const path = join(dir, 'cronista.yaml');
  writeFileSync(path, text);
  return path;
}

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<ConfigError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  return caught;
}

test('no file and no overrides: one console destination on the default schedule, no polled sources', async () => {
  const store = new SqliteStore(join(tempDir(), 'cronista.db'));
  const config = await new Settings(store, parseConfig({})).effective();
  assert.deepEqual(config.sources, []);
  assert.equal(config.destinations.length, 1);
  assert.equal(config.destinations[0]!.id, 'console');
  assert.equal(config.destinations[0]!.console, true);
  assert.equal(config.destinations[0]!.schedule, DEFAULT_DIGEST_SCHEDULE);
  assert.equal(config.destinations[0]!.timezone, 'UTC');
  await store.close();
});

test('changes made from chat win over the file and survive re-opening the store; removals of file entries stick', async () => {
  const dir = tempDir();
  const file = loadConfigFile(writeConfig(dir));
  const dbPath = join(dir, 'cronista.db');

  const store = new SqliteStore(dbPath);
  const settings = new Settings(store, file);
  await settings.setSchedule('tg-peru', '30 7 * * 1-5', 'Europe/Madrid');
  await settings.removeSource('https://wire.example/rss');
  await settings.removeDestination('hook');
  await settings.addSource({ url: 'https://new.example/atom.xml', story: 'peru-2023' });
  await settings.setPoll('https://paper.example/feed', '0 * * * *', 'Asia/Kolkata');
  await settings.setFilters('tg-peru', { include: ['Juliaca'], exclude: ['/sport/i'] });
  await store.close();

  // A restart: new store handle, the same file read again.
  const reopened = new SqliteStore(dbPath);
  const config = await new Settings(reopened, loadConfigFile(join(dir, 'cronista.yaml'))).effective();
  assert.deepEqual(
    config.sources.map((s) => [s.url, s.poll, s.timezone]),
    [
      ['https://paper.example/feed', '0 * * * *', 'Asia/Kolkata'],
      ['https://new.example/atom.xml', DEFAULT_POLL, 'UTC'],
    ],
  );
  assert.deepEqual(config.destinations.map((d) => d.id), ['tg-peru'], 'the removed file destination stays removed');
  const tg = config.destinations[0]!;
  assert.equal(tg.schedule, '30 7 * * 1-5');
  assert.equal(tg.timezone, 'Europe/Madrid');
  assert.equal(tg.telegram_chat, '@peru_news', 'fields not changed from chat still come from the file');
  assert.deepEqual(tg.filters, { include: ['Juliaca'], exclude: ['/sport/i'] });

  // The file is edited later: the chat's schedule still wins, the removal still holds.
  writeConfig(dir, FILE_YAML.replace('"0 8 * * *"', '"0 9 * * *"'));
  const again = await new Settings(reopened, loadConfigFile(join(dir, 'cronista.yaml'))).effective();
  assert.equal(again.destinations.find((d) => d.id === 'tg-peru')!.schedule, '30 7 * * 1-5');
  assert.equal(again.destinations.some((d) => d.id === 'hook'), false);
  assert.equal(again.sources.some((s) => s.url === 'https://wire.example/rss'), false);
  await reopened.close();
});

test('adding back something removed brings it back (with the new settings)', async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 'cronista.db'));
  const settings = new Settings(store, loadConfigFile(writeConfig(dir)));
  await settings.removeSource('https://wire.example/rss');
  await settings.removeDestination('console').catch(() => {}); // not configured here: refused, nothing stored
  await settings.addSource({ url: 'https://wire.example/rss', poll: '0 */2 * * *' });
  const config = await settings.effective();
  assert.equal(config.sources.find((s) => s.url === 'https://wire.example/rss')?.poll, '0 */2 * * *');
  await settings.removeDestination('hook');
  await settings.upsertDestination({ id: 'hook', discord_webhook: 'https://discord.example/api/webhooks/2/xyz' });
  assert.equal((await settings.effective()).destinations.find((d) => d.id === 'hook')?.discord_webhook, 'https://discord.example/api/webhooks/2/xyz');
  await store.close();
});

test('the embedded console destination can be re-scheduled and removed, and that sticks', async () => {
  const dbPath = join(tempDir(), 'cronista.db');
  const store = new SqliteStore(dbPath);
  const settings = new Settings(store, parseConfig({}));
  await settings.setSchedule('console', '0 18 * * *', 'America/Lima');
  assert.equal((await settings.effective()).destinations[0]!.schedule, '0 18 * * *');
  await settings.removeDestination('console');
  await store.close();
  const reopened = new SqliteStore(dbPath);
  assert.deepEqual((await new Settings(reopened, parseConfig({})).effective()).destinations, []);
  await reopened.close();
});

test('bad cron, bad timezone, bad URL are refused with a ConfigError naming the field, and nothing is stored', async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 'cronista.db'));
  const settings = new Settings(store, loadConfigFile(writeConfig(dir)));
  const changes: CronistaConfig[] = [];
  settings.onChange((config) => void changes.push(config));
  const before = await settings.effective();

  await rejectsWith(settings.setSchedule('tg-peru', '0 25 * * *', 'UTC'), /schedule: invalid cron expression "0 25 \* \* \*".*hour/);
  await rejectsWith(settings.setSchedule('tg-peru', 'every morning', 'UTC'), /schedule: invalid cron expression/);
  await rejectsWith(settings.setSchedule('tg-peru', '0 8 * * *', 'Mars/Olympus_Mons'), /timezone: unknown IANA timezone "Mars\/Olympus_Mons"/);
  await rejectsWith(settings.setPoll('https://paper.example/feed', '*/5 * * *', 'UTC'), /poll: invalid cron expression/);
  await rejectsWith(settings.addSource({ url: 'ftp://files.example/feed' }), /url: /);
  await rejectsWith(settings.addSource({ url: 'not a url' }), /url: /);
  await rejectsWith(settings.upsertDestination({ id: 'x', discord_webhook: 'nope' }), /discord_webhook: /);
  await rejectsWith(settings.upsertDestination({ id: 'two', console: true, telegram_chat: '@somechannel' }), /needs exactly one of/);
  await rejectsWith(settings.setSchedule('nobody', '0 8 * * *', 'UTC'), /destination: id: no destination "nobody"/);
  await rejectsWith(settings.removeSource('https://unknown.example/rss'), /url: no source/);

  assert.deepEqual(await settings.effective(), before);
  assert.equal(await store.kv.get(OVERRIDES_KEY), undefined, 'refused changes store nothing');
  assert.equal(changes.length, 0, 'refused changes announce nothing');
  await store.close();
});

test('every accepted change is announced with the new effective configuration', async () => {
  const store = new SqliteStore(join(tempDir(), 'cronista.db'));
  const settings = new Settings(store, parseConfig({}));
  const seen: string[] = [];
  const unsubscribe = settings.onChange((config) => void seen.push(config.destinations.map((d) => `${d.id}@${d.schedule}`).join(',')));
  await settings.setSchedule('console', '*/30 * * * *', 'UTC');
  await settings.upsertDestination({ id: 'chan', telegram_chat: -1001234567, schedule: '0 7 * * *' });
  unsubscribe();
  await settings.removeDestination('chan');
  assert.deepEqual(seen, ['console@*/30 * * * *', 'console@*/30 * * * *,chan@0 7 * * *']);
  await store.close();
});

test('concurrent changes are all kept', async () => {
  const store = new SqliteStore(join(tempDir(), 'cronista.db'));
  const settings = new Settings(store, parseConfig({}));
  await Promise.all(Array.from({ length: 8 }, (_, i) => settings.addSource({ url: `https://feeds.example/${i}.xml` })));
  assert.equal((await settings.effective()).sources.length, 8);
  await store.close();
});

test('exportYaml gives the effective configuration; importYaml validates it and replaces sources and destinations', async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 'cronista.db'));
  const settings = new Settings(store, loadConfigFile(writeConfig(dir)));
  await settings.setSchedule('tg-peru', '15 6 * * *', 'America/Lima');
  const yaml = await settings.exportYaml();
  assert.deepEqual(parseConfig(parseYaml(yaml)), await settings.effective());

  // Into a fresh store with no file: the same effective configuration.
  const other = new SqliteStore(join(tempDir(), 'cronista.db'));
  const imported = new Settings(other, parseConfig({}));
  await imported.importYaml(yaml);
  assert.deepEqual(await imported.effective(), await settings.effective());

  // An import replaces the file's lists and earlier chat changes.
  await settings.importYaml('sources: []\ndestinations:\n  - id: only\n    console: true\n    schedule: "0 12 * * *"\n');
  const replaced = await settings.effective();
  assert.deepEqual(replaced.sources, []);
  assert.deepEqual(replaced.destinations.map((d) => [d.id, d.schedule]), [['only', '0 12 * * *']]);

  // Invalid imports are refused, naming the field, and change nothing.
  await rejectsWith(settings.importYaml('destinations:\n  - id: x\n    console: true\n    schedule: "99 * * * *"\n'), /import: destinations\[0\]\.schedule: invalid cron/);
  await rejectsWith(settings.importYaml('sources:\n  - url: https://a.example/f\n  - url: https://a.example/f\n'), /sources\[1\]\.url: .*listed twice/);
  await rejectsWith(settings.importYaml('destinations: [\n'), /not valid YAML/);
  await rejectsWith(settings.importYaml('sorces: []\n'), /sorces|Unrecognized/i);
  assert.deepEqual(await settings.effective(), replaced);
  await store.close();
  await other.close();
});

test('CLI: config export prints the effective YAML (file + stored changes); config import validates and stores', async () => {
  const data = freshDataDir();
  const configPath = writeConfig(tempDir());
  const env = { CRONISTA_CONFIG: configPath };

  // A change made "from chat" into the same data directory the CLI reads.
  const store = new SqliteStore(join(data, 'cronista.db'));
  await new Settings(store, loadConfigFile(configPath)).setSchedule('tg-peru', '45 6 * * *', 'America/Bogota');
  await store.close();

  const exported = await runCli(['config', 'export'], { data, env });
  assert.equal(exported.code, 0, exported.stderr);
  const config = parseConfig(parseYaml(exported.stdout)); // stdout is YAML only: no log lines
  assert.deepEqual(config.sources.map((s) => s.url), ['https://wire.example/rss', 'https://paper.example/feed']);
  const tg = config.destinations.find((d) => d.id === 'tg-peru')!;
  assert.equal(tg.schedule, '45 6 * * *');
  assert.equal(tg.timezone, 'America/Bogota');

  const importDir = tempDir();
  const good = join(importDir, 'good.yaml');
  writeFileSync(good, 'sources:\n  - url: https://only.example/rss\ndestinations:\n  - id: console\n    console: true\n');
  const imported = await runCli(['config', 'import', good], { data, env });
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Imported 1 source and 1 destination/);
  const after = parseConfig(parseYaml((await runCli(['config', 'export'], { data, env })).stdout));
  assert.deepEqual(after.sources.map((s) => s.url), ['https://only.example/rss']);
  assert.deepEqual(after.destinations.map((d) => d.id), ['console']);

  const bad = join(importDir, 'bad.yaml');
  writeFileSync(bad, 'destinations:\n  - id: console\n    console: true\n    timezone: Lima\n');
  const refused = await runCli(['config', 'import', bad], { data, env });
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /destinations\[0\]\.timezone: unknown IANA timezone "Lima"/);
  const unchanged = parseConfig(parseYaml((await runCli(['config', 'export'], { data, env })).stdout));
  assert.deepEqual(unchanged.sources.map((s) => s.url), ['https://only.example/rss']);
});

test('the effective configuration of 1,000 sources is validated once per change, and each caller gets a copy of its own', async () => {
  const store = new SqliteStore(join(tempDir(), 'cronista.db'));
  const sources = Array.from({ length: 1000 }, (_, i) => ({ url: `https://wire${i}.example/rss`, poll: '*/15 * * * *', timezone: 'America/Lima' }));
  const settings = new Settings(store, parseConfig({ sources }));
  const first = await settings.effective();
  const started = performance.now();
  for (let i = 0; i < 20; i++) await settings.effective();
  const perCall = (performance.now() - started) / 20;
  // Validating 1,000 sources (their cron and timezone each) took ~300 ms a call before it was kept.
  assert.ok(perCall < 50, `${perCall.toFixed(1)} ms per effective()`);
  // A copy: changing it changes nothing for the next caller.
  first.sources.splice(0, 1000);
  assert.equal((await settings.effective()).sources.length, 1000);
  // A change is seen at once.
  await settings.addSource({ url: 'https://new.example/rss' });
  assert.equal((await settings.effective()).sources.length, 1001);
  await store.close();
});
