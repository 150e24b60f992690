/**
 * `npm run bench:loop`: does a running service keep answering while it imports? The service runs as
 * `cronista start` runs it (src/pipeline/service.ts `runService`, the real store, commands and scheduler; the
 * console platform, no chat tokens) in this process. A subscribed feed of 2,000 generated ~5 KB articles
 * (bench/generate.ts), served from a local HTTP server, is imported by the service's own poll; meanwhile
 * `/deaths` is asked every 100 ms through the service's dispatcher. Prints the event-loop delay
 * (perf_hooks.monitorEventLoopDelay, 10 ms resolution, from the poll's request to the last document stored)
 * and the time of each answer. BENCH_LOOP_ITEMS changes the feed's size, BENCH_LOOP_ASK_MS the pace of the
 * questions (0: none, the import's own delay), CRONISTA_WORKERS the pool's size.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { allCommands, openApp } from '../src/app.ts';
import type { AppContext } from '../src/core/context.ts';
import type { Dispatcher } from '../src/core/dispatch.ts';
import { runService } from '../src/pipeline/service.ts';
import { generateFeed } from './generate.ts';

const ITEMS = Number(process.env.BENCH_LOOP_ITEMS ?? 2000);
/** BENCH_LOOP_ASK_MS=0: nothing asked (the import's own delay). */
const ASK_EVERY_MS = Number(process.env.BENCH_LOOP_ASK_MS ?? 100);
process.env.CRONISTA_LOG_LEVEL ??= 'error';
process.env.CRONISTA_HTTP_PORT ??= '0'; // the story pages run, as in `cronista start`, on a free port

const ms = (ns: number) => ns / 1e6;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

// The feed, served as a publisher would (ETag: later polls get a 304).
const body = Buffer.from(generateFeed(0, ITEMS, ITEMS));
const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
let firstRequest: (() => void) | null = null;
const requested = new Promise<void>((resolve) => (firstRequest = resolve));
const server = createServer((request, response) => {
  firstRequest?.();
  firstRequest = null;
  if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
  response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length, etag }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wire.xml`;

const work = mkdtempSync(join(tmpdir(), 'cronista-loop-'));
const configPath = join(work, 'cronista.yaml');
// Polled every 5 s (the first poll imports; the following ones get 304s); a body above the default 10 MiB limit.
writeFileSync(configPath, [`sources:`, `  - url: ${feedUrl}`, `    poll: "*/5 * * * * *"`, `polling:`, `  max_bytes: ${64 * 1024 * 1024}`, `  timeout_seconds: 120`].join('\n'));
process.env.CRONISTA_CONFIG = configPath;

let app: AppContext | null = null;
let dispatcher: Dispatcher | null = null;
const platformUp = new Promise<void>((resolve) => {
  // The service hands its dispatcher to its platforms: this one asks /deaths like a user would.
  void runService(join(work, 'data'), {
    openApp: (dataDir) => (app = openApp(dataDir, { llm: null })),
    commands: allCommands,
    platforms: (_app, serviceDispatcher) => [
      {
        name: 'bench',
        start: async () => {
          dispatcher = serviceDispatcher;
          resolve();
        },
        stop: async () => {},
      },
    ],
  }).then(() => finished.resolve());
});
const finished = (() => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
})();

await platformUp;
await requested;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const started = performance.now();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const answers: number[] = [];
const pending = new Set<Promise<unknown>>();
let asked = 0;
const asker = setInterval(() => {
  if (ASK_EVERY_MS <= 0) return;
  const askedAt = performance.now();
  const answer = dispatcher!
    .dispatch({ name: 'deaths', options: {}, caller: { platform: 'console', userId: `loop-${asked++}`, chatId: 'loop', isAdmin: true } })
    .then(() => answers.push(performance.now() - askedAt))
    .finally(() => pending.delete(answer));
  pending.add(answer);
}, Math.max(ASK_EVERY_MS, 100));

// Done when every item is stored (the service's poll reads, extracts and stores them).
let documents = 0;
while ((documents = await app!.store.countDocuments()) < ITEMS) await new Promise((resolve) => setTimeout(resolve, 250));
const seconds = (performance.now() - started) / 1000;
clearInterval(asker);
await Promise.all(pending);
delay.disable();
clearInterval(sampler);

const workers = process.env.CRONISTA_WORKERS?.trim() || String(availableParallelism());
console.log(
  `event loop while a running service imports a ${ITEMS.toLocaleString('en')}-item feed (CRONISTA_WORKERS=${workers}): ` +
    `delay p50 ${ms(delay.percentile(50)).toFixed(0)} ms, p99 ${ms(delay.percentile(99)).toFixed(0)} ms, max ${ms(delay.max).toFixed(0)} ms; ` +
    `${documents} documents in ${seconds.toFixed(1)} s (${(documents / seconds).toFixed(0)} documents/s), peak RSS ${mib(peakRss)}`,
);
answers.sort((a, b) => a - b);
console.log(
  `  /deaths every ${ASK_EVERY_MS} ms meanwhile: ${answers.length} answers, ` +
    `p50 ${percentile(answers, 50).toFixed(0)} ms, p99 ${percentile(answers, 99).toFixed(0)} ms, max ${answers.at(-1)?.toFixed(0)} ms`,
);

process.kill(process.pid, 'SIGINT'); // the service stops as on Ctrl-C: in-flight work, the pool, the store
await finished.promise;
server.close();
rmSync(work, { recursive: true, force: true });
