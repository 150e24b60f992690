/**
 * What a queued job does: the same poll and digest code as the in-process schedules (src/pipeline/jobs.ts), each run
 * under a lease (lease.ts) so that one feed's poll or one destination's digest never runs in two processes at once.
 * A job names its source URL or destination id only; the configuration is read when it runs, so a change made from
 * chat applies to the next run without touching the queue.
 */
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppContext } from '../../core/context.ts';
import { CronistaError, errorMessage } from '../../core/errors.ts';
import { redactUrl, redactUrlsIn } from '../../core/redact.ts';
import type { ChannelPost } from '../../platforms/platform.ts';
import { ingestChannelPost } from '../channel-posts.ts';
import { digestJob, pollJob } from '../jobs.ts';
import { pollTaskName } from '../scheduler.ts';
import { RedisHostLimiter } from './host-slots.ts';
import { withLease } from './lease.ts';
import type { QueueOptions } from './options.ts';

export type JobName = 'poll' | 'digest' | 'channel-post';

/** A job's data: the source URL (poll), the destination id (digest) or the post's item key (channel post). */
export interface JobData {
  target: string;
  /** A channel post's job (channel-post-jobs.ts): the post as the platform handed it, and whether it is an edit. */
  post?: ChannelPost;
  edited?: boolean;
}

/** A Redis connection as BullMQ's workers need it (commands wait for a reconnect instead of failing). */
export function redisConnection(options: Pick<QueueOptions, 'url'>): Redis {
  return new Redis(options.url, { maxRetriesPerRequest: null });
}

/** A connection that gives up at once (3 s to connect, no retries): for checks and status, never for the queues. */
export function briefConnection(options: Pick<QueueOptions, 'url'>): { redis: Redis; lastError: () => unknown } {
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null, lazyConnect: true });
  let last: unknown = null;
  redis.on('error', (error) => (last = error));
  return { redis, lastError: () => last };
}

/**
 * Fails with one line when Redis cannot be reached at start (the queues' own connections would wait for it forever,
 * and a process that never says ready is harder to diagnose than one that says why).
 */
export async function checkRedis(options: Pick<QueueOptions, 'url'>): Promise<void> {
  const { redis, lastError } = briefConnection(options);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new CronistaError(`CRONISTA_REDIS_URL: cannot reach ${redactUrl(options.url)}: ${redactUrlsIn(errorMessage(lastError() ?? error))}`);
  } finally {
    redis.disconnect();
  }
}

/**
 * The task name a job runs as (the same as the in-process scheduler's): `poll:<url, redacted>`, `digest:<id>`;
 * `channel-post:<chat id>/<message id>`.
 */
export function taskName(name: JobName, target: string): string {
  return name === 'poll' ? pollTaskName(target) : `${name}:${target}`;
}

/**
 * The slot a job was scheduled for: a job scheduler's iteration is `repeat:<scheduler id>:<slot in ms>`, so two runs of
 * one slot (a schedule firing twice) show the same slot. Null for jobs added by hand.
 */
export function jobSlot(job: Pick<Job, 'id'>): string | null {
  const millis = /^repeat:.*:(\d+)$/.exec(job.id ?? '')?.[1];
  return millis ? new Date(Number(millis)).toISOString() : null;
}

/**
 * The function a BullMQ Worker runs for every job: resolves a line saying what happened (the job's return value).
 * `mayAct`, when given, must stay true for a digest to go on sending (the coordinator's console digests: only while
 * it holds the schedules); every digest also stops sending once its own lease may have passed to another process.
 */
export async function jobProcessor(
  app: AppContext,
  redis: Redis,
  options: Pick<QueueOptions, 'prefix' | 'leaseMs'>,
  mayAct: () => boolean = () => true,
): Promise<(job: Job<JobData>) => Promise<string>> {
  // Per-host politeness (polling.per_host) holds across every worker: its slots are counted in Redis.
  const poll = await pollJob(app, { limiter: (perHost) => new RedisHostLimiter(redis, { prefix: options.prefix, perHost, ttlMs: options.leaseMs }) });
  const digest = digestJob(app);
  return async (job) => {
    const name = job.name as JobName;
    const task = taskName(name, job.data.target);
    const started = Date.now();
    const config = await app.settings.effective();
    let run: (held: () => boolean) => Promise<unknown>;
    if (name === 'poll') {
      const source = config.sources.find((candidate) => candidate.url === job.data.target);
      if (!source) return `${task}: skipped (no longer configured)`;
      run = async () => poll(source);
    } else if (name === 'digest') {
      const destination = config.destinations.find((candidate) => candidate.id === job.data.target);
      if (!destination) return `${task}: skipped (no longer configured)`;
      run = async (held) => digest(destination, { name: task, mayDeliver: () => held() && mayAct() });
    } else if (name === 'channel-post' && job.data.post) {
      const post = job.data.post;
      run = async () => ingestChannelPost(app, post, { edited: job.data.edited ?? false });
    } else {
      throw new Error(`unknown job ${job.name}`);
    }
    const outcome = await withLease(redis, `${options.prefix}:lease:${task}`, options.leaseMs, run);
    if (!outcome.ran && name === 'channel-post') {
      // Not skipped like a poll (whose next slot comes anyway): the post exists only in this job, so it is retried
      // (BullMQ backoff) until the run holding the lease — or, when that worker died, its expired lease — lets it.
      throw new Error(`${task}: another run of this post holds its lease; retried`);
    }
    if (!outcome.ran) {
      app.logger.warn({ task, job: job.id }, `${task}: previous run still in progress elsewhere, this one is skipped`);
      return `${task}: skipped (running elsewhere)`;
    }
    // One line per run that happened, with its slot: operators (and the kill tests) can count runs per slot.
    const slot = jobSlot(job);
    const said = name === 'channel-post' ? `: ${JSON.stringify(outcome.value)}` : '';
    app.logger.info({ task, slot, ms: Date.now() - started }, `${task} ran${slot ? ` (slot ${slot})` : ''}${said}`);
    return `${task}: done`;
  };
}
