/**
 * Distributed mode's queues read for operators (`cronista status`, `/sources`): per queue, the jobs waiting, running,
 * scheduled and failed, the workers connected now, the job schedulers, and the latest failures; which `cronista start`
 * holds the schedules; the workers seen by their heartbeats. Read with a connection that gives up quickly, so a status
 * call never hangs on an unreachable Redis. The shape and its lines are src/core/queue-status.ts'.
 */
import { Queue } from 'bullmq';
import { errorMessage } from '../../core/errors.ts';
import { queueStatusLines, type QueueStatus, type WorkerSeen } from '../../core/queue-status.ts';
import { redactUrl, redactUrlsIn } from '../../core/redact.ts';
import { describeToken } from './coordinator-lease.ts';
import { CONSOLE_QUEUE, WORK_QUEUE, type QueueOptions } from './options.ts';
import { briefConnection } from './processor.ts';
import { workersKey } from './worker-heartbeat.ts';

export async function readQueueStatus(options: QueueOptions): Promise<QueueStatus> {
  const { redis: connection, lastError } = briefConnection(options);
  const status: QueueStatus = { url: redactUrl(options.url), prefix: options.prefix, queues: [], workersSeen: [], scheduleHolder: null, error: null };
  try {
    await connection.connect();
    for (const name of [WORK_QUEUE, CONSOLE_QUEUE]) {
      const queue = new Queue(name, { connection, prefix: options.prefix });
      try {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        const failed = await queue.getFailed(0, 2);
        status.queues.push({
          name,
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
          schedulers: await queue.getJobSchedulersCount(),
          workers: (await queue.getWorkers()).length,
          failures: failed.map((job) => ({ job: job.name, id: job.id ?? '?', reason: redactUrlsIn(job.failedReason ?? ''), at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null })),
        });
      } finally {
        await queue.close();
      }
    }
    const holder = await connection.get(`${options.prefix}:coordinator`);
    status.scheduleHolder = holder ? describeToken(holder) : null;
    status.workersSeen = Object.values(await connection.hgetall(workersKey(options.prefix)))
      .map((raw) => JSON.parse(raw) as WorkerSeen)
      .map(({ id, startedAt, seenAt, done, failed }) => ({ id, startedAt, seenAt, done, failed }))
      .sort((a, b) => b.seenAt.localeCompare(a.seenAt));
  } catch (error) {
    status.error = redactUrlsIn(errorMessage(lastError() ?? error));
  } finally {
    connection.disconnect();
  }
  return status;
}

/** `cronista status`'s text: the lines, indented under their head. */
export function queueStatusText(status: QueueStatus): string {
  const [head, ...rest] = queueStatusLines(status);
  return [head, ...rest.map((line) => `  ${line}`)].join('\n');
}
