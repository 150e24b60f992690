/** Sweeping old chart files (apart from the renderer: sweeping must not load Chart.js and the canvas). */
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Chart files kept in a charts folder; chart names carry user input (regions, dates), so older ones go. */
export const CHART_FILES_KEPT = 50;

/** Deletes all but the `keep` most recently written .png files of `dir`; returns how many went. */
export async function sweepChartFiles(dir: string, keep = CHART_FILES_KEPT): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.png'));
  } catch {
    return 0;
  }
  if (names.length <= keep) return 0;
  const files = await Promise.all(
    names.map(async (name) => ({ path: join(dir, name), written: await stat(join(dir, name)).then((info) => info.mtimeMs, () => 0) })),
  );
  files.sort((a, b) => b.written - a.written);
  let removed = 0;
  for (const file of files.slice(keep)) {
    // Already gone (another sweep) is fine.
    removed += await unlink(file.path).then(() => 1, () => 0);
  }
  return removed;
}
