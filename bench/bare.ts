/**
 * The bare baselines: for each answer, a plain better-sqlite3 query (or its PostgreSQL form, with `--store postgres`)
 * reading what that answer needs from the store, timed in the same run so that the ratio (answer ÷ bare) means something on a noisy machine.
 * The SQL lives here, not in src/: it is the yardstick, not a way the app reads. Today's answers read
 * every fact of the story (merging happens in memory), so the baselines read those rows with their
 * copies and sources; once derived views exist (issue 13), an answer may read less than its baseline.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { timeRuns } from './table.ts';
import { searchCandidates } from '../src/stores/shared/search-candidates.ts';

export interface BareQuery {
  /** Reads the rows; returns how many (so the work cannot be skipped). */
  run(db: Database.Database): number;
  /** The same read on the PostgreSQL store (`npm run bench -- --store postgres`; bench/bare-postgres.ts runs it). */
  postgres: PostgresQuery[];
}

/** A statement for the PostgreSQL schema (src/stores/postgres/migrations.ts): $1… parameters. */
export interface PostgresQuery {
  sql: string;
  params: unknown[];
}

const rows = (sql: string, params: unknown[], postgres: PostgresQuery): BareQuery => ({ run: (db) => db.prepare(sql).all(...params).length, postgres: [postgres] });

/** /deaths: the story's death figures with who reported them. */
export const bareDeaths = (story: string | null): BareQuery =>
  rows(
    `SELECT f.id, f.value, f.qualifier, f.scope, f.region, f.as_of, f.by_region, f.quote, c.url, c.title, s.title AS outlet
       FROM figures f JOIN copies c ON c.document_id = f.document_id JOIN sources s ON s.id = c.source_id
      WHERE f.story IS ? AND f.kind = 'deaths' ORDER BY f.as_of, f.id`,
    [story],
    {
      sql: `SELECT f.id, f.value, f.qualifier, f.scope, f.region, f.as_of, f.by_region, f.quote, c.url, c.title, s.title AS outlet
              FROM figures f JOIN copies c ON c.document_id = f.document_id JOIN sources s ON s.id = c.source_id
             WHERE f.story IS NOT DISTINCT FROM $1 AND f.kind = 'deaths' ORDER BY f.as_of, f.id`,
      params: [story],
    },
  );

/** /timeline: every event of the story with its copies (what merging them reads). */
export const bareTimeline = (story: string | null): BareQuery =>
  rows(
    `SELECT e.id, e.date, e.precision, e.text, e.places, e.actors, e.quote, c.url, c.title, s.title AS outlet
       FROM events e JOIN copies c ON c.document_id = e.document_id JOIN sources s ON s.id = c.source_id
      WHERE e.story IS ? ORDER BY e.date, e.id`,
    [story],
    {
      sql: `SELECT e.id, e.date, e.precision, e.text, e.places, e.actors, e.quote, c.url, c.title, s.title AS outlet
              FROM events e JOIN copies c ON c.document_id = e.document_id JOIN sources s ON s.id = c.source_id
             WHERE e.story IS NOT DISTINCT FROM $1 ORDER BY e.date, e.id`,
      params: [story],
    },
  );

/** /timeline query:<word>: the story's events that mention the word, with their copies. */
export const bareTimelineQuery = (story: string | null, word: string): BareQuery =>
  rows(
    `SELECT e.id, e.date, e.precision, e.text, e.places, e.quote, c.url, s.title AS outlet
       FROM events e JOIN copies c ON c.document_id = e.document_id JOIN sources s ON s.id = c.source_id
      WHERE e.story IS ? AND instr(lower(e.text || ' ' || e.places || ' ' || e.actors || ' ' || e.quote), lower(?)) > 0
      ORDER BY e.date, e.id`,
    [story, word],
    {
      sql: `SELECT e.id, e.date, e.precision, e.text, e.places, e.quote, c.url, s.title AS outlet
              FROM events e JOIN copies c ON c.document_id = e.document_id JOIN sources s ON s.id = c.source_id
             WHERE e.story IS NOT DISTINCT FROM $1 AND strpos(lower(e.text || ' ' || e.places || ' ' || e.actors || ' ' || e.quote), lower($2)) > 0
             ORDER BY e.date, e.id`,
      params: [story, word],
    },
  );

/**
 * /search: the full-text query with its snippets, best ten of the `searchCandidates(10)` newest matches (the same SQL as
 * the store's, sources left out). The Postgres one ranks every match: the yardstick of the store's query before its bound.
 */
export const bareSearch = (query: string): BareQuery => {
  const expression = (query.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => `"${word}"`).join(' ');
  return rows(
    `SELECT d.id, d.title, d.published, snippet(documents_fts, 1, '«', '»', '…', 24) AS snippet
       FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
      WHERE documents_fts MATCH ?
        AND documents_fts.rowid >= coalesce((SELECT min(rowid) FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ${searchCandidates(10)})), 0)
      ORDER BY bm25(documents_fts, 4.0, 1.0) LIMIT 10`,
    [expression, expression],
    {
      // One configuration (english: the generated articles'), its index, and the passage.
      sql: `SELECT d.id, d.title, d.published, ts_headline('english', d.text, plainto_tsquery('english', $1), 'StartSel=«, StopSel=», MaxWords=24') AS snippet
              FROM (SELECT id, title, published, text FROM documents
                     WHERE search_config = 'english'::regconfig AND search_vector @@ plainto_tsquery('english', $1)
                     ORDER BY ts_rank(search_vector, plainto_tsquery('english', $1)) DESC LIMIT 10) d`,
      params: [query],
    },
  );
};

/** A digest: the documents learned after the cursor, and their figures and events. */
export const bareDigest = (afterSequence: number): BareQuery => ({
  postgres: [
    { sql: 'SELECT d.id, d.title, d.text, d.published FROM documents d WHERE d.id IN (SELECT document_id FROM copies WHERE id > $1)', params: [afterSequence] },
    { sql: 'SELECT * FROM figures WHERE learned > $1', params: [afterSequence] },
    { sql: 'SELECT * FROM events WHERE learned > $1', params: [afterSequence] },
  ],
  run: (db) =>
    db.prepare('SELECT d.id, d.title, d.text, d.published FROM documents d WHERE d.id IN (SELECT document_id FROM copies WHERE id > ?)').all(afterSequence).length +
    db.prepare('SELECT * FROM figures WHERE learned > ?').all(afterSequence).length +
    db.prepare('SELECT * FROM events WHERE learned > ?').all(afterSequence).length,
});

/**
 * A baseline timed two ways: on a new connection, once (open + query: the "first call"), then `runs` times on that
 * connection. On SQLite a read-only connection to the data directory's file, statements prepared; on PostgreSQL
 * (`store: 'postgres'`) a client of CRONISTA_DATABASE_URL, the database the bench's app uses.
 */
export async function timeBare(target: { dataDir: string; store: 'sqlite' | 'postgres' }, query: BareQuery, runs: number): Promise<{ warm: number[]; first: number; rows: number }> {
  if (target.store === 'postgres') return timeBarePostgres(process.env.CRONISTA_DATABASE_URL!, query.postgres, runs);
  const started = performance.now();
  const db = new Database(join(target.dataDir, 'cronista.db'), { readonly: true });
  try {
    const found = query.run(db);
    const first = performance.now() - started;
    const warm = await timeRuns(runs, () => query.run(db));
    return { warm, first, rows: found };
  } finally {
    db.close();
  }
}

async function timeBarePostgres(url: string, queries: readonly PostgresQuery[], runs: number): Promise<{ warm: number[]; first: number; rows: number }> {
  const run = async (client: pg.Client) => {
    let found = 0;
    for (const query of queries) found += (await client.query(query.sql, query.params)).rowCount ?? 0;
    return found;
  };
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await run(client);
    const first = performance.now() - started;
    const warm = await timeRuns(runs, () => run(client));
    return { warm, first, rows: found };
  } finally {
    await client.end();
  }
}

/**
 * Bare ingest: the same articles written to a scratch SQLite file with the store's essentials (documents,
 * an FTS5 index over them, one copy row each), 100 to a transaction like a feed. Documents per second.
 */
export function bareIngestRate(path: string, articles: Iterable<{ title: string; text: string; published: string; link: string }>): { perSecond: number; documents: number } {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT, text TEXT NOT NULL, published TEXT);
             CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
             CREATE TABLE copies (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, url TEXT, title TEXT);`);
    const document = db.prepare('INSERT INTO documents (title, text, published) VALUES (?, ?, ?)');
    const fts = db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)');
    const copy = db.prepare('INSERT INTO copies (document_id, url, title) VALUES (?, ?, ?)');
    const batch = db.transaction((items: { title: string; text: string; published: string; link: string }[]) => {
      for (const item of items) {
        const id = document.run(item.title, item.text, item.published).lastInsertRowid;
        fts.run(id, item.title, item.text);
        copy.run(id, item.link, item.title);
      }
    });
    let documents = 0;
    let pending: { title: string; text: string; published: string; link: string }[] = [];
    let elapsed = 0;
    const flush = () => {
      const started = performance.now();
      batch(pending);
      elapsed += performance.now() - started;
      documents += pending.length;
      pending = [];
    };
    for (const article of articles) {
      pending.push(article);
      if (pending.length === 100) flush();
    }
    if (pending.length) flush();
    return { perSecond: documents / (elapsed / 1000), documents };
  } finally {
    db.close();
  }
}
