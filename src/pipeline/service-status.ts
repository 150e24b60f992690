/**
 * What the running service says about itself, kept in the store so that another process (`cronista
 * status`) and chat (`/sources` for operators) can read it: its process, and each chat platform's state
 * (running, or retrying and why).
 */
import type { PlatformStatus } from '../platforms/supervisor.ts';
import type { Store } from '../stores/store.ts';

const KEY = 'service:status';

export interface ServiceStatus {
  pid: number;
  startedAt: string;
  updatedAt: string;
  /** Set when the service stopped cleanly. */
  stoppedAt?: string;
  platforms: PlatformStatus[];
}

export async function saveServiceStatus(store: Store, status: ServiceStatus): Promise<void> {
  await store.kv.set(KEY, status);
}

export async function readServiceStatus(store: Store): Promise<ServiceStatus | null> {
  return ((await store.kv.get(KEY)) as ServiceStatus | undefined) ?? null;
}

/**
 * Whether the service runs. In distributed mode `holder` says who holds the schedules' lease in Redis (null: nobody),
 * which any machine can read: a `cronista start` runs while someone holds it. Without it (one process, or Redis not
 * readable), whether the process that wrote `status` still runs — a pid, so only on the machine it ran on.
 */
export function serviceAlive(status: ServiceStatus, holder?: string | null): boolean {
  if (holder !== undefined) return holder !== null;
  if (status.stoppedAt) return false;
  try {
    process.kill(status.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const minute = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** One line per platform: running since…, or retrying, why, what to check, next attempt. */
export function platformLine(platform: PlatformStatus): string {
  switch (platform.state) {
    case 'running':
      return `${platform.name}: running since ${minute(platform.since)}`;
    case 'retrying':
      return `${platform.name}: not running (${platform.failures} failed attempt${platform.failures === 1 ? '' : 's'}): ${platform.reason ?? 'unknown'} — ${platform.hint ?? 'see the logs'}; next attempt ${minute(platform.nextAttempt)}`;
    case 'starting':
      return `${platform.name}: starting${platform.reason ? ` (last failure: ${platform.reason} — ${platform.hint ?? 'see the logs'})` : ''}`;
    case 'stopped':
      return `${platform.name}: stopped`;
    case 'standby':
      return `${platform.name}: standing by (another cronista start holds the schedules and runs it)`;
  }
}

/** `cronista status`: whether the service runs, and each platform (`holder`: as for serviceAlive). */
export function statusText(status: ServiceStatus | null, holder?: string | null): string {
  if (!status) return 'The service has not run with this data directory (start it with `cronista start`).';
  const alive = serviceAlive(status, holder);
  const who = holder ? `schedules held by ${holder}` : `pid ${status.pid}`;
  const head = alive
    ? `Service running (${who}) since ${minute(status.startedAt)}; console`
    : `Service not running (last ${status.stoppedAt ? `stopped ${minute(status.stoppedAt)}` : `seen ${minute(status.updatedAt)}`}).`;
  if (!alive) return head;
  const lines = status.platforms.map((platform) => `  ${platformLine(platform)}`);
  return [head, ...(lines.length ? ['Chat platforms:', ...lines] : ['No chat platform configured (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN).'])].join('\n');
}
