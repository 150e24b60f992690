import { Presets, SingleBar } from 'cli-progress';
import type { AppContext } from '../core/context.ts';
import { refreshDeathView } from '../timeline/death-view.ts';
import { refreshTimelineView } from '../timeline/timeline-view.ts';

/**
 * `cronista reindex`: rebuilds every story's derived views from its stored facts (after a change of the rules that
 * build them), with a progress bar on a terminal. Returns one line per story.
 */
export async function reindexViews(app: AppContext): Promise<string[]> {
  const lines: string[] = [];
  for (const story of app.stories) {
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: `${story.id} [{bar}] {value}/{total} days` }, Presets.shades_classic) : null;
    bar?.start(1, 0);
    try {
      const days = await refreshDeathView(app.store, story, {
        reset: true,
        onProgress: (done, total) => {
          bar?.setTotal(total);
          bar?.update(done);
        },
      });
      lines.push(`${story.id}: ${days} ${days === 1 ? 'day' : 'days'} of the toll recomputed`);
    } finally {
      bar?.stop();
    }
    const merging = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: `${story.id} [{bar}] {value}/{total} months` }, Presets.shades_classic) : null;
    merging?.start(1, 0);
    try {
      const months = await refreshTimelineView(app.store, story, {
        reset: true,
        onProgress: (done, total) => {
          merging?.setTotal(total);
          merging?.update(done);
        },
      });
      lines.push(`${story.id}: ${months} ${months === 1 ? 'month' : 'months'} of the timeline merged again`);
    } finally {
      merging?.stop();
    }
  }
  return lines;
}
