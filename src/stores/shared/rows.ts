/**
 * The rows of sources, documents, copies, figures and events as both stores read them (same column names in SQLite and Postgres),
 * and how each becomes the Store's record. Flags are 0/1 in SQLite and booleans in Postgres: `flag` reads either.
 */
import type { FigureKind, Precision, Qualifier, Scope } from '../../facts/types.ts';
import type { DocumentCopy, FactSource, SourceKind, SourceRecord, StoredDocument, StoredEventRecord, StoredFigureRecord } from '../store.ts';

export interface SourceRow {
  id: string;
  kind: SourceKind;
  url: string;
  title: string | null;
  created_at: string;
  last_success: string | null;
  last_error: string | null;
  last_error_at: string | null;
  failures: number;
  enabled: number | boolean;
  etag: string | null;
  last_modified: string | null;
  retry_after: string | null;
  documents: number;
}

export const SOURCE_COLUMNS = `s.*, (SELECT COUNT(DISTINCT c.document_id) FROM copies c WHERE c.source_id = s.id) AS documents`;

export function toSource(row: SourceRow): SourceRecord {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    title: row.title,
    createdAt: row.created_at,
    lastSuccess: row.last_success,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    failures: row.failures,
    enabled: flag(row.enabled),
    etag: row.etag,
    lastModified: row.last_modified,
    retryAfter: row.retry_after ?? null,
    documents: row.documents,
  };
}

export interface DocumentRow {
  id: number;
  title: string | null;
  text: string;
  published: string | null;
  language: string | null;
  created_at: string;
}

export function toDocument(row: DocumentRow): StoredDocument {
  return { id: row.id, title: row.title, text: row.text, published: row.published, language: row.language, createdAt: row.created_at };
}

export interface CopyRow {
  id: number;
  document_id: number;
  source_id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  outlet: string | null;
  ingested_at: string;
  silent?: number | boolean;
}

export function toCopy(row: CopyRow): DocumentCopy {
  return {
    id: row.id,
    documentId: row.document_id,
    sourceId: row.source_id,
    url: row.url,
    title: row.title,
    published: row.published,
    outlet: row.outlet,
    ingestedAt: row.ingested_at,
    silent: flag(row.silent),
  };
}

export function earliest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

/** A stored flag: SQLite's 0/1 or Postgres' boolean. */
export function flag(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}

/** A figures row as either database returns it, with its learned sequence and seeded flag (see the stores' queries). */
export interface FigureRow {
  id: number;
  document_id: number;
  story: string | null;
  kind: FigureKind;
  value: number;
  qualifier: Qualifier;
  scope: Scope;
  location: string | null;
  region: string | null;
  as_of: string | null;
  as_of_precision: Precision | null;
  quote: string;
  attribution: string | null;
  official: number | boolean;
  by_region: string | null;
  learned_sequence: number;
  seeded: number | boolean;
}

/** An events row as either database returns it. */
export interface EventRow {
  id: number;
  document_id: number;
  story: string | null;
  date: string;
  precision: Precision;
  text: string;
  places: string;
  actors: string;
  quote: string;
  learned_sequence: number;
  seeded: number | boolean;
}

export function toFigure(row: FigureRow, sources: FactSource[]): StoredFigureRecord {
  return {
    id: row.id,
    documentId: row.document_id,
    story: row.story,
    learned: row.learned_sequence,
    seeded: flag(row.seeded),
    kind: row.kind,
    value: row.value,
    qualifier: row.qualifier,
    scope: row.scope,
    location: row.location,
    region: row.region,
    asOf: row.as_of,
    asOfPrecision: row.as_of_precision,
    quote: row.quote,
    attribution: row.attribution,
    official: flag(row.official),
    ...(row.by_region ? { byRegion: JSON.parse(row.by_region) as { region: string; value: number }[] } : {}),
    sources,
  };
}

export function toEvent(row: EventRow, sources: FactSource[]): StoredEventRecord {
  return {
    id: row.id,
    documentId: row.document_id,
    story: row.story,
    learned: row.learned_sequence,
    seeded: flag(row.seeded),
    date: row.date,
    precision: row.precision,
    text: row.text,
    places: JSON.parse(row.places) as string[],
    actors: JSON.parse(row.actors) as string[],
    quote: row.quote,
    sources,
  };
}

/** A copy as a fact's source: the columns `SOURCE_OF_COLUMNS` reads (copies c, sources s, documents d). */
export interface SourceOfRow {
  document_id: number;
  title: string | null;
  url: string | null;
  outlet: string | null;
  source_title: string | null;
  source_id: string;
  published: string | null;
  doc_title: string | null;
  doc_published: string | null;
}

export const SOURCE_OF_COLUMNS = `c.document_id, c.title, c.url, c.outlet, s.title AS source_title, s.id AS source_id, c.published,
       d.title AS doc_title, d.published AS doc_published`;

/** Each document's copies as the sources of its facts, in the rows' order (first ingested first). */
export function groupSources(rows: readonly SourceOfRow[]): Map<number, FactSource[]> {
  const result = new Map<number, FactSource[]>();
  for (const row of rows) {
    const list = result.get(row.document_id) ?? [];
    list.push({
      title: row.title ?? row.doc_title,
      url: row.url,
      source: row.outlet ?? row.source_title ?? row.source_id,
      published: row.published ?? row.doc_published,
    });
    result.set(row.document_id, list);
  }
  return result;
}
