/**
 * Distributed mode's settings (CRONISTA_REDIS_URL and friends). Read without loading BullMQ or ioredis: a start
 * without Redis never loads them (tests/cli/lazy-start.test.ts).
 */
import { ConfigError } from '../../core/config.ts';
import { redactUrl } from '../../core/redact.ts';

/** The queue polls and chat-platform digests go to: every `cronista worker` takes jobs from it. */
export const WORK_QUEUE = 'cronista-work';
/** Digests of console destinations: only a `cronista start` (the coordinator, which has the console) takes them. */
export const CONSOLE_QUEUE = 'cronista-console';

export interface QueueOptions {
  /** redis:// or rediss:// URL (may hold a password: show it through redactUrl). */
  url: string;
  /** Prefix of every BullMQ and lease key (CRONISTA_QUEUE_PREFIX, default `cronista`): one per deployment or test. */
  prefix: string;
  /**
   * How long a job's lock and a digest's or poll's lease last without renewal (CRONISTA_QUEUE_LEASE_SECONDS, default
   * 30): a worker killed mid-job hands its job back (BullMQ stalled-job recovery) within about this long.
   */
  leaseMs: number;
  /** Jobs one worker runs at once (CRONISTA_WORKER_CONCURRENCY, default 4). */
  concurrency: number;
  /**
   * How long the schedules' lease (coordinator-lease.ts) lasts without renewal (CRONISTA_COORDINATOR_LEASE_SECONDS,
   * default 10): when the `cronista start` holding the schedules dies, a standby takes over within this plus a fifth
   * of it (12 s by default).
   */
  coordinatorLeaseMs: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new ConfigError(`${name}: ${raw} is not a positive number`);
  return value;
}

/** The queue settings, or null when CRONISTA_REDIS_URL is unset or empty (the embedded default: no queue). */
export function queueOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueOptions | null {
  const url = env.CRONISTA_REDIS_URL?.trim();
  if (!url) return null;
  if (!/^rediss?:\/\//i.test(url)) throw new ConfigError(`CRONISTA_REDIS_URL: ${redactUrl(url)} is not a redis:// URL (unset it to run everything in this process)`);
  const prefix = env.CRONISTA_QUEUE_PREFIX?.trim() || 'cronista';
  if (!/^[\w.-]+$/.test(prefix)) throw new ConfigError(`CRONISTA_QUEUE_PREFIX: "${prefix}" may hold only letters, digits, _ . -`);
  return {
    url,
    prefix,
    leaseMs: Math.round(positive(env, 'CRONISTA_QUEUE_LEASE_SECONDS', 30) * 1000),
    concurrency: Math.max(1, Math.floor(positive(env, 'CRONISTA_WORKER_CONCURRENCY', 4))),
    coordinatorLeaseMs: Math.max(1000, Math.round(positive(env, 'CRONISTA_COORDINATOR_LEASE_SECONDS', 10) * 1000)),
  };
}
