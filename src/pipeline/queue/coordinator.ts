/**
 * Distributed mode's `cronista start` (a coordinator). Several may run for availability; one at a time holds the
 * schedules through a lease in Redis (coordinator-lease.ts) and, while it does:
 *   - mirrors the configuration's schedules as BullMQ job schedulers and follows its changes (schedule-mirror.ts);
 *   - takes the console destinations' digests (their queue is only for coordinators: the console is theirs), one at a
 *     time, each run stopping if the role passes on;
 *   - tells the service (`Schedules.role`), which runs the chat platforms only one process may run at once (Telegram
 *     long polling, the Discord gateway) only then.
 * Every coordinator (the standbys too: in webhook mode each receives Telegram's updates) hands the channel posts it
 * receives to the workers as jobs (`Schedules.channelPost`, channel-post-jobs.ts).
 * The others stand by and take over when the holder stops renewing the lease. Workers (`cronista worker`) run the
 * jobs; the job schedulers stay in Redis whatever happens to coordinators, so polls and chat digests go on meanwhile.
 */
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors.ts';
import { redactUrl } from '../../core/redact.ts';
import { Scheduler } from '../scheduler.ts';
import type { Schedules } from '../service.ts';
import { enqueueChannelPosts } from './channel-post-jobs.ts';
import { CoordinatorLease } from './coordinator-lease.ts';
import { CONSOLE_QUEUE, WORK_QUEUE, type QueueOptions } from './options.ts';
import { checkRedis, jobProcessor, redisConnection, type JobData } from './processor.ts';
import { planSchedules, ScheduleMirror, type QueueName } from './schedule-mirror.ts';

/** A console job taken by a process that no longer holds the schedules goes back to the queue, this much later. */
const HAND_BACK_MS = 1000;

/** Puts the schedules of `app.settings` on the queue while this process holds them; `stop` leaves them in Redis. */
export async function queueSchedules(app: AppContext, options: QueueOptions): Promise<Schedules> {
  await checkRedis(options);
  // Only describes: its node-cron tasks are never started. Every coordinator validates the configuration at start
  // (a bad cron expression is a ConfigError on each of them, not only on the holder).
  const scheduler = new Scheduler({ digest: () => {}, poll: () => {}, logger: app.logger, autoStart: false });
  try {
    planSchedules(scheduler, await app.settings.effective());
  } catch (error) {
    await scheduler.stop();
    throw error;
  }
  const connection = redisConnection(options);
  const leaseConnection = redisConnection(options);
  const queues: Record<QueueName, Queue<JobData>> = {
    [WORK_QUEUE]: new Queue<JobData>(WORK_QUEUE, { connection, prefix: options.prefix }),
    [CONSOLE_QUEUE]: new Queue<JobData>(CONSOLE_QUEUE, { connection, prefix: options.prefix }),
  };
  const mirror = new ScheduleMirror(queues, scheduler, app.logger);
  const lease = new CoordinatorLease(leaseConnection, { prefix: options.prefix, ttlMs: options.coordinatorLeaseMs, logger: app.logger });
  const mayWrite = () => lease.fence();
  const runJob = await jobProcessor(app, connection, options, () => lease.held());

  // The holder's duties, started when the lease is taken and stopped when it is lost, one change at a time.
  let duties: { stop(): Promise<void> } | null = null;
  let changing: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const startDuties = async () => {
    let syncing: Promise<unknown> = Promise.resolve();
    const unsubscribe = app.settings.onChange((config) => {
      syncing = syncing
        .then(() => mirror.sync(config, { fresh: false, mayWrite }))
        .catch((error: unknown) => app.logger.error({ err: error }, `queue schedules not updated: ${errorMessage(error)}`));
    });
    try {
      syncing = mirror.sync(await app.settings.effective(), { fresh: true, mayWrite });
      await syncing;
    } catch (error) {
      unsubscribe();
      mirror.reset();
      throw error;
    }
    const workerConnection = redisConnection(options);
    const consoleWorker = new Worker<JobData, string>(CONSOLE_QUEUE, async (job: Job<JobData>, token?: string) => {
      // A process that lost the schedules (paused past its lease, say) hands the job back for the holder.
      if (!(await lease.fence())) {
        await job.moveToDelayed(Date.now() + HAND_BACK_MS, token);
        throw new DelayedError();
      }
      return runJob(job);
    }, {
      connection: workerConnection,
      prefix: options.prefix,
      concurrency: 1,
      lockDuration: options.leaseMs,
      stalledInterval: Math.max(1000, Math.floor(options.leaseMs / 2)),
    });
    consoleWorker.on('error', (error) => app.logger.warn({ err: error }, `console queue: ${errorMessage(error)}`));
    return {
      async stop() {
        unsubscribe();
        await syncing.catch(() => undefined);
        await consoleWorker.close();
        workerConnection.disconnect();
        mirror.reset();
      },
    };
  };
  let started = false;
  const follow = (held: boolean) => {
    changing = changing
      .then(async () => {
        if (held && !duties && lease.held()) duties = await startDuties();
        else if (!held && duties) {
          const stopping = duties;
          duties = null;
          await stopping.stop();
        }
      })
      .catch(async (error: unknown) => {
        failure = error;
        app.logger.error({ err: error }, `could not take up the schedules: ${errorMessage(error)}`);
        // Held without its duties helps nobody: hand the lease back (this process, or another, tries again).
        if (started) await lease.resign('its duties could not start');
      });
  };
  const unfollow = lease.onChange(follow);

  const closeAll = async () => {
    unfollow();
    await changing;
    await duties?.stop();
    duties = null;
    await lease.stop();
    await Promise.allSettled([queues[WORK_QUEUE].close(), queues[CONSOLE_QUEUE].close()]);
    await scheduler.stop();
    leaseConnection.disconnect();
    connection.disconnect();
  };
  try {
    await lease.start();
    // The first holder's duties start before the service says it is ready: schedules that cannot be written fail the start.
    await changing;
    if (lease.held() && !duties) throw failure ?? new Error('the schedules could not be written to the queue');
    started = true;
  } catch (error) {
    await closeAll();
    throw error;
  }

  const where = `schedules on ${redactUrl(options.url)} (prefix ${options.prefix})`;
  return {
    get description() {
      return lease.held() ? `${where}, held by this process` : `${where}, standing by (held by ${lease.describeHolder()})`;
    },
    role: lease,
    channelPost: enqueueChannelPosts(app, queues[WORK_QUEUE]),
    stop: closeAll,
  };
}
