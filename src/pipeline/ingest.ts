import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../core/context.ts';
import { SourceError, errorMessage } from '../core/errors.ts';
import type { RawItem } from '../documents/types.ts';
import { listImportFiles } from '../sources/files.ts';
import { fetchResource } from '../sources/http.ts';
import type { DraftFacts, SourceKind } from '../stores/store.ts';
import { extractionFor, type Extraction, type StoriesSnapshot } from './extraction-pool.ts';
import type { ModelInput } from '../facts/extract.ts';
import { ingestDraft, type EarlierLookup } from './store-draft.ts';
import { modelExtractionFor, type ModelExtraction } from './model-extraction.ts';
import type { PreparedDraft } from './extraction-worker.ts';

import { refreshDeathView } from '../timeline/death-view.ts';
import { refreshTimelineView } from '../timeline/timeline-view.ts';

export { datedByStory, toDraft } from './drafts.ts';

/** What one source gave: one line of `cronista ingest` output. */
export interface SourceReport {
  /** The path or URL as read. */
  location: string;
  sourceId: string | null;
  added: number;
  merged: number;
  duplicates: number;
  /** Items that could not be stored (the source itself was read). */
  errors: string[];
  /** Why the source could not be read at all, or null. */
  failure: string | null;
  /** The ids of documents this run added or merged into: what facts extraction looks at next. */
  touched: number[];
  /** For a directory: files left out because Cronista does not read their type (counted, not read). */
  skipped?: number;
}

interface Loaded {
  kind: SourceKind;
  url: string;
  title: string | null;
  items: RawItem[];
  validators?: { etag: string | null; lastModified: string | null };
}

export interface IngestOptions {
  /** Called after each source, e.g. to move a progress bar. */
  onSource?: (report: SourceReport, done: number, total: number) => void;
  /** Called once the list of sources is known. */
  onPlan?: (total: number) => void;
  /**
   * Store the items without announcing them (digests treat their documents and facts as already known).
   * A subscribed feed's first fetch is silent; imports and the bundled sample are not.
   */
  silent?: boolean;
}

/** Ingest paths (files, directories) and URLs (feeds, pages). A source that fails never stops the others. */
export async function ingestTargets(app: AppContext, targets: readonly string[], options: IngestOptions = {}): Promise<SourceReport[]> {
  const extraction = extractionFor(app);
  const plan: { location: string; load: () => Promise<Loaded> }[] = [];
  const reports: SourceReport[] = [];
  /** Directories' files left out for their type: one report line each, after the files read. */
  const skippedReports: SourceReport[] = [];
  for (const target of targets) {
    if (/^https?:\/\//i.test(target)) {
      plan.push({ location: target, load: () => loadUrl(extraction, target) });
      continue;
    }
    try {
      const { files, skipped } = await listImportFiles(target);
      for (const path of files) plan.push({ location: path, load: () => loadFile(extraction, path) });
      if (skipped.length > 0) skippedReports.push({ ...failedReport(target, null), skipped: skipped.length });
    } catch (error) {
      reports.push(failedReport(target, errorMessage(error)));
    }
  }
  const total = plan.length + reports.length;
  options.onPlan?.(total);
  reports.forEach((report, index) => options.onSource?.(report, index + 1, total));
  // With workers, the next source is read (decoded, parsed) while this one's items are stored.
  const loads: (Promise<Loaded> | undefined)[] = [];
  const loadAt = (index: number) => {
    const entry = plan[index];
    if (!entry || loads[index]) return;
    const loading = entry.load();
    loading.catch(() => {}); // awaited (and reported) in its turn
    loads[index] = loading;
  };
  for (const [index, entry] of plan.entries()) {
    loadAt(index);
    if (extraction.workers > 0) loadAt(index + 1);
    const loading = loads[index]!;
    loads[index] = undefined;
    const report = await ingestOne(app, entry.location, () => loading, options.silent === true);
    reports.push(report);
    options.onSource?.(report, reports.length, total);
  }
  // The import's days of the toll and months of the timeline are recomputed now, not by the first read after it.
  if (reports.some((report) => report.added + report.merged > 0)) await refreshViews(app);
  return [...reports, ...skippedReports];
}

/** Brings every story's stored views up to date with what was just stored (only the days and months it touched). */
export async function refreshViews(app: AppContext): Promise<void> {
  for (const story of app.stories) {
    await refreshDeathView(app.store, story);
    await refreshTimelineView(app.store, story);
  }
}

async function ingestOne(app: AppContext, location: string, load: () => Promise<Loaded>, silent: boolean): Promise<SourceReport> {
  let loaded: Loaded;
  try {
    loaded = await load();
  } catch (error) {
    const report = failedReport(location, errorMessage(error));
    const known = await app.store.getSource(locationUrl(location));
    if (known) {
      report.sourceId = known.id;
      await app.store.recordFailure(known.id, app.now(), report.failure!);
    }
    return report;
  }
  const source = await app.store.ensureSource({ kind: loaded.kind, url: loaded.url, title: loaded.title });
  // One refresh of the views for the whole import, at its end (ingestTargets), not one per source.
  const report: SourceReport = { location, sourceId: source.id, ...(await storeItems(app, source.id, loaded.items, { silent, refreshViews: false })), failure: null };
  await app.store.recordSuccess(source.id, app.now(), loaded.validators);
  return report;
}

/** An item on its way to the store: its draft (read in a worker), the model's input, and its facts when started early. */
interface Staged extends PreparedDraft {
  input: ModelInput | null;
  /** Extraction started before the item's turn (with workers, for items the store does not know yet); else null. */
  facts: Promise<DraftFacts> | null;
  /** The store's `lookupDraft` answer read for that (with workers), handed to ingestDraft so that it need not ask again. */
  lookup: EarlierLookup | null;
}

/** Items prepared and extracted ahead of the one being stored, per worker. */
const AHEAD_PER_WORKER = 4;
/** The longest the event loop runs items without letting other work (a command, a timer) in. */
const SLICE_MS = 10;

/**
 * Stores one source's items (each with its facts); an item that fails is reported, never stops the rest.
 * With workers (src/pipeline/extraction-pool.ts), the next items are prepared and extracted in the pool while
 * the store takes them one at a time in the feed's order (so documents are learned in that order, each stored
 * once): the store's checks (known item, same text, near duplicate) and its transaction stay here, in order.
 * When something was stored, the stored views are brought up to date at the end (a poll's days and months are
 * recomputed by the poll, not by the next read); `refreshViews: false` leaves that to the caller (an import of many
 * sources refreshes once, at its end).
 */
export async function storeItems(
  app: AppContext,
  sourceId: string,
  items: readonly RawItem[],
  options: { silent?: boolean; refreshViews?: boolean } = {},
): Promise<Pick<SourceReport, 'added' | 'merged' | 'duplicates' | 'errors' | 'touched'>> {
  const report = { added: 0, merged: 0, duplicates: 0, errors: [] as string[], touched: [] as number[] };
  const model = modelExtractionFor(app);
  const extraction = extractionFor(app);
  const stories = extraction.stories(app.stories);
  const ahead = extraction.workers > 0 ? extraction.workers * AHEAD_PER_WORKER : 1;
  const staged: (Promise<Staged> | undefined)[] = [];
  // The model is asked one item at a time, in the items' order, as before.
  let modelTurn: Promise<unknown> = Promise.resolve();
  const stage = (item: RawItem) => {
    const prepared = extraction.prepare(item, stories, app.now());
    const answered = model ? modelTurn.then(() => prepared).then(({ draft }) => model.answerFor(draft)) : null;
    if (answered) modelTurn = answered.catch(() => {});
    const result = stageItem(app, extraction, stories, sourceId, model, prepared, answered);
    result.catch(() => {}); // awaited (and reported) in its turn
    return result;
  };
  let slice = performance.now();
  for (const [index, item] of items.entries()) {
    for (let next = staged.length; next < Math.min(items.length, index + ahead); next++) staged.push(stage(items[next]!));
    try {
      const { draft, hashes, input, facts, lookup } = await staged[index]!;
      // The model (when configured) answered first; factsOf verifies and merges its answer, before the store's transaction.
      const outcome = await ingestDraft(app.store, sourceId, draft, app.now(), () => facts ?? extraction.facts(draft, stories, input), {
        silent: options.silent === true,
        sentenceHashes: hashes,
        ...(lookup ? { earlierLookup: lookup } : {}),
      });
      if (outcome.status === 'added') report.added++;
      else if (outcome.status === 'merged') report.merged++;
      else report.duplicates++;
      if (outcome.status !== 'duplicate') report.touched.push(outcome.documentId);
    } catch (error) {
      report.errors.push(`${item.title ?? item.key}: ${errorMessage(error)}`);
    }
    staged[index] = undefined;
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  if (options.refreshViews !== false && report.added + report.merged > 0) await refreshViews(app);
  return report;
}

async function stageItem(
  app: AppContext,
  extraction: Extraction,
  stories: StoriesSnapshot,
  sourceId: string,
  model: ModelExtraction | null,
  preparing: Promise<PreparedDraft>,
  answering: Promise<Awaited<ReturnType<ModelExtraction['answerFor']>>> | null,
): Promise<Staged> {
  const { draft, hashes } = await preparing;
  const input = model?.inputFor(draft, answering ? await answering : null) ?? null;
  if (extraction.workers === 0) return { draft, hashes, input, facts: null, lookup: null };
  // Extract early unless the store already has this item or its exact text (then nothing is extracted): a near
  // duplicate found later in its turn only wastes a worker's time, never changes what is stored. The answer goes on
  // to ingestDraft, which reuses it where the store's transaction re-checks what may have changed since (planReads).
  const lookup = await app.store.lookupDraft(sourceId, draft.key, draft.contentHash);
  if (lookup.knownItem !== null || lookup.sameText !== null) return { draft, hashes, input, facts: null, lookup };
  const facts = extraction.facts(draft, stories, input);
  facts.catch(() => {}); // awaited in its turn, or not needed
  return { draft, hashes, input, facts, lookup };
}

function failedReport(location: string, failure: string | null): SourceReport {
  return { location, sourceId: null, added: 0, merged: 0, duplicates: 0, errors: [], failure, touched: [] };
}

function locationUrl(location: string): string {
  return /^https?:\/\//i.test(location) ? location : pathToFileURL(location).href;
}

async function loadFile(extraction: Extraction, path: string): Promise<Loaded> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new SourceError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`);
  }
  return { url: pathToFileURL(path).href, ...(await extraction.read({ from: 'file', path, bytes })) };
}

async function loadUrl(extraction: Extraction, url: string): Promise<Loaded> {
  const response = await fetchResource(url);
  const validators = { etag: response.etag, lastModified: response.lastModified };
  const body = await extraction.read({ from: 'url', url, responseUrl: response.url, bytes: response.bytes, contentType: response.contentType });
  return { url, ...body, validators };
}
