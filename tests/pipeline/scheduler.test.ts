import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import pino from 'pino';
import { ConfigError, parseConfig, type DestinationConfig, type SourceConfig } from '../../src/core/config.ts';
import type { Logger } from '../../src/core/logger.ts';
import { Settings } from '../../src/core/settings.ts';
import { destinationFromConfig } from '../../src/pipeline/destination.ts';
import { Scheduler as BaseScheduler, type RunContext, type SchedulerOptions } from '../../src/pipeline/scheduler.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import { freshDataDir, runCli } from '../cli/helpers.ts';

/** A pino logger writing into an array, so tests can see what was logged. */
function captureLogger(): { logger: Logger; lines: () => { level: number; msg: string }[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines: () => out.flatMap((text) => text.trim().split('\n')).map((line) => JSON.parse(line)) };
}

/** Every scheduler a test makes is stopped at the end, even when an assertion failed midway. */
const schedulers: BaseScheduler[] = [];
class Scheduler extends BaseScheduler {
  constructor(options: SchedulerOptions) {
    super(options);
    schedulers.push(this);
  }
}
after(async () => {
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function destination(id: string, schedule: string, timezone = 'UTC', extra: Partial<DestinationConfig> = {}): DestinationConfig {
  return { id, console: true, schedule, timezone, nothing_new: false, ...extra };
}

function source(url: string, poll: string, timezone = 'UTC'): SourceConfig {
  return { url, poll, timezone };
}

test('describe() gives each task three future runs, in its own timezone', async () => {
  const { logger } = captureLogger();
  const scheduler = new Scheduler({ digest: () => {}, poll: () => {}, logger });
  const now = Date.now();
  scheduler.apply({
    destinations: [destination('lima', '0 8 * * *', 'America/Lima')],
    sources: [source('https://feeds.example/in.xml', '*/15 * * * *', 'Asia/Kolkata')],
  });
  const [digest, poll] = scheduler.describe();
  await scheduler.stop();

  assert.deepEqual({ ...digest, next: undefined }, { name: 'digest:lima', kind: 'digest', target: 'lima', cron: '0 8 * * *', timezone: 'America/Lima', next: undefined });
  assert.equal(digest!.next.length, 3);
  let previous = now;
  for (const run of digest!.next) {
    assert.match(run, /^\d{4}-\d\d-\d\dT08:00:00-05:00$/, '08:00 in Lima (UTC-5, no DST)');
    const at = Date.parse(run);
    assert.equal(new Date(at).getUTCHours(), 13);
    assert.ok(at > previous, `${run} is in the future and after the previous run`);
    if (previous !== now) assert.equal(at - previous, 24 * 3600_000);
    previous = at;
  }
  assert.ok(Date.parse(digest!.next[0]!) - now <= 24 * 3600_000, 'the first run is within a day');

  assert.equal(poll!.kind, 'poll');
  assert.equal(poll!.target, 'https://feeds.example/in.xml');
  for (const run of poll!.next) {
    assert.match(run, /T\d\d:(00|15|30|45):00\+05:30$/);
    assert.ok(Date.parse(run) > now);
  }
  assert.equal(Date.parse(poll!.next[1]!) - Date.parse(poll!.next[0]!), 15 * 60_000);
});

test('a schedule change from Settings takes effect at once, without a restart', async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-sched-')), 'cronista.db'));
  const settings = new Settings(store, parseConfig({ sources: [{ url: 'https://wire.example/rss', poll: '0 0 1 1 *' }] }));
  const digests: { destination: string; run: RunContext }[] = [];
  const { logger } = captureLogger();
  const scheduler = new Scheduler({ digest: (d, run) => void digests.push({ destination: d.id, run }), poll: () => {}, logger });
  await scheduler.follow(settings);

  const before = scheduler.describe();
  assert.deepEqual(before.map((t) => t.name), ['digest:console', 'poll:https://wire.example/rss']);
  assert.equal(before[0]!.cron, '0 8 * * *');
  assert.match(before[0]!.next[0]!, /T08:00:00\+00:00$/);

  await settings.setSchedule('console', '* * * * * *', 'Europe/Madrid');
  const after = scheduler.describe();
  assert.equal(after[0]!.cron, '* * * * * *');
  assert.equal(after[0]!.timezone, 'Europe/Madrid');
  assert.ok(Date.parse(after[0]!.next[0]!) - Date.now() <= 1000, 'next run within a second');
  assert.equal(Date.parse(after[0]!.next[1]!) - Date.parse(after[0]!.next[0]!), 1000);
  assert.deepEqual(after[1], { ...before[1]!, next: after[1]!.next }, 'the poll task is untouched');

  await waitFor(() => digests.length > 0, 2500, 'the re-scheduled digest to fire');
  assert.equal(digests[0]!.destination, 'console');
  assert.equal(digests[0]!.run.name, 'digest:console');

  // Removing the destination from chat removes its task at once.
  await settings.removeDestination('console');
  assert.deepEqual(scheduler.describe().map((t) => t.name), ['poll:https://wire.example/rss']);
  const count = digests.length;
  await sleep(1200);
  assert.equal(digests.length, count, 'no digest after the destination was removed');
  await scheduler.stop();
  await store.close();
});

test('apply() touches only what changed; jobs see the current settings', async () => {
  const { logger } = captureLogger();
  const seen: DestinationConfig[] = [];
  const scheduler = new Scheduler({ digest: (d) => void seen.push(d), poll: () => {}, logger });
  const first = scheduler.apply({
    destinations: [destination('a', '0 8 * * *'), destination('b', '* * * * * *')],
    sources: [source('https://s.example/rss', '*/10 * * * *')],
  });
  assert.deepEqual(first, { created: ['digest:a', 'digest:b', 'poll:https://s.example/rss'], rescheduled: [], removed: [], unchanged: [] });

  const second = scheduler.apply({
    destinations: [destination('a', '0 9 * * *'), destination('b', '* * * * * *', 'UTC', { filters: { include: ['flood'], exclude: [] } }), destination('c', '0 7 * * *')],
    sources: [],
  });
  assert.deepEqual(second, { created: ['digest:c'], rescheduled: ['digest:a'], removed: ['poll:https://s.example/rss'], unchanged: ['digest:b'] });
  await waitFor(() => seen.some((d) => d.id === 'b'), 2500, 'b to fire');
  assert.deepEqual(seen.find((d) => d.id === 'b')!.filters, { include: ['flood'], exclude: [] }, 'the kept task runs with the new filters');
  assert.deepEqual(destinationFromConfig(seen.find((d) => d.id === 'b')!), { id: 'b', kind: 'console', filters: { include: ['flood'], exclude: [] }, nothingNew: false });
  await scheduler.stop();
});

test('invalid expressions and timezones are refused with the reason, and the running schedule is kept', async () => {
  const { logger } = captureLogger();
  const scheduler = new Scheduler({ digest: () => {}, poll: () => {}, logger });
  scheduler.apply({ destinations: [destination('a', '0 8 * * *')], sources: [] });
  assert.throws(
    () => scheduler.apply({ destinations: [destination('a', '0 8 * *')], sources: [] }),
    (error: unknown) => error instanceof ConfigError && /destinations\[0\] \(a\)\.schedule: invalid cron expression "0 8 \* \*": expected 5 or 6 fields/.test(error.message),
  );
  assert.throws(
    () => scheduler.apply({ destinations: [destination('a', '0 8 * * *', 'Lima/Peru')], sources: [source('https://s.example/rss', '*/5 * * *')] }),
    (error: unknown) =>
      error instanceof ConfigError && /destinations\[0\] \(a\)\.timezone: unknown IANA timezone "Lima\/Peru"/.test(error.message) &&
      /sources\[0\] \(https:\/\/s\.example\/rss\)\.poll: invalid cron expression "\*\/5 \* \* \*"/.test(error.message),
  );
  assert.deepEqual(scheduler.describe().map((t) => [t.name, t.cron, t.timezone]), [['digest:a', '0 8 * * *', 'UTC']]);
  await scheduler.stop();
});

test('a failing job is logged and never escapes; the task keeps running', async () => {
  const { logger, lines } = captureLogger();
  let calls = 0;
  const scheduler = new Scheduler({
    digest: async () => {
      calls++;
      throw new Error('webhook answered 500');
    },
    poll: () => {},
    logger,
  });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  scheduler.apply({ destinations: [destination('hook', '* * * * * *')], sources: [] });
  await waitFor(() => calls >= 2, 3500, 'two runs');
  await scheduler.stop();
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, []);
  const errors = lines().filter((line) => line.level === 50);
  assert.ok(errors.some((line) => /digest:hook failed: webhook answered 500/.test(line.msg)), JSON.stringify(errors));
});

test('disabled sources get no poll task', async () => {
  const { logger } = captureLogger();
  const scheduler = new Scheduler({ digest: () => {}, poll: () => {}, logger, isSourceEnabled: (s) => !s.url.includes('broken') });
  scheduler.apply({ destinations: [], sources: [source('https://ok.example/rss', '*/5 * * * *'), source('https://broken.example/rss', '*/5 * * * *')] });
  assert.deepEqual(scheduler.describe().map((t) => t.name), ['poll:https://ok.example/rss']);
  await scheduler.stop();
});

test('stop() waits for the run in flight, and nothing runs after it', async () => {
  const { logger } = captureLogger();
  let started = 0;
  let finished = 0;
  const scheduler = new Scheduler({
    digest: () => {},
    poll: async () => {
      started++;
      await sleep(700);
      finished++;
    },
    logger,
  });
  scheduler.apply({ destinations: [], sources: [source('https://slow.example/rss', '* * * * * *')] });
  await waitFor(() => started === 1, 2500, 'the poll to start');
  assert.deepEqual(scheduler.busy(), ['poll:https://slow.example/rss']);
  const stopping = Date.now();
  await scheduler.stop();
  assert.equal(finished, 1, 'stop() resolved only after the poll finished');
  assert.ok(Date.now() - stopping >= 300, 'stop() actually waited');
  assert.deepEqual(scheduler.describe(), []);
  await sleep(1200);
  assert.equal(started, 1, 'no run after stop()');
  assert.throws(() => scheduler.apply({ destinations: [], sources: [] }), /stopped/);
});

test('a slow run is not overlapped by the next slot (noOverlap)', async () => {
  const { logger } = captureLogger();
  let active = 0;
  let maxActive = 0;
  let runs = 0;
  const scheduler = new Scheduler({
    digest: async () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(1500);
      active--;
    },
    poll: () => {},
    logger,
  });
  scheduler.apply({ destinations: [destination('slow', '* * * * * *')], sources: [] });
  await waitFor(() => runs >= 1, 2500, 'first run');
  // A reschedule while the run is in flight must not start a second concurrent run either.
  scheduler.apply({ destinations: [destination('slow', '*/1 * * * * *')], sources: [] });
  await sleep(1300);
  await scheduler.stop();
  assert.equal(maxActive, 1);
});

test('CLI: cronista schedule prints every task with its next three runs (text and --json)', async () => {
  const data = freshDataDir();
  const configPath = join(mkdtempSync(join(tmpdir(), 'cronista-sched-cli-')), 'cronista.yaml');
  writeFileSync(
    configPath,
    [
      'sources:',
      '  - url: https://wire.example/rss',
      '    poll: "*/20 * * * *"',
      '    timezone: Asia/Tokyo',
      'destinations:',
      '  - id: tg-peru',
      '    telegram_chat: "@peru_news"',
      '    schedule: "0 8 * * *"',
      '    timezone: America/Lima',
      '',
    ].join('\n'),
  );
  const env = { CRONISTA_CONFIG: configPath };
  // A change made from chat, stored in the data directory: the CLI must show it.
  const store = new SqliteStore(join(data, 'cronista.db'));
  await new Settings(store, parseConfig({})).addSource({ url: 'https://chat.example/feed', poll: '0 */6 * * *' });
  await store.close();

  const text = await runCli(['schedule'], { data, env });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^3 scheduled tasks:/);
  assert.match(text.stdout, /digest to tg-peru/);
  assert.match(text.stdout, /cron "0 8 \* \* \*" in America\/Lima\n {2}next: \S+T08:00:00-05:00, \S+T08:00:00-05:00, \S+T08:00:00-05:00/);
  assert.match(text.stdout, /poll of https:\/\/wire\.example\/rss/);
  assert.match(text.stdout, /poll of https:\/\/chat\.example\/feed/);
  assert.doesNotMatch(text.stdout, /"level"/, 'no log lines on stdout');

  const json = await runCli(['schedule', '--json'], { data, env });
  assert.equal(json.code, 0, json.stderr);
  const tasks = JSON.parse(json.stdout) as { name: string; kind: string; target: string; cron: string; timezone: string; next: string[] }[];
  assert.deepEqual(tasks.map((t) => t.name), ['digest:tg-peru', 'poll:https://chat.example/feed', 'poll:https://wire.example/rss']);
  for (const task of tasks) {
    assert.equal(task.next.length, 3);
    for (const run of task.next) assert.ok(Date.parse(run) > Date.now() - 5000, run);
  }
  assert.ok(tasks[2]!.next.every((run) => /T\d\d:(00|20|40):00\+09:00$/.test(run)));

  writeFileSync(configPath, 'destinations:\n  - id: x\n    console: true\n    schedule: "0 8 * * * * *"\n');
  const bad = await runCli(['schedule'], { data, env });
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /destinations\[0\]\.schedule: invalid cron expression/);
});
