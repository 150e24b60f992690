/**
 * Distributed mode's `cronista start` (the coordinator): the schedules become BullMQ job schedulers, one per source
 * (its poll) and per destination (its digest), keyed by the same task names as the in-process scheduler and kept in
 * step with configuration changes; workers (`cronista worker`) run the jobs. Console destinations' digests go to a
 * queue only coordinators take (the console is theirs), run here by a one-at-a-time BullMQ worker.
 */
import { Queue, Worker } from 'bullmq';
import type { CronistaConfig } from '../../core/config.ts';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors.ts';
import { redactUrl } from '../../core/redact.ts';
import { destinationFromConfig } from '../destination.ts';
import { Scheduler } from '../scheduler.ts';
import type { Schedules } from '../service.ts';
import { CONSOLE_QUEUE, WORK_QUEUE, type QueueOptions } from './options.ts';
import { checkRedis, jobProcessor, redisConnection, type JobData, type JobName } from './processor.ts';

/** Finished jobs kept in Redis for inspection (the rest are removed): Redis memory stays bounded. */
const KEEP = { count: 1000 };

interface Planned {
  queue: typeof WORK_QUEUE | typeof CONSOLE_QUEUE;
  name: JobName;
  pattern: string;
  tz: string;
  target: string;
}

const same = (a: Planned, b: Planned) => a.queue === b.queue && a.pattern === b.pattern && a.tz === b.tz && a.target === b.target && a.name === b.name;

/** The job schedulers `config` asks for, by task name (Scheduler.apply validates and names them, as in-process). */
function plan(scheduler: Scheduler, config: Pick<CronistaConfig, 'sources' | 'destinations'>): Map<string, Planned> {
  scheduler.apply(config);
  const planned = new Map<string, Planned>();
  for (const task of scheduler.describe()) {
    const destination = task.kind === 'digest' ? config.destinations.find((d) => d.id === task.target) : undefined;
    const onConsole = destination !== undefined && destinationFromConfig(destination).kind === 'console';
    planned.set(task.name, { queue: onConsole ? CONSOLE_QUEUE : WORK_QUEUE, name: task.kind, pattern: task.cron, tz: task.timezone, target: task.target });
  }
  return planned;
}

/** Puts the schedules of `app.settings` on the queue and follows their changes; `stop` leaves them in Redis. */
export async function queueSchedules(app: AppContext, options: QueueOptions): Promise<Schedules> {
  await checkRedis(options);
  const connection = redisConnection(options);
  const queues = {
    [WORK_QUEUE]: new Queue<JobData>(WORK_QUEUE, { connection, prefix: options.prefix }),
    [CONSOLE_QUEUE]: new Queue<JobData>(CONSOLE_QUEUE, { connection, prefix: options.prefix }),
  };
  // Only describes: its node-cron tasks are never started.
  const scheduler = new Scheduler({ digest: () => {}, poll: () => {}, logger: app.logger, autoStart: false });
  const known = new Map<string, Planned>();

  const sync = async (config: Pick<CronistaConfig, 'sources' | 'destinations'>, first: boolean) => {
    const wanted = plan(scheduler, config);
    const removed: string[] = [];
    const upserted: string[] = [];
    if (first) {
      // Left by an earlier coordinator: whatever this configuration no longer has goes.
      for (const [queueName, queue] of Object.entries(queues)) {
        for (const existing of await queue.getJobSchedulers(0, -1)) {
          const want = wanted.get(existing.key);
          if (want && want.queue === queueName) continue;
          await queue.removeJobScheduler(existing.key);
          removed.push(existing.key);
        }
      }
    }
    for (const [id, was] of known) {
      const want = wanted.get(id);
      if (want && want.queue === was.queue) continue;
      await queues[was.queue].removeJobScheduler(id);
      known.delete(id);
      removed.push(id);
    }
    for (const [id, want] of wanted) {
      const was = known.get(id);
      if (was && same(was, want)) continue;
      await queues[want.queue].upsertJobScheduler(id, { pattern: want.pattern, tz: want.tz }, { name: want.name, data: { target: want.target }, opts: { removeOnComplete: KEEP, removeOnFail: KEEP } });
      known.set(id, want);
      upserted.push(id);
    }
    if (removed.length + upserted.length > 0) app.logger.info({ upserted, removed }, `queue schedules updated: ${known.size} job schedulers`);
  };

  let syncing: Promise<void> = Promise.resolve();
  const unsubscribe = app.settings.onChange((config) => {
    syncing = syncing.then(() => sync(config, false)).catch((error: unknown) => app.logger.error({ err: error }, `queue schedules not updated: ${errorMessage(error)}`));
  });
  try {
    await sync(await app.settings.effective(), true);
  } catch (error) {
    unsubscribe();
    await Promise.allSettled([queues[WORK_QUEUE].close(), queues[CONSOLE_QUEUE].close()]);
    connection.disconnect();
    await scheduler.stop();
    throw error;
  }

  const workerConnection = redisConnection(options);
  const consoleWorker = new Worker<JobData, string>(CONSOLE_QUEUE, await jobProcessor(app, connection, options), {
    connection: workerConnection,
    prefix: options.prefix,
    concurrency: 1,
    lockDuration: options.leaseMs,
    stalledInterval: Math.max(1000, Math.floor(options.leaseMs / 2)),
  });
  consoleWorker.on('error', (error) => app.logger.warn({ err: error }, `console queue: ${errorMessage(error)}`));

  return {
    description: `schedules on ${redactUrl(options.url)} (prefix ${options.prefix})`,
    async stop() {
      unsubscribe();
      await syncing;
      await consoleWorker.close();
      await Promise.allSettled([queues[WORK_QUEUE].close(), queues[CONSOLE_QUEUE].close()]);
      await scheduler.stop();
      workerConnection.disconnect();
      connection.disconnect();
    },
  };
}
