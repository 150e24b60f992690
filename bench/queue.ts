/**
 * `npm run bench -- --queue`: distributed mode's throughput with 1, 2 and 3 workers, side by side in one run. For each
 * worker count, on a fresh PostgreSQL database and Redis prefix: a local server of 1,000 growing feeds
 * (bench/growing-feeds.ts; per_host is raised to its maximum, 16, more than the 12 jobs 3 workers run at once: the one local server stands in for 1,000 hosts), a Discord
 * webhook stand-in (the digest destination, every minute), one `cronista start` and N `cronista worker` processes (the
 * real CLI). Every feed is polled every 15 s — more than any worker count here can do, so the figures are capacity —
 * and measured over a window (BENCH_QUEUE_SECONDS, default 60) that starts when every worker is ready:
 *   feeds polled per minute   polls the feed server answered (200 or 304) in the window
 *   items stored per second   copies the store learned in the window (the first poll of a feed stores its item, later
 *                             polls the items it gained; extraction runs in each worker's threads)
 * Needs the local PostgreSQL (CRONISTA_BENCH_POSTGRES_URL) and Redis (CRONISTA_BENCH_REDIS_URL, default
 * redis://127.0.0.1:6379). Processes share this machine's cores with the database, Redis and the feed server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { PostgresStore } from '../src/stores/postgres/postgres-store.ts';
import { startDiscordStandIn } from '../tests/fixtures/discord-stand-in.ts';
import { startGrowingFeeds } from './growing-feeds.ts';
import { benchDatabase } from './stores.ts';
import { count } from './table.ts';

const FEEDS = 1000;
const WORKER_COUNTS = [1, 2, 3];
const POLL_EVERY = '*/15 * * * * *';
/** Each feed gains an item this often (1,000 feeds: about 8 new items a second in all). */
const GROW_EVERY_MS = 120_000;
const REDIS_URL = process.env.CRONISTA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Run {
  workers: number;
  pollsPerMinute: number;
  itemsPerSecond: number;
  /** Jobs still waiting when the window closed. */
  backlog: number;
  digestPosts: number;
  /** The machine's 1-minute load average as the window closed (other work on the cores shows here). */
  load: number;
}

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  exit: Promise<number | null>;
  tail: () => string;
}

function spawnCli(root: string, role: 'start' | 'worker', env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [join(root, 'bin/cronista.js'), '--data', mkdtempSync(join(tmpdir(), 'cronista-bench-q-')), role], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  const readyLine = role === 'start' ? 'cronista ready' : 'cronista worker ready';
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      if (tail.includes(readyLine)) resolve();
    });
    void exit.then((code) => reject(new Error(`cronista ${role} exited (${code}) before it was ready:\n${tail}`)));
  });
  ready.catch(() => undefined);
  return { process: child, ready, exit, tail: () => tail };
}

async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function waitingJobs(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    return await redis.llen(`${prefix}:cronista-work:wait`);
  } finally {
    redis.disconnect();
  }
}

async function measure(root: string, workers: number, windowMs: number): Promise<Run> {
  const database = await benchDatabase('postgres', workers);
  const url = process.env.CRONISTA_DATABASE_URL!;
  const prefix = `cronista-bench-${randomBytes(4).toString('hex')}`;
  const feeds = await startGrowingFeeds(FEEDS, GROW_EVERY_MS);
  const webhook = await startDiscordStandIn();
  const work = mkdtempSync(join(tmpdir(), 'cronista-bench-queue-'));
  const config = join(work, 'cronista.yaml');
  const sources = Array.from({ length: FEEDS }, (_, feed) => `  - url: ${feeds.url(feed)}\n    poll: '${POLL_EVERY}'`);
  const destination = `  - id: newsroom\n    discord_webhook: ${webhook.webhookUrl('1', 'bench-token')}\n    schedule: '* * * * *'`;
  writeFileSync(config, ['sources:', ...sources, 'destinations:', destination, 'polling:', '  per_host: 16'].join('\n'));
  const env = {
    ...process.env,
    CRONISTA_CONFIG: config,
    CRONISTA_DATABASE_URL: url,
    CRONISTA_REDIS_URL: REDIS_URL,
    CRONISTA_QUEUE_PREFIX: prefix,
    CRONISTA_LOG_LEVEL: 'warn',
    CRONISTA_HTTP_PORT: 'off',
    TELEGRAM_BOT_TOKEN: '',
    DISCORD_TOKEN: '',
  };
  const children: Child[] = [];
  const store = await PostgresStore.open(url);
  try {
    const coordinator = spawnCli(root, 'start', env);
    children.push(coordinator);
    await coordinator.ready;
    for (let n = 0; n < workers; n++) children.push(spawnCli(root, 'worker', env));
    await Promise.all(children.map((child) => child.ready));
    feeds.startGrowing();
    const polledBefore = feeds.answered();
    const storedBefore = (await store.learnedSequence()).sequence;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const seconds = (performance.now() - started) / 1000;
    const polled = feeds.answered() - polledBefore;
    const stored = (await store.learnedSequence()).sequence - storedBefore;
    const load = loadavg()[0]!;
    return { workers, pollsPerMinute: (polled / seconds) * 60, itemsPerSecond: stored / seconds, backlog: await waitingJobs(prefix), digestPosts: webhook.created().length, load };
  } finally {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGTERM');
    const codes = await Promise.all(children.map((child) => child.exit));
    codes.forEach((code, index) => code !== 0 && console.error(`  (process ${index} exited ${code}: ${children[index]!.tail().slice(-500)})`));
    await store.close();
    await feeds.close();
    await webhook.close();
    await database.drop();
    await dropPrefix(prefix);
    rmSync(work, { recursive: true, force: true });
  }
}

const fixed = (value: number, digits: number) => value.toFixed(digits).padStart(10);

/** Runs the measure for 1, 2 and 3 workers and prints them side by side. */
export async function runQueueBench(root: string): Promise<void> {
  const windowMs = Math.max(10, Number(process.env.BENCH_QUEUE_SECONDS ?? 60)) * 1000;
  console.log(`Distributed mode: ${count(FEEDS)} local feeds (each polled every 15 s, gaining an item every ${GROW_EVERY_MS / 1000} s), a webhook stand-in,`);
  console.log(`one cronista start and 1, 2, 3 workers (${process.env.CRONISTA_WORKER_CONCURRENCY ?? 4} jobs at a time each); ${windowMs / 1000} s window each; ${availableParallelism()} cores; node ${process.version}`);
  const runs: Run[] = [];
  for (const workers of WORKER_COUNTS) {
    const run = await measure(root, workers, windowMs);
    runs.push(run);
    console.log(`  ${workers} worker${workers === 1 ? '' : 's'} done: ${run.pollsPerMinute.toFixed(0)} polls/min, ${run.itemsPerSecond.toFixed(1)} items/s`);
  }
  const base = runs[0]!;
  console.log('');
  console.log(`${'workers'.padEnd(8)}${'polls/min'.padStart(10)}${'items/s'.padStart(10)}${'× 1 (polls)'.padStart(13)}${'× 1 (items)'.padStart(13)}${'backlog'.padStart(9)}${'digests'.padStart(9)}${'load'.padStart(7)}`);
  for (const run of runs) {
    console.log(
      `${String(run.workers).padEnd(8)}${fixed(run.pollsPerMinute, 0)}${fixed(run.itemsPerSecond, 1)}${`×${(run.pollsPerMinute / Math.max(base.pollsPerMinute, 1e-9)).toFixed(2)}`.padStart(13)}${`×${(run.itemsPerSecond / Math.max(base.itemsPerSecond, 1e-9)).toFixed(2)}`.padStart(13)}${String(run.backlog).padStart(9)}${String(run.digestPosts).padStart(9)}${run.load.toFixed(1).padStart(7)}`,
    );
  }
  console.log('');
  console.log('polls/min: feed requests answered (200 or 304) in the window; items/s: copies stored in it; backlog: poll jobs');
  console.log('still waiting at its end (demand was 4,000 polls/min); digests: webhook messages posted (a feed\'s first poll');
  console.log('seeds it silently: news comes from second polls); load: the 1-minute load average as the window closed');
  console.log(`(${availableParallelism()} cores: above that, processes waited for a core).`);
}
