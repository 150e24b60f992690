/**
 * The quotes of the facts a filter selects (a digest's known sentences), written once for both stores. With a bound,
 * at most `perDate` per date (a figure's as-of day, an event's date): those of the most recently learned facts, chosen
 * in SQL (a window over the selected rows), so a digest reads a bounded number of known sentences however large the
 * story grows.
 */
import type { FactFilter, QuoteBound } from '../store.ts';
import { factWhere, type FilterDialect } from './fact-filter.ts';

/** The WHERE clause of events: the figure-only fields do not apply. */
export const eventFilter = (filter: FactFilter): FactFilter => ({ ...filter, kinds: undefined, scopes: undefined, regional: undefined, region: undefined });

/**
 * The statement reading the quotes of `table`'s facts that `filter` selects, in listFigures'/listEvents' order (date,
 * then id; `order` writes that date order, nulls first), with its parameters.
 */
export function quotesQuery(
  dialect: FilterDialect,
  table: 'figures' | 'events',
  filter: FactFilter,
  bound: QuoteBound | undefined,
  order: (dateColumn: string) => string,
): { sql: string; params: unknown[] } {
  const date = table === 'figures' ? 'as_of' : 'date';
  const { sql: where, params } = factWhere(dialect, table === 'events' ? eventFilter(filter) : filter, 'x', date);
  if (!bound) return { sql: `SELECT x.quote FROM ${table} x ${where} ORDER BY ${order(`x.${date}`)}, x.id`, params };
  // Ranked within its date, newest learned first (ties: the later stored); the bound keeps the first ranks.
  const ranked = `SELECT x.quote, x.${date} AS day, x.id,
           ROW_NUMBER() OVER (PARTITION BY x.${date} ORDER BY ${dialect.learned('x')} DESC, x.id DESC) AS recency
      FROM ${table} x ${where}`;
  const limit = dialect.bind(params, Math.max(0, Math.floor(bound.perDate)));
  return { sql: `SELECT r.quote FROM (${ranked}) r WHERE r.recency <= ${limit} ORDER BY ${order('r.day')}, r.id`, params };
}
