/**
 * Distributed mode's job queues as operators see them (`cronista status`, `/sources` for operators): the contract
 * between the reader (src/pipeline/queue/status.ts, over BullMQ) and those who show it, plus the one way to write it
 * as lines. Here in core because a command shows it and must not load the queue library to do so.
 */

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
  /** The latest failures: job name, id and why (URLs redacted). */
  failures: { job: string; id: string; reason: string; at: string | null }[];
}

/** A `cronista worker` as its heartbeats tell it (src/pipeline/queue/worker-heartbeat.ts). */
export interface WorkerSeen {
  /** hostname:pid */
  id: string;
  startedAt: string;
  seenAt: string;
  done: number;
  failed: number;
}

export interface QueueStatus {
  url: string;
  prefix: string;
  queues: QueueDepths[];
  /** Workers that beat in the last day, the most recently seen first. */
  workersSeen: WorkerSeen[];
  /** Which `cronista start` holds the schedules (`host:pid (lease N)`), or null when none does now. */
  scheduleHolder: string | null;
  /** Why Redis could not be read (the rest is then empty), or null. */
  error: string | null;
}

/** A worker whose last beat is older than this is listed as gone quiet. */
export const WORKER_QUIET_MS = 30_000;

const ago = (iso: string, now: number) => {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return seconds < 120 ? `${seconds} s ago` : seconds < 7200 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3600)} h ago`;
};

/** The status as lines: a head, one line per queue, the schedules' holder, the workers seen, the latest failures. */
export function queueStatusLines(status: QueueStatus, now = Date.now()): string[] {
  const head = `queues on ${status.url} (prefix ${status.prefix})`;
  if (status.error) return [`${head}: cannot read them: ${status.error}`];
  const queues = status.queues.map(
    (q) => `${q.name}: ${q.waiting} waiting, ${q.active} running, ${q.delayed} scheduled, ${q.failed} failed; ${q.schedulers} job scheduler${q.schedulers === 1 ? '' : 's'}; ${q.workers} worker${q.workers === 1 ? '' : 's'} connected`,
  );
  const holder = `schedules held by ${status.scheduleHolder ?? 'no cronista start (none running, or a takeover under way)'}`;
  const live = status.workersSeen.filter((worker) => now - Date.parse(worker.seenAt) <= WORKER_QUIET_MS);
  const quiet = status.workersSeen.filter((worker) => now - Date.parse(worker.seenAt) > WORKER_QUIET_MS);
  const workers = [
    `workers seen: ${live.length} beating${quiet.length ? `, ${quiet.length} gone quiet` : ''}`,
    ...status.workersSeen.map((worker) => `  ${worker.id}: last beat ${ago(worker.seenAt, now)}${now - Date.parse(worker.seenAt) > WORKER_QUIET_MS ? ' (gone quiet)' : ''}, up since ${worker.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${worker.done} jobs done, ${worker.failed} failed`),
  ];
  const failures = status.queues.flatMap((q) => q.failures.map((f) => `last failed: ${f.job} ${f.id}${f.at ? ` at ${f.at}` : ''}: ${f.reason}`));
  return [`${head}:`, ...queues, holder, ...workers, ...failures];
}
