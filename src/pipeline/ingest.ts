import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../core/context.ts';
import { SourceError, errorMessage } from '../core/errors.ts';
import { yearOfDay } from '../documents/dates.ts';
import { contentHash } from '../documents/dedup.ts';
import { detectLanguage } from '../documents/language.ts';
import { feedItemToRaw } from '../documents/feed-item.ts';
import { pageToItems } from '../documents/pages.ts';
import type { DocumentDraft, RawItem } from '../documents/types.ts';
import { decodeBytes } from '../sources/decode.ts';
import { looksLikeFeed, parseFeed } from '../sources/feed.ts';
import { listImportFiles, pageFormat, refuseBinary } from '../sources/files.ts';
import { fetchResource } from '../sources/http.ts';
import type { Story } from '../facts/types.ts';
import { factsOf } from '../facts/extract.ts';
import { storyFor } from '../facts/story.ts';
import { ingestDraft } from './store-draft.ts';
import { modelExtractionFor } from './model-extraction.ts';
import type { SourceKind } from '../stores/store.ts';
import { refreshDeathView } from '../timeline/death-view.ts';

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
  const plan: { location: string; load: () => Promise<Loaded> }[] = [];
  const reports: SourceReport[] = [];
  /** Directories' files left out for their type: one report line each, after the files read. */
  const skippedReports: SourceReport[] = [];
  for (const target of targets) {
    if (/^https?:\/\//i.test(target)) {
      plan.push({ location: target, load: () => loadUrl(target) });
      continue;
    }
    try {
      const { files, skipped } = await listImportFiles(target);
      for (const path of files) plan.push({ location: path, load: () => loadFile(path) });
      if (skipped.length > 0) skippedReports.push({ ...failedReport(target, null), skipped: skipped.length });
    } catch (error) {
      reports.push(failedReport(target, errorMessage(error)));
    }
  }
  const total = plan.length + reports.length;
  options.onPlan?.(total);
  reports.forEach((report, index) => options.onSource?.(report, index + 1, total));
  for (const entry of plan) {
    const report = await ingestOne(app, entry.location, entry.load, options.silent === true);
    reports.push(report);
    options.onSource?.(report, reports.length, total);
  }
  // The import's days of the toll are recomputed now, not by the first /deaths after it.
  if (reports.some((report) => report.added + report.merged > 0)) await refreshViews(app);
  return [...reports, ...skippedReports];
}

/** Brings every story's stored views up to date with what was just stored (only the days it touched). */
export async function refreshViews(app: AppContext): Promise<void> {
  for (const story of app.stories) await refreshDeathView(app.store, story);
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
  const report: SourceReport = { location, sourceId: source.id, ...(await storeItems(app, source.id, loaded.items, { silent })), failure: null };
  await app.store.recordSuccess(source.id, app.now(), loaded.validators);
  return report;
}

/** Stores one source's items (each with its facts); an item that fails is reported, never stops the rest. */
export async function storeItems(
  app: AppContext,
  sourceId: string,
  items: readonly RawItem[],
  options: { silent?: boolean } = {},
): Promise<Pick<SourceReport, 'added' | 'merged' | 'duplicates' | 'errors' | 'touched'>> {
  const report = { added: 0, merged: 0, duplicates: 0, errors: [] as string[], touched: [] as number[] };
  const model = modelExtractionFor(app);
  for (const item of items) {
    try {
      const draft = datedByStory(toDraft(item), item, app.stories, app.now());
      // The model (when configured) answers first; factsOf verifies and merges its answer, before the store's transaction.
      const answer = model ? await model.answerFor(draft) : null;
      const input = model?.inputFor(draft, answer) ?? null;
      const outcome = await ingestDraft(app.store, sourceId, draft, app.now(), (stored) => factsOf(stored, app.stories, input), { silent: options.silent === true });
      if (outcome.status === 'added') report.added++;
      else if (outcome.status === 'merged') report.merged++;
      else report.duplicates++;
      if (outcome.status !== 'duplicate') report.touched.push(outcome.documentId);
    } catch (error) {
      report.errors.push(`${item.title ?? item.key}: ${errorMessage(error)}`);
    }
  }
  return report;
}

/**
 * An item dated only by a wire dateline without a year ("BOGOTÁ, 3 may (EFE)") takes the year its text
 * names, else the one its story (the configured story it belongs to) puts that day in; else it stays undated.
 */
export function datedByStory(draft: DocumentDraft, item: RawItem, stories: readonly Story[], now: Date): DocumentDraft {
  if (draft.published || !item.datelineDay) return draft;
  const story = storyFor(draft, stories);
  const published = yearOfDay(item.datelineDay, draft.text, { after: story?.start ?? null, notAfter: now.toISOString() });
  return published ? { ...draft, published } : draft;
}

export function toDraft(item: RawItem): DocumentDraft {
  const text = item.text.trim() || item.title?.trim() || '';
  if (!text) throw new SourceError(item.key, 'item has neither title nor text');
  return { ...item, text, language: detectLanguage(text), contentHash: contentHash(text) };
}

function failedReport(location: string, failure: string | null): SourceReport {
  return { location, sourceId: null, added: 0, merged: 0, duplicates: 0, errors: [], failure, touched: [] };
}

function locationUrl(location: string): string {
  return /^https?:\/\//i.test(location) ? location : pathToFileURL(location).href;
}

async function loadFile(path: string): Promise<Loaded> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new SourceError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`);
  }
  const url = pathToFileURL(path).href;
  const decoded = decodeBytes(bytes, null);
  await refuseBinary(path, bytes, decoded);
  const { text } = decoded;
  if (looksLikeFeed(text)) return loadFeed(text, url);
  const items = pageToItems(text, { format: pageFormat(path, text), url, fileName: basename(path) });
  return { kind: 'file', url, title: items.length === 1 ? (items[0]?.title ?? basename(path)) : basename(path), items };
}

async function loadUrl(url: string): Promise<Loaded> {
  const response = await fetchResource(url);
  const { text } = decodeBytes(response.bytes, response.contentType);
  const validators = { etag: response.etag, lastModified: response.lastModified };
  if (looksLikeFeed(text)) return { ...(await loadFeed(text, url)), validators };
  const items = pageToItems(text, { format: 'html', url: response.url });
  return { kind: 'page', url, title: items[0]?.title ?? null, items, validators };
}

async function loadFeed(text: string, url: string): Promise<Loaded> {
  const feed = await parseFeed(text);
  return { kind: 'feed', url, title: feed.title, items: feed.items.map((item) => feedItemToRaw(item, url)) };
}
