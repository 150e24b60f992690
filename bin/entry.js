// Which CLI bin/cronista.js runs: the build (dist/src/cli.js, `npm run build`) or the TypeScript sources (through
// tsx, which compiles every module on load: a start takes seconds instead of a fraction of one).
//
// The rule: the build, when dist/build.json exists (written by scripts/build.mjs after a successful compile) and
// no file under src/ or commands/ was modified after the build started (about 4 ms of stat calls); otherwise the
// sources, so a `git pull` or an edit without a rebuild never runs stale code. CRONISTA_DEV=1 always runs the
// sources. An installed copy without src/ (the Docker image) runs the build.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package root (bin/..). */
export const root = resolve(import.meta.dirname, '..');

/** When the current build started (ms), or null when there is none (never built, or the last build failed). */
function builtAt(dir) {
  try {
    const started = Date.parse(JSON.parse(readFileSync(join(dir, 'dist/build.json'), 'utf8')).startedAt);
    return Number.isFinite(started) && existsSync(join(dir, 'dist/src/cli.js')) ? started : null;
  } catch {
    return null;
  }
}

/** The first source file modified after `since`, or null. */
function newerSource(dir, since) {
  for (const folder of ['src', 'commands']) {
    let entries;
    try {
      entries = readdirSync(join(dir, folder), { recursive: true, withFileTypes: true });
    } catch {
      continue; // not shipped (an installed copy runs the build)
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if (statSync(path).mtimeMs > since) return path;
    }
  }
  return null;
}

/**
 * `{ kind: 'build' | 'sources', url, reason }`: the module to import and, for the sources, why (one line for a
 * person at a terminal).
 */
export function chooseEntry(env = process.env, dir = root) {
  const sources = { kind: 'sources', url: pathToFileURL(join(dir, 'src/cli.ts')).href };
  if (env.CRONISTA_DEV === '1') return { ...sources, reason: null };
  const since = builtAt(dir);
  if (since === null) return { ...sources, reason: 'no build in dist/ (npm run build)' };
  const newer = newerSource(dir, since);
  if (newer) return { ...sources, reason: `dist/ is older than ${newer.slice(dir.length + 1)} (npm run build)` };
  return { kind: 'build', url: pathToFileURL(join(dir, 'dist/src/cli.js')).href, reason: null };
}
