/**
 * `npm run bench -- --loop`: the event-loop measure (bench/event-loop.ts, also `npm run bench:loop`) as a section
 * of the bench table. It runs in a child process of its own: it starts a whole service (`runService`) with its own
 * feed server and data directory, which must not share this process's event loop or open stores. Run once (it
 * does not depend on the corpus size); BENCH_LOOP_ITEMS and BENCH_LOOP_ASK_MS pass through.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchSection } from './section.ts';

export const eventLoopSection: BenchSection = {
  name: 'event loop',
  once: true,
  async run({ root, table, quick }) {
    const env = { ...process.env, BENCH_LOOP_ITEMS: process.env.BENCH_LOOP_ITEMS ?? (quick ? '500' : '2000') };
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/event-loop.ts')], { cwd: root, env, encoding: 'utf8', timeout: 30 * 60_000 });
    // Its figures: the delay line and the answers line (the service's own start-up lines are left out).
    const lines = child.stdout.split('\n').filter((line) => /^(event loop|\s+\/deaths)/.test(line));
    if (child.status !== 0 || lines.length === 0) {
      table.figure('event loop', `failed (exit ${child.status ?? child.signal}): ${child.stderr.trim().split('\n').at(-1) ?? ''}`);
      return;
    }
    // event-loop.ts prints "<what>: <figures>" lines; each becomes a row, its label the part before the colon.
    for (const line of lines) {
      const at = line.indexOf(': ');
      table.figure(at > 0 ? line.slice(0, at).trim() : 'event loop', at > 0 ? line.slice(at + 2) : line.trim());
    }
  },
};
