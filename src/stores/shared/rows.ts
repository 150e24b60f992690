/**
 * The rows of sources, documents and copies as both stores read them (same column names in SQLite and Postgres),
 * and how each becomes the Store's record. Flags are 0/1 in SQLite and booleans in Postgres: `flag` reads either.
 */
import type { DocumentCopy, SourceKind, SourceRecord, StoredDocument } from '../store.ts';

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
