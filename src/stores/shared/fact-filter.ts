/**
 * What each FactFilter field means, written once for both stores: the WHERE clause of listFigures/listEvents.
 * A store hands its dialect (placeholders, list membership, the region breakdown's JSON, the learned/seeded
 * expressions); the fields, their combination and their semantics live here.
 */
import type { FactFilter } from '../store.ts';

/** How one SQL dialect writes the pieces of a fact filter. */
export interface FilterDialect {
  /** Binds `value` as the next parameter of `params` and returns its placeholder. */
  bind(params: unknown[], value: unknown): string;
  /** `expression` is one of `values` (strings). */
  oneOf(params: unknown[], expression: string, values: readonly string[]): string;
  /** `expression` (an id column) is one of `ids`. */
  idIn(params: unknown[], expression: string, ids: readonly number[]): string;
  /** The figure's by-region breakdown (JSON text in `by_region`) names `region` (binding it as needed). */
  breakdownNames(params: unknown[], region: string): string;
  /** The first `length` characters of `expression`. */
  prefix(expression: string, length: number): string;
  /** When the fact aliased `alias` was learned (its `learned`, else its document's first copy). */
  learned(alias: string): string;
  /** True when the document of the fact aliased `alias` is not seeded (its first copy was not stored silently). */
  notSeeded(alias: string): string;
}

/**
 * The WHERE clause (or '') and the statement's parameters so far for `filter`, over a facts table aliased `alias` dated
 * by `dateColumn`.
 */
export function factWhere(
  dialect: FilterDialect,
  filter: FactFilter,
  alias: string,
  dateColumn: string,
  /** Parameters bound before this clause in the statement's text (its own are appended). */
  params: unknown[] = [],
): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const bind = (value: unknown) => dialect.bind(params, value);
  if (filter.ids) clauses.push(dialect.idIn(params, `${alias}.id`, filter.ids));
  if (filter.story !== undefined) clauses.push(filter.story === null ? 'story IS NULL' : `story = ${bind(filter.story)}`);
  if (filter.kinds?.length) clauses.push(dialect.oneOf(params, 'kind', filter.kinds));
  if (filter.from) clauses.push(`${dateColumn} >= ${bind(filter.from)}`);
  if (filter.dates) clauses.push(dialect.oneOf(params, dateColumn, filter.dates));
  if (filter.scopes?.length) clauses.push(dialect.oneOf(params, 'scope', filter.scopes));
  if (filter.region) clauses.push(`(region = ${bind(filter.region)} OR ${dialect.breakdownNames(params, filter.region)})`);
  // The stores' partial index figures_regional (SQLite migration 8, Postgres 4) repeats this expression: change both.
  if (filter.regional) clauses.push(`(by_region IS NOT NULL OR (scope = 'cumulative' AND (region IS NOT NULL OR location IS NOT NULL)))`);
  if (filter.unknownAt !== undefined) clauses.push(`${dialect.learned(alias)} > ${bind(filter.unknownAt)} AND ${dialect.notSeeded(alias)}`);
  if (filter.knownAt !== undefined) clauses.push(`(${dialect.learned(alias)} <= ${bind(filter.knownAt)} OR NOT (${dialect.notSeeded(alias)}))`);
  if (filter.learnedAfter !== undefined) clauses.push(`${dialect.learned(alias)} > ${bind(filter.learnedAfter)}`);
  if (filter.months) clauses.push(dialect.oneOf(params, dialect.prefix(dateColumn, 7), filter.months));
  if (filter.learnedUpTo !== undefined) clauses.push(`${dialect.learned(alias)} <= ${bind(filter.learnedUpTo)}`);
  // A bare day or month includes all of it.
  if (filter.to) clauses.push(`${dialect.prefix(dateColumn, filter.to.length)} <= ${bind(filter.to)}`);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The words of a user's search: letters and digits only, so operators and quotes in it are plain text. */
export function searchWords(query: string): string[] {
  return query.match(/[\p{L}\p{N}]+/gu) ?? [];
}
