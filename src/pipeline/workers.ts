/** How many worker threads the CPU-heavy work gets (the extraction pool; 0 also keeps charts in-process). */
import { availableParallelism } from 'node:os';
import { ConfigError } from '../core/config.ts';

/** CRONISTA_WORKERS (a whole number; 0 = in-process), else the cores. */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CRONISTA_WORKERS?.trim();
  if (!raw) return availableParallelism();
  if (!/^\d+$/.test(raw)) throw new ConfigError(`CRONISTA_WORKERS: "${raw}" is not a whole number of worker threads (0 runs extraction in-process)`);
  return Number(raw);
}
