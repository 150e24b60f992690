import type Keyv from 'keyv';
import type { DocumentDraft, IngestOutcome } from '../documents/types.ts';
import type { ExtractedEvent, ExtractedFigure, FigureKind, Scope } from '../facts/types.ts';
import type { FactSource } from '../timeline/types.ts';

export type { FactSource };

export type SourceKind = 'feed' | 'file' | 'page' | 'telegram';

export interface SourceRecord {
  id: string;
  kind: SourceKind;
  url: string;
  title: string | null;
  createdAt: string;
  lastSuccess: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  enabled: boolean;
  etag: string | null;
  lastModified: string | null;
  /** Backing off after failures: no poll before this time (ISO), or null. */
  retryAfter: string | null;
  /** How many documents this source holds (its own and those it shares with other sources). */
  documents: number;
}

export interface StoredDocument {
  id: number;
  title: string | null;
  text: string;
  published: string | null;
  language: string | null;
  createdAt: string;
}

/** A document as one source carried it. */
export interface DocumentCopy {
  id: number;
  documentId: number;
  sourceId: string;
  url: string | null;
  title: string | null;
  published: string | null;
  outlet: string | null;
  ingestedAt: string;
  /** Stored without being announced (a subscribed feed's first fetch seeds silently). */
  silent?: boolean;
}

export interface StoredFigureRecord extends ExtractedFigure {
  id: number;
  documentId: number;
  story: string | null;
  /** When Cronista learned it: the sequence number of its document's first copy (see `learnedSequence`). */
  learned: number;
  /**
   * Its document's first copy was stored silently (a subscribed feed's first fetch): the fact counts as
   * already known to every digest, whatever its cursor. `learned` keeps its meaning.
   */
  seeded?: boolean;
  /** Every copy of the document, first ingested first. */
  sources: FactSource[];
}

export interface StoredEventRecord extends ExtractedEvent {
  id: number;
  documentId: number;
  story: string | null;
  learned: number;
  /** As on figures: first copy stored silently, so already known. */
  seeded?: boolean;
  sources: FactSource[];
}

export interface LearnedDocument extends StoredDocument {
  /** Sequence number of the document's first copy: at or below a cursor means it was already known. */
  firstLearned: number;
  /** The first copy was stored silently: the document is known, never a new story. */
  seeded?: boolean;
  copies: (DocumentCopy & { sequence: number; sourceName: string })[];
}

export interface SearchHit {
  documentId: number;
  title: string | null;
  published: string | null;
  /** The matching passage, with the matched words between « and ». */
  snippet: string;
  sources: FactSource[];
}

export type UpdateItemOutcome =
  | { status: 'missing'; documentId: null }
  | { status: 'updated' | 'unchanged' | 'kept'; documentId: number };

/** What was extracted from a draft's text: stored with the document whenever it takes that text. */
export interface DraftFacts {
  story: string | null;
  figures: ExtractedFigure[];
  events: ExtractedEvent[];
}

/**
 * What the pipeline decided about a draft before the store's transaction (src/pipeline/store-draft.ts):
 * the near-duplicate policy and extraction run there; the store only stores.
 */
export interface IngestPlan {
  /** The draft's sentence fingerprints, kept for later near-duplicate look-ups (`nearDuplicateCandidates`). */
  sentenceHashes: readonly number[];
  /** A stored document this draft is a copy of; `replaceText`: the draft is its fuller text (the document takes it). */
  copyOf?: { documentId: number; replaceText: boolean } | null;
  /** The facts of the draft's text, when the document takes this text (a new document, or `replaceText`). */
  facts?: DraftFacts | null;
  /**
   * The learned sequence read before planning (`learnedSequence`). When a document that gained a copy after it shares
   * any of `sentenceHashes` and the store holds no document with exactly the draft's text, `ingest` stores nothing and
   * answers `replan`: another writer stored a possible near duplicate meanwhile. `null`: store as planned regardless.
   */
  basedOn: number | null;
}

/** What `updateItem` stores with a changed item: its fingerprints and the facts of its new text. */
export type ItemUpdatePlan = Omit<IngestPlan, 'copyOf' | 'basedOn'>;

/**
 * Where a draft stands before any judgement (`lookupDraft`), with the learned sequence read no later than the rest:
 * what a plan made on this answer is based on (`IngestPlan.basedOn`).
 */
export interface DraftLookup {
  /**
   * The document this source's item is already a copy of. A stored copy is never deleted nor moved to another document,
   * so this answer, once given, stays true (the pipeline reuses an earlier one: src/pipeline/store-draft.ts).
   */
  knownItem: number | null;
  /** A document with exactly the draft's text (a document's text may change later: a fuller text, an edited post). */
  sameText: number | null;
  sequence: number;
}

/** A stored document sharing sentences with a draft (`sharedSentences` of its `sentences`). */
export interface NearDuplicateCandidate {
  documentId: number;
  sharedSentences: number;
  sentences: number;
  text: string;
}

export interface FactFilter {
  /** These facts only (figure or event ids; an empty list selects none). */
  ids?: readonly number[];
  story?: string | null;
  kinds?: readonly FigureKind[];
  from?: string;
  to?: string;
  /** Figures of these as-of days only (or events of these dates). */
  dates?: readonly string[];
  /** Figures of these scopes only. */
  scopes?: readonly Scope[];
  /** Figures about this region: located in it, or a breakdown giving its share. */
  region?: string;
  /** Figures that may go by region: a breakdown by region, or a cumulative count with a region or a place. */
  regional?: boolean;
  /** Facts not yet known at this learned sequence: learned after it and not seeded (see `knownAt`). */
  unknownAt?: number;
  /** Facts known at this learned sequence: learned at or before it, or seeded (the others of `unknownAt`). */
  knownAt?: number;
  /** Facts learned at or before this sequence. */
  learnedUpTo?: number;
  /** Facts learned after this sequence (seeded or not). */
  learnedAfter?: number;
  /** Facts whose date (a figure's as-of day, an event's date) falls in one of these months (YYYY-MM). */
  months?: readonly string[];
}

/** How many quotes a quote read keeps: at most `perDate` per date (as-of day, event date), the most recently learned facts'. */
export interface QuoteBound {
  perDate: number;
}

/** Views derived from the facts and kept in the store (src/timeline/ computes their rows; the store keeps them). */
export type ViewName = 'deaths' | 'timeline';

/** Which rows of a view to read: these keys, and/or keys from `from` to `to` (inclusive, byte order). */
export interface ViewRange {
  keys?: readonly string[];
  from?: string;
  to?: string;
}

/**
 * What a view row is paged and filtered by in SQL (`viewPage`), saved with the row. The timeline's merged events
 * (src/timeline/timeline-view.ts computes it): `sort` their timeline order, `firstDay`/`lastDay` the days they cover,
 * `places` their places and `words` their searchable text, both normalized (`normalizeName`).
 */
export interface ViewRowIndex {
  sort: string;
  firstDay: string;
  lastDay: string;
  places: readonly string[];
  words: string;
}

/** A row of a view to save: a null value deletes it; `index` makes it one `viewPage` can select. */
export interface ViewRowWrite {
  key: string;
  value: string | null;
  index?: ViewRowIndex;
}

/**
 * Which indexed rows `viewPage` selects: those covering a day from `from` to `to` (inclusive, compared as text, so
 * YYYY-MM means the month's start), naming `place` (one of `places`, exactly), and whose `words` hold every one
 * of `words` (as substrings).
 */
export interface ViewPageFilter {
  from?: string;
  to?: string;
  place?: string;
  words?: readonly string[];
}

/** A key of a view that writes made stale; `mark` tells a later change of the same key from this one. */
export interface StaleKey {
  key: string;
  mark: number;
}

/**
 * Everything Cronista keeps. The SQLite implementation is the embedded default; a Postgres one
 * serves the same methods. Every write is one transaction: a crash leaves no half-written document.
 */
export interface Store {
  /** Where the data lives, as it may be shown to people: a file path, or a server URL without its password. */
  readonly description: string;
  /** Settings and state (cursors, chat overrides) behind keyv's get/set/delete. */
  readonly kv: Keyv;
  /**
   * Applies `edit` to the kv value under `key` atomically, also against other processes sharing the
   * store (compare-and-set: when the value changed while `edit` ran, `edit` runs again on the newer one).
   * An edit that throws stores nothing. Returns the value stored. Every read-modify-write of shared
   * settings (configuration and story overrides) goes through here, never through get-then-set.
   */
  updateKv<T>(key: string, edit: (current: T | undefined) => T | Promise<T>): Promise<T>;
  /**
   * A kv value read synchronously, for start-up code that cannot wait (openApp applies the story
   * additions made from chat before it returns). Stores that cannot read synchronously leave it out.
   */
  readKvSync?<T>(key: string): T | undefined;
  ensureSource(input: { kind: SourceKind; url: string; title?: string | null }): Promise<SourceRecord>;
  getSource(idOrUrl: string): Promise<SourceRecord | null>;
  listSources(): Promise<SourceRecord[]>;
  /** A read that worked: resets the failure count and any backoff; keeps the validators given. */
  recordSuccess(sourceId: string, at: Date, validators?: { etag?: string | null; lastModified?: string | null }): Promise<void>;
  /** A read that failed; `retryAfter` sets when the source may be tried again (backoff). */
  recordFailure(sourceId: string, at: Date, error: string, options?: { retryAfter?: Date | null }): Promise<void>;
  /**
   * Stop (false) or resume (true) polling a source. Stopping with a `reason` makes it the source's last
   * error, so /sources says why; resuming clears the failure count and backoff.
   */
  setSourceEnabled(sourceId: string, enabled: boolean, reason?: string): Promise<void>;
  /** Fill in a source's title when it has none (a feed's title is known only once it was read). */
  setSourceTitle(sourceId: string, title: string): Promise<void>;
  /** Where a draft stands before any judgement: its own item already stored (document id), a document with exactly its text. */
  lookupDraft(sourceId: string, key: string, contentHash: string): Promise<DraftLookup>;
  /**
   * Stored documents sharing the most of these sentence fingerprints, most shared first, at most `limit`; with the
   * learned sequence read no later than them (the plan's `basedOn`: one round trip where a separate `learnedSequence`
   * took another).
   */
  nearDuplicateCandidates(hashes: readonly number[], limit: number): Promise<{ sequence: number; candidates: NearDuplicateCandidate[] }>;
  /**
   * Store one item as planned (src/pipeline/store-draft.ts): new document, a known item again, or a copy
   * merged into an existing document (same text, or `plan.copyOf`). `plan.facts` are stored in the same
   * transaction whenever the stored text becomes this draft's, so a document is never without the facts of
   * its text. `silent`: the copy is stored but not announced (a document whose first copy is silent is
   * `seeded`: known, never news). `replan`: see `IngestPlan.basedOn`.
   */
  ingest(sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, options?: { silent?: boolean }): Promise<IngestOutcome>;
  /**
   * A known item changed at its source (an edited channel post): its copy takes the new title/URL, and
   * the document the new text, language and facts (`plan.facts`, same transaction) when this source is its
   * only one. `missing`: no such item (store it with `ingest`); `kept`: the document is shared with
   * other sources, or its new text is another document's, so only the copy changed.
   */
  updateItem(sourceId: string, draft: DocumentDraft, at: Date, plan: ItemUpdatePlan): Promise<UpdateItemOutcome>;
  /** Replace what was extracted from a document (its text changed, or extraction improved). */
  replaceFacts(documentId: number, story: string | null, facts: { figures: ExtractedFigure[]; events: ExtractedEvent[] }, at: Date): Promise<void>;
  listFigures(filter?: FactFilter): Promise<StoredFigureRecord[]>;
  listEvents(filter?: FactFilter): Promise<StoredEventRecord[]>;
  /**
   * The quotes of the events `filter` selects, in listEvents' order, without the rest of their records (a digest's known
   * sentences); with `bound`, only the most recently learned ones of each date (see `QuoteBound`).
   */
  eventQuotes(filter?: FactFilter, bound?: QuoteBound): Promise<string[]>;
  /** The quotes of the figures `filter` selects, in listFigures' order; with `bound`, as eventQuotes (dates: as-of days). */
  figureQuotes(filter?: FactFilter, bound?: QuoteBound): Promise<string[]>;
  /**
   * What Cronista has learned so far, as a sequence number that only grows (the last copy stored) and
   * the time it was learned. Digests keep the number they reached as their cursor.
   */
  learnedSequence(): Promise<{ sequence: number; at: string | null }>;
  /**
   * Where a digest that starts after `after` should stop: the latest sequence, or the `limit`-th copy
   * after `after` when more arrived (a burst is then covered by the following digests, in order).
   */
  sequenceWindow(after: number, limit: number): Promise<{ sequence: number; at: string | null }>;
  /** Documents that gained a copy in (`after`, `upTo`], with all their copies and when each was learned. */
  documentsLearnedAfter(after: number, upTo: number): Promise<LearnedDocument[]>;
  /**
   * Changes whenever the stored events, figures, documents or copies change, and only then (a poll that stores nothing,
   * a digest cursor or outbox write leave it): a key for caching what is derived from them.
   */
  factsVersion(): Promise<string>;
  /**
   * Keys of a story's view that writes made stale since their rows were saved: every write that changes what a row
   * is derived from marks its key in the write's own transaction, so a view is never silently out of date.
   */
  staleViewKeys(view: ViewName, story: string, limit: number): Promise<StaleKey[]>;
  /**
   * Saves recomputed rows of a view (a null value deletes the row) and clears the stale marks they answer, in one
   * transaction; a mark moved by a write made meanwhile stays, so the next refresh takes that write in.
   */
  saveViewRows(view: ViewName, story: string, rows: readonly ViewRowWrite[], answered: readonly StaleKey[]): Promise<void>;
  /** A story's rows of a view, by key (ascending); all of them, or those `range` selects. */
  viewRows(view: ViewName, story: string, range?: ViewRange): Promise<{ rows: { key: string; value: string }[] }>;
  /**
   * One page of the indexed rows `filter` selects, in `sort` order (ties by key): `limit` rows (null: all) from
   * `offset` on, and how many rows it selects in all (read in the same snapshot).
   */
  viewPage(view: ViewName, story: string, filter: ViewPageFilter, page: { offset: number; limit: number | null }): Promise<{ rows: { key: string; value: string }[]; total: number }>;
  /** The stamp of the settings a story's rows of a view were computed under (see `resetView`), or null. */
  viewStamp(view: ViewName, story: string): Promise<string | null>;
  /**
   * Marks every key of a story's view stale and records the stamp of the settings the next rows are computed under
   * (after a rule change, `cronista reindex`, or an edit of the story). Returns how many keys. The keys: the deaths
   * view's as-of days of death figures (and its rows' keys); the timeline view's months (YYYY-MM) of events.
   */
  resetView(view: ViewName, story: string, stamp: string): Promise<number>;
  /** Full-text search over titles and texts, best match first. */
  searchDocuments(query: string, limit: number): Promise<SearchHit[]>;
  countDocuments(): Promise<number>;
  getDocument(id: number): Promise<StoredDocument | null>;
  copiesOf(documentId: number): Promise<DocumentCopy[]>;
  close(): Promise<void>;
}
