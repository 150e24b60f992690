import type { AppContext } from '../core/context.ts';
import { errorMessage } from '../core/errors.ts';
import type { RawItem } from '../documents/types.ts';
import { fetchResource, type FetchedResource, type Fetcher } from '../sources/http.ts';
import type { SourceRecord, Store } from '../stores/store.ts';
import { extractionFor, sharedExtraction, type Extraction } from './extraction-pool.ts';
import type { RequestLimiter } from './host-limiter.ts';
import { refreshViews, storeItems } from './ingest.ts';

/** A fetched feed, decoded and parsed: what a poll stores. */
export interface PolledFeed {
  title: string | null;
  items: RawItem[];
}

/** Decodes and parses a fetched body. Never called for a 304. Injectable (tests count the calls). */
export type FeedParser = (response: FetchedResource, url: string) => Promise<PolledFeed>;

export interface PollOptions {
  /** Per-host politeness: every request of every poll goes through it. */
  limiter: RequestLimiter;
  /** Budget for one fetch (redirects and body included). Default 20 000 ms. */
  timeoutMs?: number;
  /** Largest body accepted. Default 10 MiB. */
  maxBytes?: number;
  /** Consecutive failures after which the source is disabled. Default 10. */
  disableAfterFailures?: number;
  /**
   * Called once when a source is disabled, with why; the caller tells the destinations of its story. The
   * source is disabled only after this resolves: if it throws, the source stays enabled (backing off) and
   * the next failing poll tries again, so a disabling is never silent.
   */
  onDisabled?: (source: SourceRecord, reason: string) => Promise<void>;
  /** Wait after the n-th consecutive failure: min(maxMs, baseMs · 2^(n-1)). Defaults 60 s and 6 h. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Decode + parse; default `parseFetchedFeed`. */
  parse?: FeedParser;
  /**
   * How the feed is fetched (given the conditional-request validators). Default `fetchResource` (trusted,
   * operator-configured sources); feeds added from chat are polled with `fetchGuarded` (src/sources/ssrf.ts).
   */
  fetch?: Fetcher;
}

export type PollStatus =
  /** Fetched and stored (possibly nothing new). */
  | 'updated'
  /** 304: nothing decoded, parsed or stored. */
  | 'not_modified'
  /** The fetch or the parse failed; backoff set (and the source maybe disabled). */
  | 'failed'
  /** Not fetched: backing off after failures until `retryAfter`. */
  | 'backoff'
  /** Not fetched: the source is disabled. */
  | 'disabled';

export interface PollResult {
  url: string;
  sourceId: string;
  status: PollStatus;
  /** The source's first successful fetch: items stored silently (known, never announced). */
  seeded: boolean;
  added: number;
  merged: number;
  duplicates: number;
  /** Items that could not be stored (the feed itself was read). */
  errors: string[];
  /** Documents added or merged into. */
  touched: number[];
  /** Why the fetch or parse failed (status `failed`), or the last error (skipped), else null. */
  error: string | null;
  /** Consecutive failures after this poll. */
  failures: number;
  /** No poll before this time (ISO), or null. */
  retryAfter: string | null;
  /** This poll disabled the source. */
  disabled: boolean;
  /** One line for logs and admins: what happened. */
  message: string;
}

const DEFAULT_DISABLE_AFTER = 10;
const DEFAULT_BACKOFF_BASE_MS = 60_000;
const DEFAULT_BACKOFF_MAX_MS = 6 * 60 * 60_000;

/**
 * The default parser: decode with the HTTP charset, refuse what is not a feed, read its items — in the
 * extraction pool's workers (src/pipeline/read-source.ts), the process's unless `extraction` is given.
 */
export async function parseFetchedFeed(response: FetchedResource, url: string, extraction: Extraction = sharedExtraction()): Promise<PolledFeed> {
  const { title, items } = await extraction.read({ from: 'poll', url, responseUrl: response.url, bytes: response.bytes, contentType: response.contentType });
  return { title, items };
}

/** How long to wait after the n-th consecutive failure. */
export function backoffDelay(failures: number, backoff: PollOptions['backoff'] = {}): number {
  const base = backoff.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const max = backoff.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
  return Math.min(max, base * 2 ** Math.max(0, failures - 1));
}

/** Polls of one store's sources in flight: a second poll of the same source joins the first. */
const inFlight = new WeakMap<Store, Map<string, Promise<PollResult>>>();

/**
 * Polls one subscribed feed: a conditional GET (the source's ETag/Last-Modified) through the host limiter;
 * a 304 costs no decoding or parsing. The first successful fetch seeds silently (items stored, not
 * announced); later ones are announced by the next digest. Failures back off exponentially; after
 * `disableAfterFailures` in a row the source is disabled and `onDisabled` is told why. Never throws for
 * a source that cannot be read: the result says what happened.
 */
export async function pollSource(app: AppContext, url: string, options: PollOptions): Promise<PollResult> {
  const source = await app.store.ensureSource({ kind: 'feed', url });
  let polls = inFlight.get(app.store);
  if (!polls) inFlight.set(app.store, (polls = new Map()));
  const running = polls.get(source.id);
  if (running) return running;
  const poll = pollOnce(app, source, options).finally(() => polls.delete(source.id));
  polls.set(source.id, poll);
  return poll;
}

async function pollOnce(app: AppContext, source: SourceRecord, options: PollOptions): Promise<PollResult> {
  const { url } = source;
  const result: PollResult = {
    url,
    sourceId: source.id,
    status: 'updated',
    seeded: false,
    added: 0,
    merged: 0,
    duplicates: 0,
    errors: [],
    touched: [],
    error: null,
    failures: source.failures,
    retryAfter: source.retryAfter,
    disabled: false,
    message: '',
  };
  if (!source.enabled) {
    return { ...result, status: 'disabled', error: source.lastError, message: `skipped: disabled${source.lastError ? ` (${source.lastError})` : ''}` };
  }
  if (source.retryAfter && Date.parse(source.retryAfter) > app.now().getTime()) {
    return {
      ...result,
      status: 'backoff',
      error: source.lastError,
      message: `skipped: backing off until ${source.retryAfter} after ${source.failures} failure${source.failures === 1 ? '' : 's'}${source.lastError ? ` (${source.lastError})` : ''}`,
    };
  }

  const seeding = source.lastSuccess === null;
  let fetched: FetchedResource;
  let feed: PolledFeed;
  try {
    fetched = await options.limiter.run(url, () =>
      (options.fetch ?? fetchResource)(url, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, etag: source.etag, lastModified: source.lastModified }),
    );
    if (fetched.notModified) {
      await app.store.recordSuccess(source.id, app.now(), { etag: fetched.etag, lastModified: fetched.lastModified });
      return { ...result, status: 'not_modified', failures: 0, retryAfter: null, message: 'not modified (304)' };
    }
    feed = await (options.parse ?? ((response, at) => parseFetchedFeed(response, at, extractionFor(app))))(fetched, url);
  } catch (error) {
    return failed(app, source, options, result, errorMessage(error));
  }

  if (feed.title) await app.store.setSourceTitle(source.id, feed.title);
  const stored = await storeItems(app, source.id, feed.items, { silent: seeding, refreshViews: false });
  // The success (which ends the source's seeding) is recorded as soon as its items are, before the views are
  // refreshed: a process killed in between would otherwise seed again on the next poll, silently storing an item
  // that arrived since. (A kill while the first fetch's items are being stored still seeds again: announcing the
  // rest of an old feed as news would be worse than missing an item that came in those seconds.)
  await app.store.recordSuccess(source.id, app.now(), { etag: fetched.etag, lastModified: fetched.lastModified });
  if (stored.added + stored.merged > 0) await refreshViews(app);
  const counts = `${stored.added} added, ${stored.merged} merged, ${stored.duplicates} known${stored.errors.length ? `, ${stored.errors.length} not stored` : ''}`;
  const message = seeding ? `first fetch, seeded silently: ${counts}` : counts;
  app.logger.info({ source: source.id, url, seeded: seeding, ...stored, touched: undefined, errors: stored.errors.length }, `polled: ${message}`);
  return { ...result, ...stored, seeded: seeding, failures: 0, retryAfter: null, message };
}

async function failed(app: AppContext, source: SourceRecord, options: PollOptions, result: PollResult, error: string): Promise<PollResult> {
  const failures = source.failures + 1;
  const retryAfter = new Date(app.now().getTime() + backoffDelay(failures, options.backoff));
  await app.store.recordFailure(source.id, app.now(), error, { retryAfter });
  const outcome: PollResult = {
    ...result,
    status: 'failed',
    error,
    failures,
    retryAfter: retryAfter.toISOString(),
    message: `failed (${failures} in a row): ${error}; next try after ${retryAfter.toISOString()}`,
  };
  const threshold = options.disableAfterFailures ?? DEFAULT_DISABLE_AFTER;
  if (failures < threshold) {
    app.logger.warn({ source: source.id, url: source.url, failures, retryAfter: outcome.retryAfter }, `poll failed: ${error}`);
    return outcome;
  }

  const reason = `disabled after ${failures} consecutive failures (last: ${error})`;
  const disabled: SourceRecord = { ...source, enabled: false, failures, lastError: reason, lastErrorAt: app.now().toISOString(), retryAfter: outcome.retryAfter };
  try {
    await options.onDisabled?.(disabled, reason);
  } catch (notifyError) {
    // Not disabled: the next failing poll (after the backoff) tries to report it again.
    app.logger.error({ source: source.id, err: notifyError }, `could not report the disabling of ${source.url}: ${errorMessage(notifyError)}`);
    return { ...outcome, message: `${outcome.message}; reached ${threshold} failures but could not report the disabling (${errorMessage(notifyError)}), so it stays enabled` };
  }
  await app.store.setSourceEnabled(source.id, false, reason);
  app.logger.warn({ source: source.id, url: source.url, failures }, reason);
  return { ...outcome, disabled: true, message: `${reason}; not polled again until re-enabled` };
}
