/**
 * `cronista status` in distributed mode: per queue, the jobs waiting, running, scheduled and failed, the workers
 * connected now, the job schedulers, and the latest failures. Read with a connection that gives up quickly, so a
 * status call never hangs on an unreachable Redis.
 */
import { Queue } from 'bullmq';
import { errorMessage } from '../../core/errors.ts';
import { redactUrl, redactUrlsIn } from '../../core/redact.ts';
import { CONSOLE_QUEUE, WORK_QUEUE, type QueueOptions } from './options.ts';
import { briefConnection } from './processor.ts';

export interface QueueDepths {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  schedulers: number;
  /** Processes connected to the queue as workers now. */
  workers: number;
  /** The latest failures: job name, id and why. */
  failures: { job: string; id: string; reason: string; at: string | null }[];
}

export interface QueueStatus {
  url: string;
  prefix: string;
  queues: QueueDepths[];
  /** Why Redis could not be read (the queues are then empty), or null. */
  error: string | null;
}

export async function readQueueStatus(options: QueueOptions): Promise<QueueStatus> {
  const { redis: connection, lastError } = briefConnection(options);
  const status: QueueStatus = { url: redactUrl(options.url), prefix: options.prefix, queues: [], error: null };
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
  } catch (error) {
    status.error = redactUrlsIn(errorMessage(lastError() ?? error));
  } finally {
    connection.disconnect();
  }
  return status;
}

export function queueStatusText(status: QueueStatus): string {
  const head = `queues on ${status.url} (prefix ${status.prefix})`;
  if (status.error) return `${head}: cannot read them: ${status.error}`;
  const lines = status.queues.map(
    (q) => `  ${q.name}: ${q.waiting} waiting, ${q.active} running, ${q.delayed} scheduled, ${q.failed} failed; ${q.schedulers} job scheduler${q.schedulers === 1 ? '' : 's'}; ${q.workers} worker${q.workers === 1 ? '' : 's'} connected`,
  );
  const failures = status.queues.flatMap((q) => q.failures.map((f) => `  last failed: ${f.job} ${f.id}${f.at ? ` at ${f.at}` : ''}: ${f.reason}`));
  return [`${head}:`, ...lines, ...failures].join('\n');
}
