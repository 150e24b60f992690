/**
 * Fast start (issue 13): platform libraries load only when used. A CLI command that needs no chat platform, web
 * server or chart never loads discord.js, grammY, Fastify, the chart renderer or the browser driver; `ask "/help"`
 * and `status` do not load the extraction pipeline either. Checked by recording which modules a real `cronista`
 * process loads (tests/cli/record-packages.mjs), not by timing: on the sources through tsx (what `npm test` runs),
 * and on the build (dist/) when it is up to date.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chooseEntry } from '../../bin/entry.js';
import { cli, freshDataDir, root, runCli } from './helpers.ts';

const RECORDER = join(import.meta.dirname, 'record-packages.mjs');

/** Chat platforms, the web server and pages, the chart, the browser driver. */
const PLATFORM_PACKAGES = ['discord.js', '@discordjs/', 'grammy', '@grammyjs/', 'fastify', '@fastify/', 'preact', 'prom-client', '@napi-rs/canvas', 'chart.js', 'playwright-core'];
/** What reading, cleaning and extracting documents needs (ingest, polls), and the HTTP client. */
const PIPELINE_PACKAGES = ['chrono-node', 'linkedom', '@mozilla/readability', 'html-to-text', 'rss-parser', 'undici', 'file-type', 'franc-min'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Packages loaded (names as in node_modules), and whether tsx was. */
  packages: Set<string>;
  /** Every module URL recorded. */
  modules: string[];
}

function packagesIn(file: string): Set<string> {
  const names = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(line));
    if (match) names.add(match[1]!);
  }
  return names;
}

/** Runs `cronista <args>` with the recorder preloaded; `until` (stderr) then SIGTERM, for `start`. */
function run(args: string[], env: Record<string, string>, until?: RegExp): Promise<Run> {
  const record = join(mkdtempSync(join(tmpdir(), 'cronista-loaded-')), 'modules.txt');
  writeFileSync(record, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RECORDER, cli, '--data', freshDataDir(), ...args], {
      cwd: root,
      env: { ...process.env, CRONISTA_LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '', CRONISTA_HTTP_PORT: 'off', ...env, CRONISTA_RECORD_PACKAGES: record },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (until?.test(stderr)) child.kill('SIGTERM');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, packages: packagesIn(record), modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) });
    });
  });
}

function assertNotLoaded(result: Run, forbidden: readonly string[], what: string): void {
  assert.ok(result.packages.size > 0, 'the recorder saw the packages loaded (commander at least)');
  const loaded = [...result.packages].filter((name) => forbidden.some((prefix) => (prefix.endsWith('/') ? name.startsWith(prefix) : name === prefix)));
  assert.deepEqual(loaded, [], `${what} loaded ${loaded.join(', ')}: import them where they are used (dynamic import())`);
}

const sources = { CRONISTA_DEV: '1' };

test('ask "/help" and status load no platform library and no extraction pipeline', async () => {
  const help = await run(['ask', '/help'], sources);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /\/deaths/);
  assert.ok(help.packages.has('commander') && help.packages.has('tsx'), [...help.packages].join(', '));
  assertNotLoaded(help, [...PLATFORM_PACKAGES, ...PIPELINE_PACKAGES], 'ask "/help"');

  const status = await run(['status'], sources);
  assert.equal(status.code, 0, status.stderr);
  assertNotLoaded(status, [...PLATFORM_PACKAGES, ...PIPELINE_PACKAGES], 'status');
});

test('ingest loads the pipeline and no platform library', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-lazy-ingest-'));
  writeFileSync(join(dir, 'note.txt'), 'Lima, 9 January 2023. Seventeen people died in clashes in Juliaca, the Ombudsman said.\n');
  const ingest = await run(['ingest', dir], sources);
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(ingest.stdout, /1 added/);
  assert.ok(ingest.packages.has('chrono-node'), 'the pipeline did load');
  assertNotLoaded(ingest, PLATFORM_PACKAGES, 'ingest');
});

test('start without chat tokens or web pages loads no platform library', async () => {
  const start = await run(['start'], sources, /cronista ready/);
  assert.match(start.stderr, /cronista ready \(console;/);
  assert.equal(start.code, 0, start.stderr);
  assertNotLoaded(start, PLATFORM_PACKAGES, 'start (console only)');
});

const entry = chooseEntry({});
test('the build (dist/) runs without tsx, loads the same, and finds its bundled files', { skip: entry.kind !== 'build' && `no up-to-date build: ${entry.reason}` }, async () => {
  const help = await run(['ask', '/help'], { CRONISTA_DEV: '' }); // whatever the test run's own CRONISTA_DEV
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /\/deaths/);
  assert.ok(!help.packages.has('tsx'), 'tsx is not loaded: the compiled JavaScript runs');
  assertNotLoaded(help, [...PLATFORM_PACKAGES, ...PIPELINE_PACKAGES, 'yaml'], 'ask "/help" (build)');
  // The command list loads the commands' definitions, not what they answer with (loaded when a command runs).
  const answering = help.modules.filter((url) => /\/dist\/src\/(answers\/(deaths|timeline|digest\/)|timeline\/|pipeline\/digest)/.test(url));
  assert.deepEqual(answering, [], 'ask "/help" (build) loaded answer modules');

  // The sample (config/), the stories, and the chart with its font (assets/) from dist/; the chart is loaded
  // through a dynamic import in a command, which the build must have pointed at the compiled file.
  const data = freshDataDir();
  const env = { CRONISTA_LOG_LEVEL: 'warn', CRONISTA_DEV: '' };
  const sample = await runCli(['sample'], { data, env });
  assert.equal(sample.code, 0, sample.stderr);
  const deaths = await runCli(['ask', '/deaths'], { data, env });
  assert.equal(deaths.code, 0, deaths.stderr);
  assert.match(deaths.stdout, /Chart of the death toll: .*\.png/);
});
