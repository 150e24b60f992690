/**
 * The quotes of the facts a filter selects (a digest's known sentences), written once for both stores. With a bound,
 * at most `perDate` per date (a figure's as-of day, an event's date): those of the most recently learned facts, read
 * day by day through the (story, date, learned) indexes (SQLite migration 10, Postgres 6), so a digest reads a
 * bounded number of rows however many reports each of its days has. A window over every selected row (what this was
 * before) ranked all the facts of the months around a digest's new events: at 10,000 generated documents 70–80 ms a
 * digest, growing with the story.
 */
import type { FactFilter, QuoteBound } from '../store.ts';
import { factWhere, type FilterDialect } from './fact-filter.ts';

/** How one SQL dialect writes the pieces of the bounded read, beside those of the fact filter. */
export interface QuoteDialect extends FilterDialect {
  /** `column` in list order (date, nulls first). */
  order(column: string): string;
  /** A one-column row source (`value`) of these strings. */
  textRows(params: unknown[], values: readonly string[]): string;
  /**
   * Joins each row before it to the facts `rows` selects (`FROM <table> y WHERE … ORDER BY … LIMIT n`, correlated with
   * that row), as `x` with their `id` and `quote`.
   */
  latestJoin(table: string, rows: string): string;
}

/** The WHERE clause of events: the figure-only fields do not apply. */
export const eventFilter = (filter: FactFilter): FactFilter => ({ ...filter, kinds: undefined, scopes: undefined, regional: undefined, region: undefined });

/**
 * The statement reading the quotes of `table`'s facts that `filter` selects, in listFigures'/listEvents' order (date,
 * then id, nulls first), with its parameters.
 */
export function quotesQuery(
  dialect: QuoteDialect,
  table: 'figures' | 'events',
  filter: FactFilter,
  bound: QuoteBound | undefined,
): { sql: string; params: unknown[] } {
  const date = table === 'figures' ? 'as_of' : 'date';
  const selected = table === 'events' ? eventFilter(filter) : filter;
  if (!bound) {
    const { sql: where, params } = factWhere(dialect, selected, 'x', `x.${date}`);
    return { sql: `SELECT x.quote FROM ${table} x ${where} ORDER BY ${dialect.order(`x.${date}`)}, x.id`, params };
  }
  const params: unknown[] = [];
  const days = daysOf(dialect, params, table, date, selected);
  // Each day's facts, newest learned first (ties: the later stored), the first `perDate` of them.
  const perDate = Math.max(0, Math.floor(bound.perDate));
  const latest = (day: string) => {
    const { sql: where } = factWhere(dialect, selected, 'y', `y.${date}`, params);
    const test = `${where ? `${where} AND` : 'WHERE'} y.${date} ${day}`;
    return `FROM ${table} y ${test} ORDER BY ${dialect.learned('y')} DESC, y.id DESC LIMIT ${dialect.bind(params, perDate)}`;
  };
  const dated = `SELECT x.quote AS quote, days.day AS day, x.id AS id FROM days ${dialect.latestJoin(table, latest('= days.day'))}`;
  // Undated facts (a figure with no as-of day) are a date of their own, as the list has them first; a filter naming
  // dates, months or a range has none.
  const undated = filter.dates || filter.months || filter.from || filter.to
    ? ''
    : ` UNION ALL SELECT u.quote, NULL, u.id FROM (SELECT y.quote, y.id ${latest('IS NULL')}) u`;
  return {
    sql: `WITH RECURSIVE ${days} SELECT r.quote FROM (${dated}${undated}) r ORDER BY ${dialect.order('r.day')}, r.id`,
    params,
  };
}

/**
 * The CTEs naming the days to read (`days`, one column `day`, none null): the filter's dates, or the story's dated
 * days one index seek at a time (a loose index scan: one seek per day with facts, however many facts each day has),
 * from the first of the filter's months to its last when it names some, keeping the days of those months.
 */
function daysOf(dialect: QuoteDialect, params: unknown[], table: string, date: string, filter: FactFilter): string {
  if (filter.dates) return `days (day) AS (SELECT DISTINCT value FROM ${dialect.textRows(params, filter.dates)} v WHERE value IS NOT NULL)`;
  // Bound in the order the text names them (SQLite's placeholders are positional).
  const story = () => (filter.story === undefined ? '' : filter.story === null ? 'y.story IS NULL AND' : `y.story = ${dialect.bind(params, filter.story)} AND`);
  const months = filter.months ? [...filter.months].sort() : undefined;
  const first = () => (months?.length ? `y.${date} >= ${dialect.bind(params, months[0])}` : `y.${date} IS NOT NULL`);
  const before = () => (months?.length ? ` AND d.day < ${dialect.bind(params, `${months.at(-1)}~`)}` : '');
  const start = `SELECT (SELECT MIN(y.${date}) FROM ${table} y WHERE ${story()} ${first()})`;
  const step = `SELECT (SELECT MIN(y.${date}) FROM ${table} y WHERE ${story()} y.${date} > d.day) FROM d WHERE d.day IS NOT NULL${before()}`;
  const inMonths = months ? ` AND ${dialect.oneOf(params, dialect.prefix('d.day', 7), months)}` : '';
  return `d (day) AS (${start} UNION ALL ${step}), days (day) AS (SELECT d.day FROM d WHERE d.day IS NOT NULL${inMonths})`;
}
