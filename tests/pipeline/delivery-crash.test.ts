/**
 * The crash test: a child process (tests/fixtures/delivery-crash-child.ts) ingests a round of news and
 * delivers a multi-message digest to the Discord webhook stand-in running here; it is SIGKILLed at random
 * points (random delays from start, or right after the stand-in received its k-th message while the
 * stand-in delays its answers, so kills land mid-delivery) and restarted, over several rounds of new news.
 * Afterwards: every message the digests should contain arrived, in order (nothing lost), and a message
 * arrived twice only when a kill cut its delivery short (repeats ≤ kills).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

import { openApp } from '../../src/app.ts';
import { deliverDigest } from '../../src/pipeline/digest.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { messageSender } from '../../src/pipeline/senders.ts';
import { renderDiscord, type DiscordMessage } from '../../src/platforms/discord/render.ts';
import { roundFeed } from '../fixtures/delivery-crash-child.ts';
import { startDiscordStandIn } from '../fixtures/discord-stand-in.ts';
import { seededRandom as rng } from '../fixtures/seeded-random.ts';

const CHILD = fileURLToPath(new URL('../fixtures/delivery-crash-child.ts', import.meta.url));
const TARGET_KILLS = 22;
const KILLS_PER_ROUND = 5;
const MIN_ROUNDS = 4;
const MAX_ROUNDS = 16;
const ITEMS_PER_ROUND = 8;
/** Stop adding rounds after this long, to stay within the test budget on a slow machine. */
const BUDGET_MS = 150_000;


type KillPlan = { kind: 'timer'; ms: number } | { kind: 'post'; nth: number; extraMs: number };

test('crash test: SIGKILL at random points during delivery, restart; nothing lost, at most one repeat per kill', { timeout: 240_000 }, async () => {
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
  const random = rng(seed);
  const discord = await startDiscordStandIn();
  discord.responseDelayMs = () => 30 + Math.floor(random() * 90);
  const dir = mkdtempSync(join(tmpdir(), 'cronista-crash-'));
  const webhook = discord.webhookUrl('2001', 'crash-token');

  // What the digests should say: the same rounds delivered in this process without crashes.
  const reference = openApp(join(dir, 'reference'));
  const expected: string[] = [];
  const collect = messageSender<DiscordMessage>('discord', renderDiscord, async (message) => void expected.push(JSON.stringify(message.embeds)));

  const runChild = (feed: string, plan: KillPlan | null) =>
    new Promise<{ killed: boolean; code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'data'), webhook, feed], {
        env: { ...process.env, CRONISTA_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.resume();
      const timers: NodeJS.Timeout[] = [];
      const kill = () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (discord.inFlight > 0) killsInFlight++;
        child.kill('SIGKILL');
      };
      if (plan?.kind === 'timer') timers.push(setTimeout(kill, plan.ms));
      if (plan?.kind === 'post') {
        let seen = 0;
        discord.onPost = () => {
          if (++seen === plan.nth) timers.push(setTimeout(kill, plan.extraMs));
        };
      }
      child.on('exit', (code, signal) => {
        timers.forEach(clearTimeout);
        discord.onPost = undefined;
        resolve({ killed: signal === 'SIGKILL', code, stderr });
      });
    });

  const started = Date.now();
  let kills = 0;
  /** Kills that landed while the stand-in held back the answer to a message it had created. */
  let killsInFlight = 0;
  let runs = 0;
  let rounds = 0;
  const killedBy = { timer: 0, post: 0 };
  for (let round = 1; round <= MAX_ROUNDS && (round <= MIN_ROUNDS || (kills < TARGET_KILLS && Date.now() - started < BUDGET_MS)); round++) {
    rounds = round;
    // New items between rounds.
    const feed = roundFeed(dir, round, ITEMS_PER_ROUND, 1800);
    await ingestTargets(reference, [feed]);
    await deliverDigest(reference, { id: 'reference', kind: 'discord_webhook' }, collect);

    let killsThisRound = 0;
    for (;;) {
      const plan: KillPlan | null =
        killsThisRound >= KILLS_PER_ROUND ? null
        : random() < 0.4 ? { kind: 'timer', ms: 150 + Math.floor(random() * 1600) }
        : { kind: 'post', nth: 1 + Math.floor(random() * 3), extraMs: Math.floor(random() * 150) };
      const outcome = await runChild(feed, plan);
      runs++;
      if (outcome.killed) {
        kills++;
        killsThisRound++;
        killedBy[plan!.kind]++;
        continue;
      }
      assert.equal(outcome.code, 0, `child failed (seed ${seed}):\n${outcome.stderr}`);
      break;
    }
  }
  await reference.store.close();

  const received = discord
    .created()
    .filter((post) => post.webhookId === '2001')
    .map((post) => JSON.stringify(post.payload.embeds));
  // Nothing lost: the expected messages are a subsequence of what arrived, in order.
  let matched = 0;
  for (const message of received) if (matched < expected.length && message === expected[matched]) matched++;
  const lost = expected.length - matched;
  // A repeat is the message in flight at a kill, sent again on resume: it arrives right after itself.
  const collapsed = received.filter((message, index) => index === 0 || message !== received[index - 1]);
  const repeats = received.length - collapsed.length;
  console.log(
    `crash test (seed ${seed}): ${rounds} digests, ${expected.length} expected messages, ${runs} child runs, ${kills} kills ` +
      `(${killedBy.post} after the k-th post, ${killedBy.timer} at random times; ${killsInFlight} while a created message's ` +
      `answer was still on its way), ${received.length} messages received, ${repeats} repeats, ${lost} lost, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await discord.close();

  assert.ok(kills >= 20, `at least 20 kills (got ${kills})`);
  assert.ok(expected.length >= rounds * 2, 'multi-message digests');
  assert.equal(lost, 0, `nothing lost (seed ${seed})`);
  assert.deepEqual(collapsed, expected, `every message in order, repeats only back to back (seed ${seed})`);
  assert.ok(repeats <= kills, `repeats (${repeats}) ≤ kills (${kills})`);
});
