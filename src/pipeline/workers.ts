/** Worker threads for the CPU-heavy work: how many (the extraction pool; 0 also keeps charts in-process) and their entry files. */
import { availableParallelism } from 'node:os';
import { ConfigError } from '../core/config.ts';

/** CRONISTA_WORKERS (a whole number; 0 = in-process), else the cores. */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CRONISTA_WORKERS?.trim();
  if (!raw) return availableParallelism();
  if (!/^\d+$/.test(raw)) throw new ConfigError(`CRONISTA_WORKERS: "${raw}" is not a whole number of worker threads (0 runs extraction in-process)`);
  return Number(raw);
}

/**
 * A worker's entry file beside `moduleUrl` (the pool's own module), by how that module runs: compiled JavaScript (dist/)
 * loads `<name>.js`; the TypeScript sources (tsx) load `<name>.mjs`, a bootstrap that registers tsx in the worker first.
 */
export function workerEntryFor(name: string, moduleUrl: string): URL {
  return new URL(new URL(moduleUrl).pathname.endsWith('.ts') ? `./${name}.mjs` : `./${name}.js`, moduleUrl);
}
