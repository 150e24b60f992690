/**
 * `cronista worker`: runs the queued polls and digests of distributed mode (see coordinator.ts) on the shared store,
 * any number of them on any machine. SIGINT/SIGTERM: no new job is taken, the jobs in hand finish (`Worker.close`),
 * then the store closes and the process exits 0. A worker killed outright (SIGKILL) stops renewing its jobs' locks:
 * BullMQ's stalled-job check hands them to another worker; the store's unique constraints keep items single and the
 * outbox and cursor keep a digest from being posted twice. While its job loop runs it beats every 5 s
 * (worker-heartbeat.ts: "workers seen" in `cronista status`, and the health file `cronista worker --check` reads).
 */
import { Worker } from 'bullmq';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors.ts';
import { redactUrl } from '../../core/redact.ts';
import { closeCharts } from '../chart-pool.ts';
import { closeExtraction } from '../extraction-pool.ts';
import { destinationFromConfig } from '../destination.ts';
import { preloadSenders } from '../senders.ts';
import { watchStoredChanges } from '../service.ts';
import { WORK_QUEUE, type QueueOptions } from './options.ts';
import { checkRedis, jobProcessor, redisConnection, type JobData } from './processor.ts';
import { WorkerHeartbeat } from './worker-heartbeat.ts';

/** What a worker runs on, chosen by the composition root (src/app.ts). */
export interface WorkerWiring {
  openApp(dataDir: string): Promise<AppContext>;
  queue: QueueOptions;
}

export async function runWorker(dataDir: string, wiring: WorkerWiring): Promise<number> {
  const options = wiring.queue;
  let signaled: string | null = null;
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      signaled = signal;
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await checkRedis(options);
  const app = await wiring.openApp(dataDir);
  const stopWatching = await watchStoredChanges(app);
  // Before any job: a chat library loaded mid-delivery blocks the event loop long enough to let a lease lapse.
  await preloadSenders((await app.settings.effective()).destinations.map(destinationFromConfig));
  const redis = redisConnection(options);
  const connection = redisConnection(options);
  const worker = new Worker<JobData, string>(WORK_QUEUE, await jobProcessor(app, redis, options), {
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.leaseMs,
    stalledInterval: Math.max(1000, Math.floor(options.leaseMs / 2)),
    autorun: false,
  });
  worker.on('stalled', (jobId) => app.logger.warn({ job: jobId }, `job ${jobId} stalled (its worker stopped answering): handed to another worker`));
  const heartbeat = new WorkerHeartbeat(redis, { prefix: options.prefix, dataDir, logger: app.logger, running: () => worker.isRunning() });
  worker.on('completed', () => heartbeat.jobDone());
  worker.on('failed', (job, error) => {
    heartbeat.jobFailed();
    app.logger.error({ job: job?.id, err: error }, `job ${job?.name ?? '?'} failed: ${errorMessage(error)}`);
  });
  worker.on('error', (error) => app.logger.warn({ err: error }, `queue: ${errorMessage(error)}`));
  void worker.run().catch((error: unknown) => app.logger.error({ err: error }, `worker stopped: ${errorMessage(error)}`));
  await worker.waitUntilReady();
  await heartbeat.start();
  if (!signaled) process.stderr.write(`cronista worker ready (pid ${process.pid}; queue ${WORK_QUEUE} on ${redactUrl(options.url)}, prefix ${options.prefix}; ${options.concurrency} at a time; data ${app.store.description})\n`);

  await stopped;
  app.logger.info({ signal: signaled }, 'stopping: finishing the jobs in hand');
  await worker.close();
  await heartbeat.stop();
  stopWatching();
  await Promise.all([closeExtraction(), closeCharts()]);
  await app.store.close();
  redis.disconnect();
  connection.disconnect();
  return 0;
}
