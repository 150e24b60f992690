import { SingleBar, Presets } from 'cli-progress';
import type { AppContext } from '../core/context.ts';
import { ingestTargets, type SourceReport } from '../pipeline/ingest.ts';

/** Long imports show a progress bar on stderr when it is a terminal; pipes and CI get none. */
const BAR_FROM_SOURCES = 10;

export async function ingestWithProgress(app: AppContext, targets: readonly string[]): Promise<SourceReport[]> {
  let bar: SingleBar | null = null;
  try {
    return await ingestTargets(app, targets, {
      onPlan(total) {
        if (process.stderr.isTTY && total >= BAR_FROM_SOURCES) {
          bar = new SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {value}/{total} sources | {added} added' }, Presets.shades_classic);
          bar.start(total, 0, { added: 0 });
        }
      },
      onSource(report, done) {
        (bar as SingleBar | null)?.update(done, { added: report.added });
      },
    });
  } finally {
    (bar as SingleBar | null)?.stop();
  }
}
