/**
 * The bundled Peru sample (config/sample/pages) is a demo, not the operator's data: `cronista start`
 * imports it only when nothing is configured (no feed subscribed, nothing stored yet), and
 * `cronista sample` loads it on purpose. A kv flag remembers that it was loaded, so it is loaded once.
 */
import type { AppContext } from '../core/context.ts';
import { bundledSampleDir } from '../core/paths.ts';
import { plural } from '../core/text.ts';
import { ingestTargets, type SourceReport } from './ingest.ts';

const SAMPLE_FLAG = 'sample:ingested';

/** What start-up did about the sample: loaded it now, found it loaded before, or left it out. */
export type SampleState = 'loaded' | 'present' | 'skipped';

/** Ingests the bundled sample (again: what is known already is skipped as duplicates) and remembers it. */
export async function loadSample(app: AppContext): Promise<{ reports: SourceReport[]; added: number; line: string }> {
  const reports = await ingestTargets(app, [bundledSampleDir]);
  for (const report of reports.filter((r) => r.failure)) app.logger.warn({ source: report.location }, report.failure!);
  const added = reports.reduce((sum, report) => sum + report.added, 0);
  await app.store.kv.set(SAMPLE_FLAG, new Date().toISOString());
  return { reports, added, line: `Cronista ingested the bundled Peru sample (a demo): ${plural(added, 'document')} from ${plural(reports.length, 'source')}.` };
}

/** Whether the sample is in the store. */
export async function sampleLoaded(app: AppContext): Promise<boolean> {
  return Boolean(await app.store.kv.get(SAMPLE_FLAG));
}

/** Nothing configured: no feed subscribed (file or changes) and nothing stored. */
export async function nothingConfigured(app: AppContext): Promise<boolean> {
  return (await app.settings.effective()).sources.length === 0 && (await app.store.countDocuments()) === 0;
}

/** `cronista start`: the sample when nothing is configured, once. */
export async function sampleOnStart(app: AppContext, onLoaded: (line: string) => Promise<void>): Promise<SampleState> {
  if (await sampleLoaded(app)) return 'present';
  if (!(await nothingConfigured(app))) return 'skipped';
  await onLoaded((await loadSample(app)).line);
  return 'loaded';
}

/** The readiness line's word on the sample. */
export function sampleNote(state: SampleState): string {
  if (state === 'loaded') return '; nothing configured, so the bundled Peru sample was loaded as a demo';
  if (state === 'present') return '; holds the bundled Peru sample (demo)';
  return '';
}
