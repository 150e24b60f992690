import { Presets, SingleBar } from 'cli-progress';
import type { AppContext } from '../core/context.ts';
import { refreshDeathView } from '../timeline/death-view.ts';
import { refreshTimelineView } from '../timeline/timeline-view.ts';

/**
 * `cronista reindex`: rebuilds every story's derived views from its stored facts (after a change of the rules that
 * build them), with a progress bar on a terminal. Returns one line per story. `reset: false` builds only what is
 * marked stale (after `cronista db copy`, every day and month: so the first answer on the new database does not).
 */
export async function reindexViews(app: AppContext, options: { reset?: boolean } = {}): Promise<string[]> {
  const reset = options.reset ?? true;
  const lines: string[] = [];
  for (const story of app.stories) {
    const days = await withProgressBar(`${story.id} [{bar}] {value}/{total} days`, (onProgress) => refreshDeathView(app.store, story, { reset, onProgress }));
    lines.push(`${story.id}: ${days} ${days === 1 ? 'day' : 'days'} of the toll recomputed`);
    const months = await withProgressBar(`${story.id} [{bar}] {value}/{total} months`, (onProgress) => refreshTimelineView(app.store, story, { reset, onProgress }));
    lines.push(`${story.id}: ${months} ${months === 1 ? 'month' : 'months'} of the timeline merged again`);
  }
  return lines;
}

/** Runs `work` with a progress bar on stderr when it is a terminal (`format`: cli-progress's). */
async function withProgressBar<T>(format: string, work: (onProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format }, Presets.shades_classic) : null;
  bar?.start(1, 0);
  try {
    return await work((done, total) => {
      bar?.setTotal(total);
      bar?.update(done);
    });
  } finally {
    bar?.stop();
  }
}
