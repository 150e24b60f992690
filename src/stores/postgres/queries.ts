/** Postgres queries of facts: replacing a document's figures and events, listing them with a FactFilter, their sources. */
import type { ExtractedEvent, ExtractedFigure } from '../../facts/types.ts';
import type { FactFilter, FactSource, StoredEventRecord, StoredFigureRecord } from '../store.ts';
import { groupSources, SOURCE_OF_COLUMNS, toEvent, toFigure, type EventRow, type FigureRow, type SourceOfRow } from '../shared/rows.ts';
import { factWhere, type FilterDialect } from '../shared/fact-filter.ts';
import type { Sql } from './connection.ts';



/** True when the document's first copy was stored silently (seeded by a subscribed feed's first fetch). */
export const SEEDED_SQL = (documentId: string) =>
  `COALESCE((SELECT c.silent FROM copies c WHERE c.document_id = ${documentId} ORDER BY c.id LIMIT 1), false)`;

/** When a fact was learned: stored with every fact (migration 3 fills in those copied without one). */
const learnedSql = (alias: string) => `${alias}.learned`;

/** How Postgres writes a fact filter's pieces (src/stores/shared/fact-filter.ts holds what each field means). */
const postgresFilter: FilterDialect = {
  bind: (params, value) => {
    params.push(value);
    return `$${params.length}`;
  },
  oneOf: (params, expression, values) => {
    params.push([...values]);
    return `${expression} = ANY($${params.length}::text[])`;
  },
  breakdownNames: (params, region) => {
    params.push(region);
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(by_region::jsonb) part WHERE part->>'region' = $${params.length})`;
  },
  prefix: (expression, length) => `substr(${expression}, 1, ${length})`,
  learned: (alias) => learnedSql(alias),
  notSeeded: (alias) => `NOT ${SEEDED_SQL(`${alias}.document_id`)}`,
};

/**
 * Replaces what was extracted from a document, inside the caller's transaction. Facts are learned with the latest
 * copy (a fuller text arriving later brings news, not history): the learned counter, read under its row lock so no
 * ingest is between handing out an id and committing it.
 */
export async function replaceFacts(
  client: Sql,
  documentId: number,
  story: string | null,
  facts: { figures: ExtractedFigure[]; events: ExtractedEvent[] },
  at: Date,
): Promise<void> {
  const { rows } = await client.query<{ n: number }>('SELECT n FROM learned_counter WHERE id = 1 FOR UPDATE');
  const learned = rows[0]?.n ?? 0;
  await client.query('DELETE FROM figures WHERE document_id = $1', [documentId]);
  await client.query('DELETE FROM events WHERE document_id = $1', [documentId]);
  const created = at.toISOString();
  // One statement per table: the facts travel as a JSON array, inserted in its order (ids follow it).
  if (facts.figures.length) {
    const figures = facts.figures.map((f, i) => ({
      i, kind: f.kind, value: f.value, qualifier: f.qualifier, scope: f.scope, location: f.location, region: f.region, as_of: f.asOf,
      as_of_precision: f.asOfPrecision, quote: f.quote, attribution: f.attribution, official: f.official,
      by_region: f.byRegion?.length ? JSON.stringify(f.byRegion) : null,
    }));
    await client.query(
      `INSERT INTO figures (document_id, story, kind, value, qualifier, scope, location, region, as_of, as_of_precision,
         quote, attribution, official, by_region, created_at, learned)
       SELECT $1, $2, f.kind, f.value, f.qualifier, f.scope, f.location, f.region, f.as_of, f.as_of_precision,
              f.quote, f.attribution, f.official, f.by_region, $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS f(i integer, kind text, value bigint, qualifier text, scope text, location text, region text,
              as_of text, as_of_precision text, quote text, attribution text, official boolean, by_region text)
        ORDER BY f.i`,
      [documentId, story, created, learned, JSON.stringify(figures)],
    );
  }
  if (facts.events.length) {
    const events = facts.events.map((e, i) => ({
      i, date: e.date, precision: e.precision, text: e.text, places: JSON.stringify(e.places), actors: JSON.stringify(e.actors), quote: e.quote,
    }));
    await client.query(
      `INSERT INTO events (document_id, story, date, precision, text, places, actors, quote, created_at, learned)
       SELECT $1, $2, e.date, e.precision, e.text, e.places, e.actors, e.quote, $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS e(i integer, date text, precision text, text text, places text, actors text, quote text)
        ORDER BY e.i`,
      [documentId, story, created, learned, JSON.stringify(events)],
    );
  }
}

/** Every copy of each document, first ingested first, in one query. */
export async function sourcesOf(sql: Sql, documentIds: number[]): Promise<Map<number, FactSource[]>> {
  if (documentIds.length === 0) return new Map();
  const { rows } = await sql.query<SourceOfRow>(
    `SELECT ${SOURCE_OF_COLUMNS}
       FROM copies c JOIN sources s ON s.id = c.source_id JOIN documents d ON d.id = c.document_id
      WHERE c.document_id = ANY($1::bigint[]) ORDER BY c.id`,
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
const eventWhere = (filter: FactFilter) => factWhere(postgresFilter, { ...filter, kinds: undefined, scopes: undefined, regional: undefined, region: undefined }, 'e', 'date');

export async function listEvents(sql: Sql, filter: FactFilter = {}): Promise<StoredEventRecord[]> {
  const { sql: where, params } = eventWhere(filter);
  const { rows } = await sql.query<EventRow>(
    `SELECT e.*, ${learnedSql('e')} AS learned_sequence, ${SEEDED_SQL('e.document_id')} AS seeded FROM events e ${where} ORDER BY date, id`,
    params,
  );
  const sources = await sourcesOf(sql, rows.map((row) => row.document_id));
  return rows.map((row) => toEvent(row, sources.get(row.document_id) ?? []));
}

export async function eventQuotes(sql: Sql, filter: FactFilter = {}): Promise<string[]> {
  const { sql: where, params } = eventWhere(filter);
  const { rows } = await sql.query<{ quote: string }>(`SELECT e.quote FROM events e ${where} ORDER BY date, id`, params);
  return rows.map((row) => row.quote);
}
