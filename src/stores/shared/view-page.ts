/** The SQL of `Store.viewPage`'s filter, shared by both stores (each gives its substring test and placeholder). */
import type { ViewPageFilter } from '../store.ts';

/** The places column: every (normalized) place between newlines, so a place matches only whole. */
export const placesText = (places: readonly string[]): string => `\n${places.join('\n')}\n`;

/**
 * The filter's conditions (each starting with ` AND `) and their parameters, numbered from `first`. `contains(column,
 * at)` is the store's substring test of parameter `at`; `param(at)` its placeholder.
 */
export function pageClauses(
  filter: ViewPageFilter,
  first: number,
  contains: (column: string, at: number) => string,
  param: (at: number) => string,
): { where: string; params: string[] } {
  const params: string[] = [];
  const add = (value: string) => first + params.push(value) - 1;
  let where = '';
  if (filter.from !== undefined) where += ` AND last_day >= ${param(add(filter.from))}`;
  if (filter.to !== undefined) where += ` AND first_day <= ${param(add(filter.to))}`;
  if (filter.place !== undefined) where += ` AND ${contains('places', add(placesText([filter.place])))}`;
  for (const word of filter.words ?? []) if (word) where += ` AND ${contains('words', add(word))}`;
  return { where, params };
}
