/**
 * A worker saying it is alive, every few seconds, in two places: the hash `<prefix>:workers` in Redis (one field per
 * worker: who, since when, last seen, jobs done and failed), which `cronista status` and `/sources` read as "workers
 * seen"; and the health file of its data directory (worker-health.json), which `cronista worker --check` reads. A beat
 * is written only while the job loop runs and Redis takes the write, so a stale beat means a worker in trouble.
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logger.ts';
import { errorMessage } from '../../core/errors.ts';
import { redactUrlsIn } from '../../core/redact.ts';
import { removeWorkerHealth, writeWorkerHealth, type WorkerHealth } from './worker-health.ts';

export const HEARTBEAT_MS = 5000;
/** Fields of workers not seen for this long are dropped from the hash by the next beat of any worker. */
const FORGET_AFTER_MS = 24 * 3600_000;

export const workersKey = (prefix: string) => `${prefix}:workers`;

export class WorkerHeartbeat {
  private readonly health: WorkerHealth;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private beating = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; dataDir: string; logger: Logger; running: () => boolean },
  ) {
    const now = new Date().toISOString();
    this.health = { pid: process.pid, id: `${hostname()}:${process.pid}`, startedAt: now, seenAt: now, done: 0, failed: 0 };
  }

  jobDone(): void {
    this.health.done++;
  }

  jobFailed(): void {
    this.health.failed++;
  }

  /** Beats now (so a check right after "ready" passes), then every HEARTBEAT_MS. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
  }

  /** Stops beating and takes this worker out of the hash and its health file away (it stopped on purpose). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    removeWorkerHealth(this.options.dataDir);
    await this.redis.hdel(workersKey(this.options.prefix), this.health.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    // A beat still waiting on Redis is not doubled: the file just grows old, as it should.
    if (this.beating || !this.options.running()) return;
    this.beating = true;
    const seenAt = new Date();
    const beat: WorkerHealth = { ...this.health, seenAt: seenAt.toISOString() };
    try {
      const key = workersKey(this.options.prefix);
      await this.redis.hset(key, beat.id, JSON.stringify(beat));
      for (const [id, raw] of Object.entries(await this.redis.hgetall(key))) {
        const seen = Date.parse((JSON.parse(raw) as WorkerHealth).seenAt);
        if (!(seenAt.getTime() - seen < FORGET_AFTER_MS)) await this.redis.hdel(key, id);
      }
      writeWorkerHealth(this.options.dataDir, beat);
      if (this.failing) this.options.logger.info('worker heartbeat: written again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.logger.warn(`worker heartbeat not written (cronista worker --check will report it): ${redactUrlsIn(errorMessage(error))}`);
      this.failing = true;
    } finally {
      this.beating = false;
    }
  }
}
