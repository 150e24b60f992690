/**
 * A worker's health as a file in its data directory (`worker-health.json`), for `cronista worker --check` (compose's
 * healthcheck runs it inside the worker's container). The running worker rewrites it on every heartbeat — only when its
 * job loop runs and Redis answered — so a worker that hangs, lost Redis or died leaves a file that grows old. Reading it
 * loads neither BullMQ nor ioredis: the check is a quick process.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HEALTH_FILE = 'worker-health.json';
/** A heartbeat older than this is unhealthy (the worker beats every 5 s: six missed beats). */
export const HEALTH_MAX_AGE_MS = 30_000;

export interface WorkerHealth {
  pid: number;
  /** hostname:pid, as in `cronista status`. */
  id: string;
  startedAt: string;
  /** The last heartbeat: the job loop was running and Redis answered then. */
  seenAt: string;
  done: number;
  failed: number;
}

export function writeWorkerHealth(dataDir: string, health: WorkerHealth): void {
  const path = join(dataDir, HEALTH_FILE);
  mkdirSync(dataDir, { recursive: true });
  // Written aside, then renamed: a check never reads half a file.
  writeFileSync(`${path}.tmp`, JSON.stringify(health));
  renameSync(`${path}.tmp`, path);
}

export function removeWorkerHealth(dataDir: string): void {
  rmSync(join(dataDir, HEALTH_FILE), { force: true });
}

/** `cronista worker --check`: whether the worker of `dataDir` beat recently, as one line. */
export function checkWorkerHealth(dataDir: string, now = Date.now()): { healthy: boolean; line: string } {
  const path = join(dataDir, HEALTH_FILE);
  let health: WorkerHealth;
  try {
    health = JSON.parse(readFileSync(path, 'utf8')) as WorkerHealth;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { healthy: false, line: `unhealthy: ${missing ? `no ${path} (no worker running on this data directory, or not ready yet)` : `${path} cannot be read`}` };
  }
  const age = now - Date.parse(health.seenAt);
  if (!alive(health.pid)) return { healthy: false, line: `unhealthy: worker ${health.id} (pid ${health.pid}) is not running` };
  if (!(age <= HEALTH_MAX_AGE_MS)) {
    return { healthy: false, line: `unhealthy: worker ${health.id} last beat ${Math.round(age / 1000)} s ago (its job loop stopped, or it cannot reach Redis)` };
  }
  return { healthy: true, line: `healthy: worker ${health.id}, last beat ${Math.round(age / 1000)} s ago, ${health.done} jobs done, ${health.failed} failed` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
