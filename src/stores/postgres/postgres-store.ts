/**
 * The Store on a PostgreSQL server (pg), for several Cronista processes sharing one database. Constructed
 * synchronously (the composition root is sync): the pool is made at once and `ready` connects and migrates; every
 * method awaits it. `PostgresStore.open` awaits it too and throws its one-line error. Ingest is in ingest.ts (the
 * learned order), facts in queries.ts, views in views.ts, search in search.ts, kv in keyv-adapter.ts.
 */
import Keyv from 'keyv';
import type pg from 'pg';
import type { DocumentDraft, IngestOutcome } from '../../documents/types.ts';
import type { ExtractedEvent, ExtractedFigure } from '../../facts/types.ts';
import type { DocumentCopy, DraftLookup, FactFilter, IngestPlan, ItemUpdatePlan, LearnedDocument, NearDuplicateCandidate, QuoteBound, SearchHit, SourceKind, SourceRecord, StaleKey, Store, StoredDocument, StoredEventRecord, StoredFigureRecord, UpdateItemOutcome, ViewName, ViewPageFilter, ViewRange, ViewRowWrite } from '../store.ts';
import { CronistaError } from '../../core/errors.ts';
import { SOURCE_COLUMNS, toCopy, toDocument, toSource, type CopyRow, type DocumentRow, type SourceRow } from '../shared/rows.ts';
import { sourceIdFor } from '../shared/source-id.ts';
import { connectionError, createPool, describeUrl, inTransaction, reasonOf } from './connection.ts';
import { migrate } from './migrations.ts';
import { PostgresKeyvStore } from './keyv-adapter.ts';
import { updateKvValue } from '../shared/kv-update.ts';
import * as ingesting from './ingest.ts';
import * as queries from './queries.ts';
import * as views from './views.ts';
import { searchDocuments } from './search.ts';
import { FactsVersionWatch } from './facts-version.ts';

/** Attempts at a source id when other processes keep taking the one chosen. */
const MAX_SOURCE_ID_ATTEMPTS = 10;

/** View rows written (see PostgresStore.saveViewRows) after which the view tables are analyzed again. */
const ANALYZE_AFTER_VIEW_ROWS = 50_000;

export class PostgresStore implements Store {
  readonly kv: Keyv;
  /** Resolves once connected and migrated; rejects with the one-line error every method then throws. */
  readonly ready: Promise<void>;
  private readonly pool: pg.Pool;
  private readonly kvStore: PostgresKeyvStore;
  private readonly factsVersionWatch: FactsVersionWatch;
  private closing: Promise<void> | null = null;
  /** View rows this process wrote since it last analyzed the view tables (see saveViewRows). */
  private viewRowsWritten = 0;

  constructor(private readonly url: string) {
    this.pool = createPool(url);
    this.ready = this.prepare();
    // Whoever uses the store sees the failure; an unused store must not crash the process with it.
    this.ready.catch(() => {});
    this.kvStore = new PostgresKeyvStore(this.pool, this.ready);
    this.kv = new Keyv({ store: this.kvStore, namespace: 'cronista' });
    this.factsVersionWatch = new FactsVersionWatch(url, () => this.readFactsVersion());
  }

  /** A store that is connected and migrated, or a one-line CronistaError (`<url>: cannot connect: <reason>`). */
  static async open(url: string): Promise<PostgresStore> {
    const store = new PostgresStore(url);
    try {
      await store.ready;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** The database as it may be shown (no password, no query string). */
  get description(): string {
    return describeUrl(this.url);
  }

  private async prepare(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw connectionError(this.url, error);
    }
    try {
      await migrate(client, this.url);
    } catch (error) {
      if (error instanceof CronistaError) throw error;
      throw new CronistaError(`${describeUrl(this.url)}: cannot apply the schema: ${reasonOf(error, this.url)}`, { cause: error });
    } finally {
      client.release();
    }
  }

  /** The pool, once the schema is there. */
  private async sql(): Promise<pg.Pool> {
    await this.ready;
    return this.pool;
  }

  async updateKv<T>(key: string, edit: (current: T | undefined) => T | Promise<T>): Promise<T> {
    return updateKvValue(this.kv, { get: (rowKey) => this.kvStore.getRaw(rowKey), compareAndSet: (...args) => this.kvStore.compareAndSet(...args) }, key, edit);
  }

  async ensureSource(input: { kind: SourceKind; url: string; title?: string | null }): Promise<SourceRecord> {
    const sql = await this.sql();
    for (let attempt = 1; ; attempt++) {
      const existing = await this.sourceByUrl(input.url);
      if (existing) return existing;
      const { rows } = await sql.query<{ id: string }>('SELECT id FROM sources');
      const taken = new Set(rows.map((row) => row.id));
      const id = sourceIdFor(input.kind, input.url, (candidate) => taken.has(candidate));
      // Another process may add the same URL (then it is that source) or take the id (then choose again).
      await sql.query('INSERT INTO sources (id, kind, url, title, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        id, input.kind, input.url, input.title ?? null, new Date().toISOString(),
      ]);
      if (attempt >= MAX_SOURCE_ID_ATTEMPTS) {
        const stored = await this.sourceByUrl(input.url);
        if (stored) return stored;
        throw new CronistaError(`${input.url}: no free source id after ${attempt} attempts`);
      }
    }
  }

  private async sourceByUrl(url: string): Promise<SourceRecord | null> {
    const { rows } = await (await this.sql()).query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.url = $1`, [url]);
    return rows[0] ? toSource(rows[0]) : null;
  }

  async getSource(idOrUrl: string): Promise<SourceRecord | null> {
    const { rows } = await (await this.sql()).query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = $1 OR s.url = $1 ORDER BY s.id = $1 DESC LIMIT 1`, [idOrUrl]);
    return rows[0] ? toSource(rows[0]) : null;
  }

  async listSources(): Promise<SourceRecord[]> {
    const { rows } = await (await this.sql()).query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources s ORDER BY s.created_at, s.id`);
    return rows.map(toSource);
  }

  async recordSuccess(sourceId: string, at: Date, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<void> {
    await (await this.sql()).query(
      `UPDATE sources SET last_success = $1, failures = 0, retry_after = NULL,
         etag = COALESCE($2, etag), last_modified = COALESCE($3, last_modified) WHERE id = $4`,
      [at.toISOString(), validators.etag ?? null, validators.lastModified ?? null, sourceId],
    );
  }

  async recordFailure(sourceId: string, at: Date, error: string, options: { retryAfter?: Date | null } = {}): Promise<void> {
    await (await this.sql()).query('UPDATE sources SET last_error = $1, last_error_at = $2, failures = failures + 1, retry_after = $3 WHERE id = $4', [
      error, at.toISOString(), options.retryAfter?.toISOString() ?? null, sourceId,
    ]);
  }

  async setSourceEnabled(sourceId: string, enabled: boolean, reason?: string): Promise<void> {
    const sql = await this.sql();
    if (enabled) await sql.query('UPDATE sources SET enabled = true, failures = 0, retry_after = NULL WHERE id = $1', [sourceId]);
    else await sql.query('UPDATE sources SET enabled = false, last_error = COALESCE($1, last_error) WHERE id = $2', [reason ?? null, sourceId]);
  }

  async setSourceTitle(sourceId: string, title: string): Promise<void> {
    await (await this.sql()).query('UPDATE sources SET title = COALESCE(title, $1) WHERE id = $2', [title, sourceId]);
  }

  // lookupDraft and nearDuplicateCandidates read the learned sequence in the same statement (one snapshot: exactly the
  // copies the answer saw), where the pipeline asked `learnedSequence` in a round trip of its own before them.
  async lookupDraft(sourceId: string, key: string, contentHash: string): Promise<DraftLookup> {
    const { rows } = await (await this.sql()).query<{ known: number | null; same: number | null; sequence: number | null }>(
      `SELECT (SELECT document_id FROM copies WHERE source_id = $1 AND item_key = $2) AS known,
              (SELECT id FROM documents WHERE content_hash = $3) AS same,
              (${queries.LATEST_COPY_SQL}) AS sequence`,
      [sourceId, key, contentHash],
    );
    return { knownItem: rows[0]?.known ?? null, sameText: rows[0]?.same ?? null, sequence: rows[0]?.sequence ?? 0 };
  }

  async nearDuplicateCandidates(hashes: readonly number[], limit: number): Promise<{ sequence: number; candidates: NearDuplicateCandidate[] }> {
    // One row with the sequence even when no document matches (the candidates' columns are then null). Each fingerprint
    // is looked up by itself (OFFSET 0 keeps the planner from turning the lookups into one join): as one `hash = ANY(…)`
    // filter or a plain join, a planner without statistics on sentence_hashes scanned the whole table for every document
    // once it held about a million rows (140 ms a document at 27,000 documents; see checkCtes in ingest.ts).
    const { rows } = await (await this.sql()).query<{ sequence: number | null } & { [K in keyof NearDuplicateCandidate]: NearDuplicateCandidate[K] | null }>(
      `SELECT (${queries.LATEST_COPY_SQL}) AS sequence, c.* FROM (SELECT 1) one LEFT JOIN LATERAL (
         SELECT sh.document_id AS "documentId", COUNT(*) AS "sharedSentences",
                (SELECT COUNT(*) FROM sentence_hashes s2 WHERE s2.document_id = sh.document_id) AS sentences,
                (SELECT text FROM documents d WHERE d.id = sh.document_id) AS text
           FROM unnest($1::bigint[]) AS draft(hash)
                CROSS JOIN LATERAL (SELECT s.document_id FROM sentence_hashes s WHERE s.hash = draft.hash OFFSET 0) sh
          GROUP BY sh.document_id ORDER BY "sharedSentences" DESC, sh.document_id LIMIT $2) c ON true
        ORDER BY c."sharedSentences" DESC, c."documentId"`,
      [hashes, limit],
    );
    const candidates = rows.flatMap(({ documentId, sharedSentences, sentences, text }) =>
      documentId !== null && text !== null ? [{ documentId, sharedSentences: sharedSentences ?? 0, sentences: sentences ?? 0, text }] : []);
    return { sequence: rows[0]?.sequence ?? 0, candidates };
  }

  async ingest(sourceId: string, draft: DocumentDraft, at: Date, plan: IngestPlan, options: { silent?: boolean } = {}): Promise<IngestOutcome> {
    return this.writing(async () => ingesting.ingest(await this.sql(), sourceId, draft, at, plan, options.silent === true));
  }

  async updateItem(sourceId: string, draft: DocumentDraft, at: Date, plan: ItemUpdatePlan): Promise<UpdateItemOutcome> {
    return this.writing(async () => ingesting.updateItem(await this.sql(), sourceId, draft, at, plan));
  }

  async replaceFacts(documentId: number, story: string | null, extracted: { figures: ExtractedFigure[]; events: ExtractedEvent[] }, at: Date): Promise<void> {
    await this.writing(async () => inTransaction(await this.sql(), (client) => queries.replaceFacts(client, documentId, story, extracted, at), ingesting.LEARNED_ORDER));
  }

  async listFigures(filter?: FactFilter): Promise<StoredFigureRecord[]> {
    return queries.listFigures(await this.sql(), filter);
  }

  async listEvents(filter?: FactFilter): Promise<StoredEventRecord[]> {
    return queries.listEvents(await this.sql(), filter);
  }

  async eventQuotes(filter?: FactFilter, bound?: QuoteBound): Promise<string[]> {
    return queries.factQuotes(await this.sql(), 'events', filter, bound);
  }

  async figureQuotes(filter?: FactFilter, bound?: QuoteBound): Promise<string[]> {
    return queries.factQuotes(await this.sql(), 'figures', filter, bound);
  }

  async factsVersion(): Promise<string> {
    return this.factsVersionWatch.current();
  }

  /** The stored version: moved by triggers on figures, events, documents and copies (migrations.ts), in whichever process wrote them. */
  private async readFactsVersion(): Promise<string> {
    const { rows } = await (await this.sql()).query<{ n: number }>('SELECT n FROM facts_version WHERE id = 1');
    return String(rows[0]?.n ?? 0);
  }

  /** Runs a write of facts, documents or copies; the facts version kept in memory is read again after it. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.factsVersionWatch.changed();
    }
  }

  async learnedSequence(): Promise<{ sequence: number; at: string | null }> {
    const { rows } = await (await this.sql()).query<{ id: number; ingested_at: string }>('SELECT id, ingested_at FROM copies ORDER BY id DESC LIMIT 1');
    return { sequence: rows[0]?.id ?? 0, at: rows[0]?.ingested_at ?? null };
  }

  async sequenceWindow(after: number, limit: number): Promise<{ sequence: number; at: string | null }> {
    const { rows } = await (await this.sql()).query<{ id: number; ingested_at: string }>(
      'SELECT id, ingested_at FROM copies WHERE id > $1 ORDER BY id LIMIT 1 OFFSET $2',
      [after, Math.max(0, limit - 1)],
    );
    return rows[0] ? { sequence: rows[0].id, at: rows[0].ingested_at } : this.learnedSequence();
  }

  async documentsLearnedAfter(after: number, upTo: number): Promise<LearnedDocument[]> {
    const sql = await this.sql();
    const documents = await sql.query<DocumentRow & { first_learned: number; seeded: boolean }>(
      `SELECT d.id, d.title, d.text, d.published, d.language, d.created_at,
              (SELECT MIN(id) FROM copies WHERE document_id = d.id) AS first_learned,
              ${queries.SEEDED_SQL('d.id')} AS seeded
         FROM documents d WHERE d.id IN (SELECT document_id FROM copies WHERE id > $1 AND id <= $2)
        ORDER BY first_learned`,
      [after, upTo],
    );
    const copies = await sql.query<CopyRow & { source_title: string | null }>(
      `SELECT c.*, s.title AS source_title FROM copies c JOIN sources s ON s.id = c.source_id
        WHERE c.document_id = ANY($1::bigint[]) ORDER BY c.id`,
      [documents.rows.map((d) => d.id)],
    );
    return documents.rows.map((row) => ({
      ...toDocument(row),
      firstLearned: row.first_learned,
      seeded: row.seeded,
      copies: copies.rows
        .filter((copy) => copy.document_id === row.id)
        .map((copy) => ({ ...toCopy(copy), sequence: copy.id, sourceName: copy.outlet ?? copy.source_title ?? copy.source_id })),
    }));
  }

  async staleViewKeys(view: ViewName, story: string, limit: number): Promise<StaleKey[]> {
    return views.staleViewKeys(await this.sql(), view, story, limit);
  }

  async saveViewRows(view: ViewName, story: string, rows: readonly ViewRowWrite[], answered: readonly StaleKey[]): Promise<void> {
    const pool = await this.sql();
    await views.saveViewRows(pool, view, story, rows, answered);
    // A rebuild rewrites a view's rows in bulk (a copied install's first read, a reindex: 250,000 rows at 100,000
    // documents). Until the tables are analyzed the planner guesses a handful of rows per story and pages the timeline by
    // sorting all of them (0.9 s a page, against 0.5 ms through the sort index), and autovacuum may be off or slow to
    // come by: so this process analyzes the view tables itself after each ANALYZE_AFTER_VIEW_ROWS rows it wrote.
    this.viewRowsWritten += rows.length;
    if (this.viewRowsWritten >= ANALYZE_AFTER_VIEW_ROWS) {
      this.viewRowsWritten = 0;
      await pool.query('ANALYZE view_rows, view_index');
    }
  }

  async viewRows(view: ViewName, story: string, range?: ViewRange): Promise<{ rows: { key: string; value: string }[] }> {
    return views.viewRows(await this.sql(), view, story, range);
  }

  async viewPage(view: ViewName, story: string, filter: ViewPageFilter, page: { offset: number; limit: number | null }): Promise<{ rows: { key: string; value: string }[]; total: number }> {
    return views.viewPage(await this.sql(), view, story, filter, page);
  }

  async viewStamp(view: ViewName, story: string): Promise<string | null> {
    return views.viewStamp(await this.sql(), view, story);
  }

  async resetView(view: ViewName, story: string, stamp: string): Promise<number> {
    return views.resetView(await this.sql(), view, story, stamp);
  }

  async searchDocuments(query: string, limit: number): Promise<SearchHit[]> {
    return searchDocuments(await this.sql(), query, limit);
  }

  async countDocuments(): Promise<number> {
    const { rows } = await (await this.sql()).query<{ n: number }>('SELECT COUNT(*) AS n FROM documents');
    return rows[0]!.n;
  }

  async getDocument(id: number): Promise<StoredDocument | null> {
    const { rows } = await (await this.sql()).query<DocumentRow>('SELECT id, title, text, published, language, created_at FROM documents WHERE id = $1', [id]);
    return rows[0] ? toDocument(rows[0]) : null;
  }

  async copiesOf(documentId: number): Promise<DocumentCopy[]> {
    const { rows } = await (await this.sql()).query<CopyRow>('SELECT * FROM copies WHERE document_id = $1 ORDER BY id', [documentId]);
    return rows.map(toCopy);
  }

  /** Ends the pool (after any migration in progress); safe to call more than once. */
  async close(): Promise<void> {
    this.closing ??= this.ready.catch(() => {}).then(() => Promise.all([this.factsVersionWatch.close(), this.pool.end()])).then(() => {});
    await this.closing;
  }
}
