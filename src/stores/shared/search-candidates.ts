/**
 * How many matches a search ranks, in either store: the `searchCandidates(limit)` most recently stored ones. Ranking
 * reads every ranked document's index entries (FTS5's bm25, Postgres' ts_rank), so ranking every match of a common word
 * grows with the store (SQLite: 133 ms for "Juliaca curfew" at 100,000 generated documents, most of which match). A
 * query matching at most that many documents gets every match, best first; one matching more gets the best of the
 * most recent ones — in a news store, the reports a reader is likeliest to be after.
 */
export function searchCandidates(limit: number): number {
  return Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_HIT);
}
const MIN_CANDIDATES = 200;
const CANDIDATES_PER_HIT = 20;
