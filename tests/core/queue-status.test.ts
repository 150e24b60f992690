import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queueStatusLines, type QueueStatus } from '../../src/core/queue-status.ts';

const now = Date.parse('2026-12-05T10:00:00Z');
const status: QueueStatus = {
  url: 'redis://127.0.0.1:6379',
  prefix: 'cronista',
  queues: [
    { name: 'cronista-work', waiting: 3, active: 2, delayed: 1001, failed: 1, completed: 900, schedulers: 1001, workers: 2, failures: [{ job: 'poll', id: '77', reason: 'boom', at: '2026-12-05T09:59:00.000Z' }] },
    { name: 'cronista-console', waiting: 0, active: 0, delayed: 1, failed: 0, completed: 40, schedulers: 1, workers: 1, failures: [] },
  ],
  workersSeen: [
    { id: 'a:1', startedAt: '2026-12-05T08:00:00.000Z', seenAt: '2026-12-05T09:59:57.000Z', done: 120, failed: 1 },
    { id: 'b:2', startedAt: '2026-12-05T08:00:00.000Z', seenAt: '2026-12-05T09:50:00.000Z', done: 30, failed: 0 },
  ],
  scheduleHolder: 'c:3 (lease 4)',
  error: null,
};

test('queue status lines: depths, the holder, workers beating and gone quiet, the latest failures', () => {
  assert.deepEqual(queueStatusLines(status, now), [
    'queues on redis://127.0.0.1:6379 (prefix cronista):',
    'cronista-work: 3 waiting, 2 running, 1001 scheduled, 1 failed; 1001 job schedulers; 2 workers connected',
    'cronista-console: 0 waiting, 0 running, 1 scheduled, 0 failed; 1 job scheduler; 1 worker connected',
    'schedules held by c:3 (lease 4)',
    'workers seen: 1 beating, 1 gone quiet',
    '  a:1: last beat 3 s ago, up since 2026-12-05 08:00 UTC, 120 jobs done, 1 failed',
    '  b:2: last beat 10 min ago (gone quiet), up since 2026-12-05 08:00 UTC, 30 jobs done, 0 failed',
    'last failed: poll 77 at 2026-12-05T09:59:00.000Z: boom',
  ]);
  assert.deepEqual(queueStatusLines({ ...status, scheduleHolder: null, error: 'connect ECONNREFUSED 127.0.0.1:6379' }, now), [
    'queues on redis://127.0.0.1:6379 (prefix cronista): cannot read them: connect ECONNREFUSED 127.0.0.1:6379',
  ]);
  assert.match(queueStatusLines({ ...status, scheduleHolder: null }, now)[3]!, /^schedules held by no cronista start/);
});
