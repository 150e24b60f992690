/** Postgres queries of facts: replacing a document's figures and events, listing them with a FactFilter, their sources. */
import type { ExtractedEvent, ExtractedFigure } from '../../facts/types.ts';
import type { FactFilter, FactSource, QuoteBound, StoredEventRecord, StoredFigureRecord } from '../store.ts';
import { groupSources, SOURCE_OF_COLUMNS, toEvent, toFigure, type EventRow, type FigureRow, type SourceOfRow } from '../shared/rows.ts';
import { factWhere } from '../shared/fact-filter.ts';
import { eventFilter, quotesQuery, type QuoteDialect } from '../shared/quotes.ts';
import { Params, type Sql } from './connection.ts';

/** The learned sequence: the latest copy's id, 0 when none (ids follow commit order: see ingest.ts). */
export const LATEST_COPY_SQL = 'SELECT COALESCE(MAX(id), 0) FROM copies';

/** True when the document's first copy was stored silently (seeded by a subscribed feed's first fetch). */
export const SEEDED_SQL = (documentId: string) =>
  `COALESCE((SELECT c.silent FROM copies c WHERE c.document_id = ${documentId} ORDER BY c.id LIMIT 1), false)`;

/** When a fact was learned: stored with every fact (migration 3 fills in those copied without one). */
const learnedSql = (alias: string) => `${alias}.learned`;

/** How Postgres writes a fact filter's pieces and the bounded quotes' (src/stores/shared/fact-filter.ts and quotes.ts say what each means). */
const postgresFilter: QuoteDialect = {
  bind: (params, value) => {
    params.push(value);
    return `$${params.length}`;
  },
  oneOf: (params, expression, values) => {
    params.push([...values]);
    return `${expression} = ANY($${params.length}::text[])`;
  },
  idIn: (params, expression, ids) => {
    params.push([...ids]);
    return `${expression} = ANY($${params.length}::bigint[])`;
  },
  breakdownNames: (params, region) => {
    params.push(region);
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(by_region::jsonb) part WHERE part->>'region' = $${params.length})`;
  },
  prefix: (expression, length) => `substr(${expression}, 1, ${length})`,
  learned: (alias) => learnedSql(alias),
  notSeeded: (alias) => `NOT ${SEEDED_SQL(`${alias}.document_id`)}`,
  order: (column) => `${column} NULLS FIRST`,
  textRows: (params, values) => {
    params.push([...values]);
    return `(SELECT unnest($${params.length}::text[]) AS value)`;
  },
  latestJoin: (_table, rows) => `CROSS JOIN LATERAL (SELECT y.id, y.quote ${rows}) x`,
};

type Facts = { figures: readonly ExtractedFigure[]; events: readonly ExtractedEvent[] };

/** Where the facts' document id and learned sequence come from in the statement they join (SQL expressions, and the FROM items they need). */
export interface FactsTarget {
  document: string;
  learned: string;
  from?: string;
}

/**
 * The CTEs that insert a document's facts, for a statement that stores them with other rows (one round trip). The
 * facts travel as one JSON array per table, inserted in its order (ids follow it).
 */
export function factInserts(params: Params, target: FactsTarget, story: string | null, facts: Facts, at: Date): string[] {
  const from = target.from ? `${target.from}, ` : '';
  const ctes: string[] = [];
  if (!facts.figures.length && !facts.events.length) return ctes;
  const tail = `${params.bind(story)}::text, ${params.bind(at.toISOString())}::text, ${target.learned} FROM ${from}`;
  if (facts.figures.length) {
    const figures = facts.figures.map((f, i) => ({
      i, kind: f.kind, value: f.value, qualifier: f.qualifier, scope: f.scope, location: f.location, region: f.region, as_of: f.asOf,
      as_of_precision: f.asOfPrecision, quote: f.quote, attribution: f.attribution, official: f.official,
      by_region: f.byRegion?.length ? JSON.stringify(f.byRegion) : null,
    }));
    ctes.push(`figures_in AS (
      INSERT INTO figures (document_id, kind, value, qualifier, scope, location, region, as_of, as_of_precision,
         quote, attribution, official, by_region, story, created_at, learned)
       SELECT ${target.document}, f.kind, f.value, f.qualifier, f.scope, f.location, f.region, f.as_of, f.as_of_precision,
              f.quote, f.attribution, f.official, f.by_region, ${tail}
              jsonb_to_recordset(${params.bind(JSON.stringify(figures))}::jsonb) AS f(i integer, kind text, value bigint, qualifier text, scope text,
              location text, region text, as_of text, as_of_precision text, quote text, attribution text, official boolean, by_region text)
        ORDER BY f.i)`);
  }
  if (facts.events.length) {
    const events = facts.events.map((e, i) => ({
      i, date: e.date, precision: e.precision, text: e.text, places: JSON.stringify(e.places), actors: JSON.stringify(e.actors), quote: e.quote,
    }));
    ctes.push(`events_in AS (
      INSERT INTO events (document_id, date, precision, text, places, actors, quote, story, created_at, learned)
       SELECT ${target.document}, e.date, e.precision, e.text, e.places, e.actors, e.quote, ${tail}
              jsonb_to_recordset(${params.bind(JSON.stringify(events))}::jsonb) AS e(i integer, date text, precision text, text text,
              places text, actors text, quote text)
        ORDER BY e.i)`);
  }
  return ctes;
}

/**
 * Replaces what was extracted from a document, inside the caller's transaction, which holds the learned counter's
 * row lock (so no ingest is between handing out an id and committing it), in one statement. Facts are learned with
 * the latest copy (a fuller text arriving later brings news, not history): the counter's value.
 */
export async function replaceFacts(client: Sql, documentId: number, story: string | null, facts: Facts, at: Date): Promise<void> {
  const params = new Params();
  const document = params.bind(documentId);
  const ctes = [
    `figures_gone AS (DELETE FROM figures WHERE document_id = ${document})`,
    `events_gone AS (DELETE FROM events WHERE document_id = ${document})`,
    ...factInserts(params, { document: `${document}::bigint`, learned: '(SELECT n FROM learned_counter WHERE id = 1)' }, story, facts, at),
  ];
  await client.query(`WITH ${ctes.join(',\n')} SELECT 1`, params.values);
}

/** Every copy of each document, first ingested first, in one query. */
export async function sourcesOf(sql: Sql, documentIds: number[]): Promise<Map<number, FactSource[]>> {
  if (documentIds.length === 0) return new Map();
  const { rows } = await sql.query<SourceOfRow>(
    // (the ids as a table the copies are joined to, not "= ANY($1)": without statistics the planner guessed thousands of
    // rows for ten ids and launched parallel workers, 34 ms instead of 5 at 100,000 documents)
    `SELECT ${SOURCE_OF_COLUMNS}
       FROM unnest($1::bigint[]) AS ids(id) JOIN copies c ON c.document_id = ids.id
       JOIN sources s ON s.id = c.source_id JOIN documents d ON d.id = c.document_id
      ORDER BY c.id`,
    [[...new Set(documentIds)]],
  );
  return groupSources(rows);
}

export async function listFigures(sql: Sql, filter: FactFilter = {}): Promise<StoredFigureRecord[]> {
  const { sql: where, params } = factWhere(postgresFilter, filter, 'f', 'as_of');
  const { rows } = await sql.query<FigureRow>(
    `SELECT f.*, ${learnedSql('f')} AS learned_sequence, ${SEEDED_SQL('f.document_id')} AS seeded FROM figures f ${where}
      ORDER BY as_of NULLS FIRST, id`,
    params,
  );
  const sources = await sourcesOf(sql, rows.map((row) => row.document_id));
  return rows.map((row) => toFigure(row, sources.get(row.document_id) ?? []));
}

/** The WHERE clause of events: the figure-only fields do not apply. */
const eventWhere = (filter: FactFilter) => factWhere(postgresFilter, eventFilter(filter), 'e', 'date');

export async function listEvents(sql: Sql, filter: FactFilter = {}): Promise<StoredEventRecord[]> {
  const { sql: where, params } = eventWhere(filter);
  const { rows } = await sql.query<EventRow>(
    `SELECT e.*, ${learnedSql('e')} AS learned_sequence, ${SEEDED_SQL('e.document_id')} AS seeded FROM events e ${where} ORDER BY date, id`,
    params,
  );
  const sources = await sourcesOf(sql, rows.map((row) => row.document_id));
  return rows.map((row) => toEvent(row, sources.get(row.document_id) ?? []));
}

/** The quotes of the figures or events `filter` selects, at most `bound.perDate` per date with a bound (see quotes.ts). */
export async function factQuotes(sql: Sql, table: 'figures' | 'events', filter: FactFilter = {}, bound?: QuoteBound): Promise<string[]> {
  const { sql: statement, params } = quotesQuery(postgresFilter, table, filter, bound);
  const { rows } = await sql.query<{ quote: string }>(statement, params);
  return rows.map((row) => row.quote);
}
