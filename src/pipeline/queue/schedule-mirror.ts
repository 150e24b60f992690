/**
 * The configuration's schedules as BullMQ job schedulers, one per source (its poll) and per destination (its digest),
 * keyed by the same task names as the in-process scheduler. Only the `cronista start` holding the schedules writes
 * them (coordinator.ts), and only after its fence check (`mayWrite`).
 *
 * Why a scheduler already in Redis with the wanted timing is left alone rather than upserted again: an upsert replaces
 * the pending iteration, and near a slot's boundary that is the one moment a slot could be dropped or doubled. A
 * coordinator that takes over therefore rewrites only what differs.
 */
import type { Queue } from 'bullmq';
import type { CronistaConfig } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import { destinationFromConfig } from '../destination.ts';
import type { Scheduler } from '../scheduler.ts';
import { CONSOLE_QUEUE, WORK_QUEUE } from './options.ts';
import type { JobData, JobName } from './processor.ts';

/** Finished jobs kept in Redis for inspection (the rest are removed): Redis memory stays bounded. */
const KEEP = { count: 1000 };

export type QueueName = typeof WORK_QUEUE | typeof CONSOLE_QUEUE;

interface Planned {
  queue: QueueName;
  name: JobName;
  pattern: string;
  tz: string;
  target: string;
}

const same = (a: Planned, b: Planned) => a.queue === b.queue && a.pattern === b.pattern && a.tz === b.tz && a.target === b.target && a.name === b.name;

/** The job schedulers `config` asks for, by task name (Scheduler.apply validates and names them, as in-process). */
export function planSchedules(scheduler: Scheduler, config: Pick<CronistaConfig, 'sources' | 'destinations'>): Map<string, Planned> {
  scheduler.apply(config);
  const planned = new Map<string, Planned>();
  for (const task of scheduler.describe()) {
    const destination = task.kind === 'digest' ? config.destinations.find((d) => d.id === task.target) : undefined;
    const onConsole = destination !== undefined && destinationFromConfig(destination).kind === 'console';
    planned.set(task.name, { queue: onConsole ? CONSOLE_QUEUE : WORK_QUEUE, name: task.kind, pattern: task.cron, tz: task.timezone, target: task.target });
  }
  return planned;
}

export class ScheduleMirror {
  /** What this process last wrote or found in Redis, by scheduler id; emptied when it stops holding the schedules. */
  private readonly known = new Map<string, Planned>();

  constructor(
    private readonly queues: Record<QueueName, Queue<JobData>>,
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
  ) {}

  /** Forgets what it wrote: the next `sync` reads Redis again (a holder that lost the schedules and took them back). */
  reset(): void {
    this.known.clear();
  }

  /**
   * Makes Redis hold the schedulers `config` asks for. `fresh`: read what is there first (left by an earlier holder):
   * what matches is kept, what the configuration no longer has goes. `mayWrite` is asked before the writes; false
   * leaves Redis untouched and answers false.
   */
  async sync(config: Pick<CronistaConfig, 'sources' | 'destinations'>, options: { fresh: boolean; mayWrite: () => Promise<boolean> }): Promise<boolean> {
    const wanted = planSchedules(this.scheduler, config);
    if (!(await options.mayWrite())) return false;
    const removed: string[] = [];
    const upserted: string[] = [];
    if (options.fresh) {
      this.known.clear();
      for (const [queueName, queue] of Object.entries(this.queues) as [QueueName, Queue<JobData>][]) {
        for (const existing of await queue.getJobSchedulers(0, -1)) {
          const want = wanted.get(existing.key);
          const found: Planned = { queue: queueName, name: existing.name as JobName, pattern: existing.pattern ?? '', tz: existing.tz ?? '', target: (existing.template?.data as JobData | undefined)?.target ?? '' };
          if (want && same(want, found)) {
            this.known.set(existing.key, found);
            continue;
          }
          if (want && want.queue === queueName) continue; // changed timing: upserted below
          await queue.removeJobScheduler(existing.key);
          removed.push(existing.key);
        }
      }
    }
    for (const [id, was] of this.known) {
      const want = wanted.get(id);
      if (want && want.queue === was.queue) continue;
      await this.queues[was.queue].removeJobScheduler(id);
      this.known.delete(id);
      removed.push(id);
    }
    for (const [id, want] of wanted) {
      const was = this.known.get(id);
      if (was && same(was, want)) continue;
      await this.queues[want.queue].upsertJobScheduler(id, { pattern: want.pattern, tz: want.tz }, { name: want.name, data: { target: want.target }, opts: { removeOnComplete: KEEP, removeOnFail: KEEP } });
      this.known.set(id, want);
      upserted.push(id);
    }
    if (removed.length + upserted.length > 0) this.logger.info({ upserted, removed }, `queue schedules updated: ${this.known.size} job schedulers`);
    return true;
  }
}
