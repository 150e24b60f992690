/** The embedded store: one SQLite file (better-sqlite3, synchronous), every write one transaction. */
import type Database from 'better-sqlite3';
import Keyv from 'keyv';
import type { DocumentDraft, IngestOutcome } from '../../documents/types.ts';
import type { ExtractedEvent, ExtractedFigure } from '../../facts/types.ts';
import type { DocumentCopy, DraftFacts, DraftLookup, FactFilter, IngestPlan, ItemUpdatePlan, LearnedDocument, NearDuplicateCandidate, QuoteBound, SearchHit, SourceKind, SourceRecord, StaleKey, Store, StoredDocument, StoredEventRecord, StoredFigureRecord, UpdateItemOutcome, ViewName, ViewPageFilter, ViewRange, ViewRowWrite } from '../store.ts';
import * as queries from './queries.ts';
import * as views from './views.ts';
import { SqliteKeyvStore } from './keyv-adapter.ts';
import { fullKvKey, kvValue, updateKvValue } from '../shared/kv-update.ts';
import { openDatabase } from './database.ts';
import { earliest, SOURCE_COLUMNS, toCopy, toDocument, toSource, type CopyRow, type DocumentRow, type SourceRow } from '../shared/rows.ts';
import { sourceIdFor } from '../shared/source-id.ts';

export class SqliteStore implements Store {
  readonly kv: Keyv;
  readonly db: Database.Database;
  private readonly kvStore: SqliteKeyvStore;

  constructor(private readonly path: string) {
    this.db = openDatabase(path);
    this.kvStore = new SqliteKeyvStore(this.db);
    this.kv = new Keyv({ store: this.kvStore, namespace: 'cronista' });
  }

  get description(): string {
    return this.path;
  }

  /** A kv value read synchronously (start-up code that cannot await); undefined when absent or unreadable. */
  readKvSync<T>(key: string): T | undefined {
    try {
      return kvValue<T>(this.kv, this.kvStore.getSync(fullKvKey(this.kv, key)));
    } catch {
      return undefined;
    }
  }

  async updateKv<T>(key: string, edit: (current: T | undefined) => T | Promise<T>): Promise<T> {
    return updateKvValue(this.kv, { get: (rowKey) => this.kvStore.getSync(rowKey), compareAndSet: (...args) => this.kvStore.compareAndSet(...args) }, key, edit);
  }

  async ensureSource(input: { kind: SourceKind; url: string; title?: string | null }): Promise<SourceRecord> {
    const existing = await this.getSource(input.url);
    if (existing) return existing;
    const taken = (id: string) => this.db.prepare('SELECT 1 FROM sources WHERE id = ?').get(id) !== undefined;
    const id = sourceIdFor(input.kind, input.url, taken);
    this.db
      .prepare('INSERT INTO sources (id, kind, url, title, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, input.kind, input.url, input.title ?? null, new Date().toISOString());
    return (await this.getSource(id))!;
  }

  async getSource(idOrUrl: string): Promise<SourceRecord | null> {
    const row = this.db
      .prepare<[string, string], SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ? OR s.url = ?`)
      .get(idOrUrl, idOrUrl);
    return row ? toSource(row) : null;
  }

  async listSources(): Promise<SourceRecord[]> {
    return this.db.prepare<[], SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s ORDER BY s.created_at, s.id`).all().map(toSource);
  }

  async recordSuccess(sourceId: string, at: Date, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<void> {
    this.db
      .prepare(
        `UPDATE sources SET last_success = ?, failures = 0, retry_after = NULL,
           etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?`,
      )
      .run(at.toISOString(), validators.etag ?? null, validators.lastModified ?? null, sourceId);
  }

  async recordFailure(sourceId: string, at: Date, error: string, options: { retryAfter?: Date | null } = {}): Promise<void> {
    this.db
      .prepare('UPDATE sources SET last_error = ?, last_error_at = ?, failures = failures + 1, retry_after = ? WHERE id = ?')
      .run(error, at.toISOString(), options.retryAfter?.toISOString() ?? null, sourceId);
  }

  async setSourceEnabled(sourceId: string, enabled: boolean, reason?: string): Promise<void> {
    if (enabled) this.db.prepare('UPDATE sources SET enabled = 1, failures = 0, retry_after = NULL WHERE id = ?').run(sourceId);
    else this.db.prepare('UPDATE sources SET enabled = 0, last_error = COALESCE(?, last_error) WHERE id = ?').run(reason ?? null, sourceId);
  }

  async setSourceTitle(sourceId: string, title: string): Promise<void> {
    this.db.prepare('UPDATE sources SET title = COALESCE(title, ?) WHERE id = ?').run(title, sourceId);
  }

  async lookupDraft(sourceId: string, key: string, contentHash: string): Promise<DraftLookup> {
    // The sequence first: a copy another process commits between these reads is then after it (IngestPlan.basedOn).
    const sequence = this.latestCopy()?.id ?? 0;
    const known = this.db.prepare<[string, string], { document_id: number }>('SELECT document_id FROM copies WHERE source_id = ? AND item_key = ?').get(sourceId, key);
    const same = this.db.prepare<[string], { id: number }>('SELECT id FROM documents WHERE content_hash = ?').get(contentHash);
    return { knownItem: known?.document_id ?? null, sameText: same?.id ?? null, sequence };
  }

  async nearDuplicateCandidates(hashes: readonly number[], limit: number): Promise<{ sequence: number; candidates: NearDuplicateCandidate[] }> {
    // The sequence first, as in lookupDraft.
    const sequence = this.latestCopy()?.id ?? 0;
    if (hashes.length === 0) return { sequence, candidates: [] };
    const candidates = this.db
      .prepare<[string, number], NearDuplicateCandidate>(
        `SELECT document_id AS documentId, COUNT(*) AS sharedSentences,
                (SELECT COUNT(*) FROM sentence_hashes s2 WHERE s2.document_id = sentence_hashes.document_id) AS sentences,
                (SELECT text FROM documents d WHERE d.id = sentence_hashes.document_id) AS text
           FROM sentence_hashes WHERE hash IN (SELECT value FROM json_each(?))
          GROUP BY document_id ORDER BY sharedSentences DESC LIMIT ?`,
      )
      .all(JSON.stringify(hashes), limit)
      .filter((candidate) => candidate.text !== null);
    return { sequence, candidates };
  }

  async ingest(sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, options: { silent?: boolean } = {}): Promise<IngestOutcome> {
    const silent = options.silent === true;
    // BEGIN IMMEDIATE: the write lock from the first read, so the re-checks below are exact against other processes too.
    return this.db.transaction((): IngestOutcome => {
      const known = this.db
        .prepare<[string, string], { document_id: number }>('SELECT document_id FROM copies WHERE source_id = ? AND item_key = ?')
        .get(sourceId, draft.key);
      if (known) return { status: 'duplicate', documentId: known.document_id };

      const sameHash = this.db
        .prepare<[string], { id: number }>('SELECT id FROM documents WHERE content_hash = ?')
        .get(draft.contentHash);
      if (!sameHash && plan.basedOn !== null && this.sharesSentencesWithNewer(plan.sentenceHashes, plan.basedOn)) return { status: 'replan' };
      const copyOf = sameHash ? null : (plan.copyOf ?? null);
      const documentId = sameHash?.id ?? copyOf?.documentId ?? null;
      if (documentId !== null) {
        const alreadyFromSource = this.db
          .prepare('SELECT 1 FROM copies WHERE source_id = ? AND document_id = ?')
          .get(sourceId, documentId);
        if (copyOf?.replaceText) {
          // The new copy is the fuller text (the whole article around a teaser or wire copy): the document
          // takes it, and its facts, stored with the copy so that they count as learned with it.
          this.db.prepare('UPDATE documents SET text = ?, content_hash = ? WHERE id = ?').run(draft.text, draft.contentHash, documentId);
          this.indexSentences(documentId, plan.sentenceHashes);
        }
        this.insertCopy(documentId, sourceId, draft, at, silent);
        this.db
          .prepare('UPDATE documents SET published = ? WHERE id = ?')
          .run(earliest(this.documentPublished(documentId), draft.published), documentId);
        if (copyOf?.replaceText) this.storeFacts(documentId, plan.facts, at);
        return { status: alreadyFromSource ? 'duplicate' : 'merged', documentId };
      }

      const inserted = this.db
        .prepare('INSERT INTO documents (title, text, published, language, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(draft.title, draft.text, draft.published, draft.language, draft.contentHash, at.toISOString());
      const newId = Number(inserted.lastInsertRowid);
      this.indexSentences(newId, plan.sentenceHashes);
      this.insertCopy(newId, sourceId, draft, at, silent);
      this.storeFacts(newId, plan.facts, at);
      return { status: 'added', documentId: newId };
    }).immediate();
  }

  async updateItem(sourceId: string, draft: DocumentDraft, at: Date, plan: ItemUpdatePlan): Promise<UpdateItemOutcome> {
    return this.db.transaction((): UpdateItemOutcome => {
      const copy = this.db
        .prepare<[string, string], { id: number; document_id: number }>('SELECT id, document_id FROM copies WHERE source_id = ? AND item_key = ?')
        .get(sourceId, draft.key);
      if (!copy) return { status: 'missing', documentId: null };
      const documentId = copy.document_id;
      this.db.prepare('UPDATE copies SET title = ?, url = ?, outlet = ? WHERE id = ?').run(draft.title, draft.url, draft.outlet ?? null, copy.id);
      const current = this.db.prepare<[number], { content_hash: string }>('SELECT content_hash FROM documents WHERE id = ?').get(documentId);
      if (current?.content_hash === draft.contentHash) return { status: 'unchanged', documentId };
      const shared = this.db.prepare('SELECT 1 FROM copies WHERE document_id = ? AND id != ? LIMIT 1').get(documentId, copy.id) !== undefined;
      const taken = this.db.prepare('SELECT 1 FROM documents WHERE content_hash = ? AND id != ?').get(draft.contentHash, documentId) !== undefined;
      if (shared || taken) return { status: 'kept', documentId };
      this.db
        .prepare('UPDATE documents SET title = ?, text = ?, language = ?, content_hash = ? WHERE id = ?')
        .run(draft.title, draft.text, draft.language, draft.contentHash, documentId);
      this.db.prepare('DELETE FROM sentence_hashes WHERE document_id = ?').run(documentId);
      this.indexSentences(documentId, plan.sentenceHashes);
      this.storeFacts(documentId, plan.facts, at);
      return { status: 'updated', documentId };
    }).immediate();
  }

  /** A document that gained a copy after `sequence` shares one of these sentence fingerprints (see IngestPlan.basedOn). */
  private sharesSentencesWithNewer(hashes: readonly number[], sequence: number): boolean {
    if (hashes.length === 0) return false;
    return this.db
      .prepare(
        `SELECT 1 FROM sentence_hashes sh WHERE sh.hash IN (SELECT value FROM json_each(?))
            AND EXISTS (SELECT 1 FROM copies c WHERE c.document_id = sh.document_id AND c.id > ?) LIMIT 1`,
      )
      .get(JSON.stringify(hashes), sequence) !== undefined;
  }

  private storeFacts(documentId: number, facts: DraftFacts | null | undefined, at: Date): void {
    if (!facts) return;
    queries.replaceFacts(this.db, documentId, facts.story, { figures: facts.figures, events: facts.events }, at);
  }

  private indexSentences(documentId: number, hashes: readonly number[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO sentence_hashes (hash, document_id) VALUES (?, ?)');
    for (const hash of hashes) insert.run(hash, documentId);
  }

  private insertCopy(documentId: number, sourceId: string, draft: DocumentDraft, at: Date, silent: boolean): void {
    this.db
      .prepare(
        `INSERT INTO copies (document_id, source_id, item_key, url, title, published, outlet, ingested_at, silent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(documentId, sourceId, draft.key, draft.url, draft.title, draft.published, draft.outlet ?? null, at.toISOString(), silent ? 1 : 0);
  }

  private documentPublished(documentId: number): string | null {
    return this.db.prepare<[number], { published: string | null }>('SELECT published FROM documents WHERE id = ?').get(documentId)?.published ?? null;
  }

  async replaceFacts(documentId: number, story: string | null, extracted: { figures: ExtractedFigure[]; events: ExtractedEvent[] }, at: Date): Promise<void> {
    queries.replaceFacts(this.db, documentId, story, extracted, at);
  }

  async listFigures(filter?: FactFilter): Promise<StoredFigureRecord[]> {
    return queries.listFigures(this.db, filter);
  }

  async listEvents(filter?: FactFilter): Promise<StoredEventRecord[]> {
    return queries.listEvents(this.db, filter);
  }

  async eventQuotes(filter?: FactFilter, bound?: QuoteBound): Promise<string[]> {
    return queries.factQuotes(this.db, 'events', filter, bound);
  }

  async figureQuotes(filter?: FactFilter, bound?: QuoteBound): Promise<string[]> {
    return queries.factQuotes(this.db, 'figures', filter, bound);
  }

  async factsVersion(): Promise<string> {
    // Moved by triggers on figures, events, documents and copies (migration 5), in whichever process wrote them.
    return String(this.db.prepare<[], { n: number }>('SELECT n FROM facts_version WHERE id = 1').get()?.n ?? 0);
  }

  async learnedSequence(): Promise<{ sequence: number; at: string | null }> {
    const row = this.latestCopy();
    return { sequence: row?.id ?? 0, at: row?.ingested_at ?? null };
  }

  private latestCopy(): { id: number; ingested_at: string } | undefined {
    return this.db.prepare<[], { id: number; ingested_at: string }>('SELECT id, ingested_at FROM copies ORDER BY id DESC LIMIT 1').get();
  }

  async sequenceWindow(after: number, limit: number): Promise<{ sequence: number; at: string | null }> {
    const capped = this.db
      .prepare<[number, number], { id: number; ingested_at: string }>('SELECT id, ingested_at FROM copies WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?')
      .get(after, Math.max(0, limit - 1));
    return capped ? { sequence: capped.id, at: capped.ingested_at } : this.learnedSequence();
  }

  async documentsLearnedAfter(after: number, upTo: number): Promise<LearnedDocument[]> {
    const documents = this.db
      .prepare<[number, number], DocumentRow & { first_learned: number; seeded: number }>(
        `SELECT d.id, d.title, d.text, d.published, d.language, d.created_at,
                (SELECT MIN(id) FROM copies WHERE document_id = d.id) AS first_learned,
                ${queries.SEEDED_SQL('d.id')} AS seeded
           FROM documents d WHERE d.id IN (SELECT document_id FROM copies WHERE id > ? AND id <= ?)
          ORDER BY first_learned`,
      )
      .all(after, upTo);
    const copies = this.db.prepare<[string], CopyRow & { source_title: string | null }>(
      `SELECT c.*, s.title AS source_title FROM copies c JOIN sources s ON s.id = c.source_id
        WHERE c.document_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    ).all(JSON.stringify(documents.map((d) => d.id)));
    return documents.map((row) => ({
      ...toDocument(row),
      firstLearned: row.first_learned,
      seeded: row.seeded === 1,
      copies: copies
        .filter((copy) => copy.document_id === row.id)
        .map((copy) => ({ ...toCopy(copy), sequence: copy.id, sourceName: copy.outlet ?? copy.source_title ?? copy.source_id })),
    }));
  }

  async staleViewKeys(view: ViewName, story: string, limit: number): Promise<StaleKey[]> {
    return views.staleViewKeys(this.db, view, story, limit);
  }

  async saveViewRows(view: ViewName, story: string, rows: readonly ViewRowWrite[], answered: readonly StaleKey[]): Promise<void> {
    views.saveViewRows(this.db, view, story, rows, answered);
  }

  async viewRows(view: ViewName, story: string, range?: ViewRange): Promise<{ rows: { key: string; value: string }[] }> {
    return views.viewRows(this.db, view, story, range);
  }

  async viewPage(view: ViewName, story: string, filter: ViewPageFilter, page: { offset: number; limit: number | null }): Promise<{ rows: { key: string; value: string }[]; total: number }> {
    return views.viewPage(this.db, view, story, filter, page);
  }

  async viewStamp(view: ViewName, story: string): Promise<string | null> {
    return views.viewStamp(this.db, view, story);
  }

  async resetView(view: ViewName, story: string, stamp: string): Promise<number> {
    return views.resetView(this.db, view, story, stamp);
  }

  async searchDocuments(query: string, limit: number): Promise<SearchHit[]> {
    return queries.searchDocuments(this.db, query, limit);
  }

  async countDocuments(): Promise<number> {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM documents').get()!.n;
  }

  async getDocument(id: number): Promise<StoredDocument | null> {
    const row = this.db.prepare<[number], DocumentRow>('SELECT id, title, text, published, language, created_at FROM documents WHERE id = ?').get(id);
    return row ? toDocument(row) : null;
  }

  async copiesOf(documentId: number): Promise<DocumentCopy[]> {
    return this.db.prepare<[number], CopyRow>('SELECT * FROM copies WHERE document_id = ? ORDER BY id').all(documentId).map(toCopy);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
