import type { AppContext } from '../core/context.ts';
import type { SourceReport } from './ingest.ts';

const SHOWN = 12;

/** A short digest of what the first start ingested (newest first); the digest issue replaces it. */
export async function firstStartSummary(app: AppContext, reports: SourceReport[]): Promise<string> {
  const ids = [...new Set(reports.flatMap((report) => report.touched))];
  const documents = (await Promise.all(ids.map((id) => app.store.getDocument(id)))).filter((doc) => doc !== null);
  documents.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  const lines = [`Cronista ingested the bundled sample: ${documents.length} documents from ${reports.length} sources.`];
  for (const doc of documents.slice(0, SHOWN)) {
    const copies = await app.store.copiesOf(doc.id);
    const outlet = copies.find((copy) => copy.outlet)?.outlet;
    const when = doc.published ? doc.published.slice(0, 10) : 'undated';
    lines.push(`• ${when} — ${doc.title ?? '(untitled)'}${outlet ? ` (${outlet})` : ''}`);
  }
  if (documents.length > SHOWN) lines.push(`… and ${documents.length - SHOWN} more. Try /sources, or /help for every command.`);
  return lines.join('\n');
}
