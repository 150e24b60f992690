/** SQLite's queries of facts (replace, list with a FactFilter, their sources) and full-text search (FTS5). */
import type Database from 'better-sqlite3';
import type { ExtractedEvent, ExtractedFigure } from '../../facts/types.ts';
import type { FactFilter, FactSource, QuoteBound, SearchHit, StoredEventRecord, StoredFigureRecord } from '../store.ts';
import { groupSources, SOURCE_OF_COLUMNS, toEvent, toFigure, type EventRow, type FigureRow, type SourceOfRow } from '../shared/rows.ts';
import { factWhere, searchWords } from '../shared/fact-filter.ts';
import { eventFilter, quotesQuery, type QuoteDialect } from '../shared/quotes.ts';
import { searchCandidates } from '../shared/search-candidates.ts';



/** 1 when the document's first copy was stored silently (seeded by a subscribed feed's first fetch). */
export const SEEDED_SQL = (documentId: string) =>
  `COALESCE((SELECT c.silent FROM copies c WHERE c.document_id = ${documentId} ORDER BY c.id LIMIT 1), 0)`;

/** When a fact was learned: stored with every fact (migration 9 filled in those stored before migration 4). */
const learnedSql = (alias: string) => `${alias}.learned`;

export function replaceFacts(
  db: Database.Database,
  documentId: number,
  story: string | null,
  facts: { figures: ExtractedFigure[]; events: ExtractedEvent[] },
  at: Date,
): void {
  db.transaction(() => {
    // Facts are learned with the latest copy: a fuller text arriving later brings news, not history.
    const learned = db.prepare<[], { id: number }>('SELECT COALESCE(MAX(id), 0) AS id FROM copies').get()!.id;
    db.prepare('DELETE FROM figures WHERE document_id = ?').run(documentId);
    db.prepare('DELETE FROM events WHERE document_id = ?').run(documentId);
    const figure = db.prepare(
      `INSERT INTO figures (document_id, story, kind, value, qualifier, scope, location, region, as_of, as_of_precision,
         quote, attribution, official, by_region, created_at, learned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of facts.figures) {
      figure.run(documentId, story, f.kind, f.value, f.qualifier, f.scope, f.location, f.region, f.asOf, f.asOfPrecision,
        f.quote, f.attribution, f.official ? 1 : 0, f.byRegion?.length ? JSON.stringify(f.byRegion) : null, at.toISOString(), learned);
    }
    const event = db.prepare(
      `INSERT INTO events (document_id, story, date, precision, text, places, actors, quote, created_at, learned)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of facts.events) {
      event.run(documentId, story, e.date, e.precision, e.text, JSON.stringify(e.places), JSON.stringify(e.actors), e.quote, at.toISOString(), learned);
    }
  })();
}

/** How SQLite writes a fact filter's pieces and the bounded quotes' (src/stores/shared/fact-filter.ts and quotes.ts say what each means). */
const sqliteFilter: QuoteDialect = {
  bind: (params, value) => {
    params.push(value);
    return '?';
  },
  oneOf: (params, expression, values) => {
    params.push(JSON.stringify(values));
    return `${expression} IN (SELECT value FROM json_each(?))`;
  },
  idIn: (params, expression, ids) => {
    params.push(JSON.stringify(ids));
    return `${expression} IN (SELECT value FROM json_each(?))`;
  },
  breakdownNames: (params, region) => {
    params.push(region);
    return `EXISTS (SELECT 1 FROM json_each(by_region) WHERE json_extract(value, '$.region') = ?)`;
  },
  prefix: (expression, length) => `substr(${expression}, 1, ${length})`,
  learned: (alias) => learnedSql(alias),
  notSeeded: (alias) => `${SEEDED_SQL(`${alias}.document_id`)} = 0`,
  // SQLite sorts nulls first already.
  order: (column) => column,
  textRows: (params, values) => {
    params.push(JSON.stringify(values));
    return '(SELECT value FROM json_each(?))';
  },
  // No LATERAL: the day's ids, chosen by a correlated subquery (SQLite allows ORDER BY and LIMIT there).
  latestJoin: (table, rows) => `JOIN ${table} x ON x.id IN (SELECT y.id ${rows})`,
};

function where(filter: FactFilter, alias: string, dateColumn: string): { sql: string; params: unknown[] } {
  return factWhere(sqliteFilter, filter, alias, dateColumn);
}

/** Every copy of each document, first ingested first, in one query. */
export function sourcesOf(db: Database.Database, documentIds: number[]): Map<number, FactSource[]> {
  if (documentIds.length === 0) return new Map();
  const rows = db
    .prepare<[string], SourceOfRow>(
      `SELECT ${SOURCE_OF_COLUMNS}
         FROM copies c JOIN sources s ON s.id = c.source_id JOIN documents d ON d.id = c.document_id
        WHERE c.document_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    )
    .all(JSON.stringify([...new Set(documentIds)]));
  return groupSources(rows);
}

export function listFigures(db: Database.Database, filter: FactFilter = {}): StoredFigureRecord[] {
  const { sql, params } = where(filter, 'f', 'as_of');
  const rows = db.prepare<unknown[], FigureRow>(`SELECT f.*, ${learnedSql('f')} AS learned_sequence, ${SEEDED_SQL('f.document_id')} AS seeded FROM figures f ${sql} ORDER BY as_of, id`).all(...params);
  const sources = sourcesOf(db, rows.map((row) => row.document_id));
  return rows.map((row) => toFigure(row, sources.get(row.document_id) ?? []));
}

/** The WHERE clause of events: the figure-only fields do not apply. */
const eventWhere = (filter: FactFilter) => where(eventFilter(filter), 'e', 'date');

export function listEvents(db: Database.Database, filter: FactFilter = {}): StoredEventRecord[] {
  const { sql, params } = eventWhere(filter);
  const rows = db.prepare<unknown[], EventRow>(`SELECT e.*, ${learnedSql('e')} AS learned_sequence, ${SEEDED_SQL('e.document_id')} AS seeded FROM events e ${sql} ORDER BY date, id`).all(...params);
  const sources = sourcesOf(db, rows.map((row) => row.document_id));
  return rows.map((row) => toEvent(row, sources.get(row.document_id) ?? []));
}

/** The quotes of the figures or events `filter` selects, at most `bound.perDate` per date with a bound (see quotes.ts). */
export function factQuotes(db: Database.Database, table: 'figures' | 'events', filter: FactFilter = {}, bound?: QuoteBound): string[] {
  const { sql, params } = factQuotesStatement(table, filter, bound);
  return db.prepare<unknown[], string>(sql).pluck().all(...params);
}

/** The statement `factQuotes` runs (exported so a test can read its query plan). */
export const factQuotesStatement = (table: 'figures' | 'events', filter: FactFilter = {}, bound?: QuoteBound) => quotesQuery(sqliteFilter, table, filter, bound);

/** Words of a user's query as an FTS5 expression: each quoted, so operators and quotes in it are just text. */
function ftsQuery(query: string): string | null {
  const words = searchWords(query);
  return words.length ? words.map((word) => `"${word}"`).join(' ') : null;
}

/**
 * The best `limit` of the `searchCandidates(limit)` most recently stored matches (see search-candidates.ts): FTS5 walks
 * a match list newest first and stops at the bound, and bm25 ranks only the matches from the oldest of those on.
 */
export function searchDocuments(db: Database.Database, query: string, limit: number): SearchHit[] {
  const expression = ftsQuery(query);
  if (!expression) return [];
  const rows = db
    .prepare<[{ expression: string; candidates: number; limit: number }], { id: number; title: string | null; published: string | null; snippet: string }>(
      `SELECT d.id, d.title, d.published, snippet(documents_fts, 1, '«', '»', '…', 24) AS snippet
         FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
        WHERE documents_fts MATCH @expression
          AND documents_fts.rowid >= coalesce((SELECT min(rowid) FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @expression ORDER BY rowid DESC LIMIT @candidates)), 0)
        ORDER BY bm25(documents_fts, 4.0, 1.0) LIMIT @limit`,
    )
    .all({ expression, candidates: searchCandidates(limit), limit });
  const sources = sourcesOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({ documentId: row.id, title: row.title, published: row.published, snippet: row.snippet, sources: sources.get(row.id) ?? [] }));
}
