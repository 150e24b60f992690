/**
 * Shared by the distributed-mode tests (queue*.test.ts): real `cronista start`/`cronista worker` processes on the real
 * Redis and PostgreSQL of 127.0.0.1, a local feed server whose items are Peru-protest reports sharing no text, and
 * counts read from the processes' own log lines.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { DiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { rss, type FeedServer } from '../fixtures/feed-server.ts';
import { uniqueArticle } from '../support/drafts.ts';
import { cli, freshDataDir, root } from './helpers.ts';

export const REDIS_URL = process.env.CRONISTA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The environment of a distributed test's processes: the sources (tsx), its config, database and Redis key prefix,
 * extraction in a worker thread as in production (run on the event loop, the test runner's CRONISTA_WORKERS=0, it can
 * hold off lease and lock renewals for seconds on a loaded machine, and a job then runs twice), no web server, no
 * Discord; `extra` adds or overrides (a short lease, Telegram's stand-in, a webhook).
 */
export function distributedEnv(config: string, databaseUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CRONISTA_DEV: '1',
    CRONISTA_CONFIG: config,
    CRONISTA_DATABASE_URL: databaseUrl,
    CRONISTA_REDIS_URL: REDIS_URL,
    CRONISTA_QUEUE_PREFIX: prefix,
    CRONISTA_WORKERS: '1',
    CRONISTA_LOG_LEVEL: 'info',
    CRONISTA_HTTP_PORT: 'off',
    DISCORD_TOKEN: '',
    ...extra,
  };
}

/** A made-up word of its own for each (n, i): headlines and leads that share few words are separate digest entries. */
function codeword(n: number, i: number): string {
  let state = (n * 7919 + i * 104729 + 17) >>> 0;
  return Array.from({ length: 7 }, () => {
    state = (Math.imul(state ^ (state >>> 13), 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + (state % 26));
  }).join('');
}

/** A Peru-protest report (the default story's), its text shared with no other item. */
export function item(feed: number, index: number) {
  const n = feed * 100 + index;
  const lead = [0, 1, 2].map((s) => `${codeword(n, s * 3)} ${codeword(n, s * 3 + 1)} ${codeword(n, s * 3 + 2)} protesters gathered in Puno, Peru.`);
  return {
    title: `${codeword(n, 10)} ${codeword(n, 11)} roadblock`,
    link: `https://wire${feed}.example/items/${n}`,
    date: new Date(Date.UTC(2023, 0, 10, 0, n)).toISOString(),
    text: `${lead.join(' ')}\n\n${uniqueArticle(n)}`,
  };
}

export const feedPath = (feed: number) => `/feed-${feed}.xml`;

/** Serves `feeds` feeds of `perFeed` items each (the newest first), each answer `delayMs` late. */
export function serveFeeds(server: FeedServer, feeds: number, perFeed: number, delayMs: number): void {
  for (let feed = 0; feed < feeds; feed++) {
    const items = Array.from({ length: perFeed }, (_, index) => item(feed, index)).reverse();
    server.feed(feedPath(feed), rss(`Wire ${feed}`, items), { delayMs });
  }
}

export interface Proc {
  child: ChildProcess;
  /** Its data directory (a worker's health file is there). */
  dataDir: string;
  /** stdout and stderr together. */
  output: () => string;
  stdout: () => string;
  /** Poll log lines of this process. */
  polls: () => number;
  /** When (Date.now()) the output first matched `pattern`, or null. */
  firstSeen: (pattern: RegExp) => number | null;
  exit: Promise<number | null>;
}

export function spawnCli(role: 'start' | 'worker', env: Record<string, string>, args: string[] = []): Proc {
  const dataDir = freshDataDir();
  const child = spawn(process.execPath, [cli, '--data', dataDir, role, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  // Each chunk with the time it came: when a line first appeared (a takeover's) is measured, not guessed.
  const chunks: { at: number; text: string }[] = [];
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    chunks.push({ at: Date.now(), text });
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    take(chunk);
  });
  child.stderr!.on('data', take);
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    dataDir,
    output: () => output,
    stdout: () => stdout,
    polls: () => (output.match(/"status":"(updated|not_modified)"/g) ?? []).length,
    firstSeen: (pattern) => chunks.find((chunk) => pattern.test(chunk.text))?.at ?? null,
    exit,
  };
}

export async function stopAll(procs: Proc[]): Promise<(number | null)[]> {
  for (const proc of procs) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
  return Promise.all(procs.map((proc) => proc.exit));
}

/** Removes every key of a test's prefix. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

/**
 * The runs of each scheduled slot, from the processes' `<task> ran (slot …)` lines: a schedule that fired twice
 * shows a slot run twice.
 */
export function runsPerSlot(procs: Proc[]): Map<string, number> {
  const runs = new Map<string, number>();
  for (const proc of procs) {
    for (const line of proc.output().split('\n')) {
      const match = /"task":"([^"]+)","slot":"([^"]+)"/.exec(line);
      if (match) runs.set(`${match[1]} @ ${match[2]}`, (runs.get(`${match[1]} @ ${match[2]}`) ?? 0) + 1);
    }
  }
  return runs;
}

/**
 * No slot's job ran twice. `caught`: runs ("<task> @ <slot>") a frozen process was caught in and logged on waking, after
 * the queue's stalled-job check had handed the job to another process to resume (its lease kept the delivery single):
 * each may show once more.
 */
export function assertNoSlotTwice(procs: Proc[], caught: ReadonlySet<string> = new Set()): void {
  const twice = [...runsPerSlot(procs)].filter(([slot, count]) => count - (caught.has(slot) ? 1 : 0) > 1);
  assert.deepEqual(twice, [], `slots run more than once: ${twice.map(([slot, count]) => `${slot} ×${count}`).join(', ')}`);
}

/** What the processes said about digests and jobs: shown when a count is off. */
function digestLines(procs: Proc[]): string {
  return procs
    .map((proc, index) => proc.output().split('\n').filter((line) => /digest|stalled|skipped|lease/.test(line)).map((line) => `[${index}] ${line.slice(0, 300)}`).join('\n'))
    .join('\n');
}

/** Every link in exactly one posted digest message of the Discord stand-in (`procs`: whose logs to show if not). */
export function announcedOnce(discord: DiscordStandIn, links: string[], procs: Proc[] = []): void {
  const posts = discord.created().map((post) => JSON.stringify(post.payload));
  for (const link of links) {
    const times = posts.filter((post) => post.includes(link)).length;
    assert.equal(times, 1, `${link} announced ${times} times:\n${posts.map((post) => post.slice(0, 300)).join('\n')}\n${digestLines(procs)}`);
  }
}
