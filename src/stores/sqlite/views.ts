/** The derived views' rows, stale marks and stamps (migration 6), their index (8) and its counts (11); what the rows hold is src/timeline/'s business. */
import type Database from 'better-sqlite3';
import type { StaleKey, ViewName, ViewPageFilter, ViewRange, ViewRowIndex, ViewRowWrite } from '../store.ts';
import { pageClauses, placesText } from '../shared/view-page.ts';

export function staleViewKeys(db: Database.Database, view: ViewName, story: string, limit: number): StaleKey[] {
  return db
    .prepare<[string, string, number], StaleKey>('SELECT key, mark FROM view_stale WHERE view = ? AND story = ? ORDER BY key LIMIT ?')
    .all(view, story, limit);
}

export function saveViewRows(
  db: Database.Database,
  view: ViewName,
  story: string,
  rows: readonly ViewRowWrite[],
  answered: readonly StaleKey[],
): void {
  db.transaction(() => {
    const upsert = db.prepare('INSERT INTO view_rows (view, story, key, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
    const remove = db.prepare('DELETE FROM view_rows WHERE view = ? AND story = ? AND key = ?');
    const index = indexStatements(db);
    let indexed = 0; // index rows added less index rows removed
    for (const row of rows) {
      if (row.value === null) remove.run(view, story, row.key);
      else upsert.run(view, story, row.key, row.value);
      indexed += row.value !== null && row.index ? indexRow(index, view, story, row.key, row.index) : -index.remove.run(view, story, row.key).changes;
    }
    addIndexed(db, view, story, indexed);
    const clear = db.prepare('DELETE FROM view_stale WHERE view = ? AND story = ? AND key = ? AND mark = ?');
    for (const stale of answered) clear.run(view, story, stale.key, stale.mark);
  })();
}

/** The statements that write index entries, prepared once per save. */
function indexStatements(db: Database.Database) {
  return {
    update: db.prepare('UPDATE view_index SET sort = ?, first_day = ?, last_day = ?, places = ?, words = ? WHERE view = ? AND story = ? AND key = ?'),
    insert: db.prepare('INSERT INTO view_index (view, story, key, sort, first_day, last_day, places, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    /** Removes a row's index entry; `changes` is 1 when it had one. */
    remove: db.prepare('DELETE FROM view_index WHERE view = ? AND story = ? AND key = ?'),
  };
}

/** Writes a row's index entry: 1 when the row had none, 0 when one was replaced (an update first, to tell which). */
function indexRow(statements: ReturnType<typeof indexStatements>, view: ViewName, story: string, key: string, index: ViewRowIndex): number {
  const columns = [index.sort, index.firstDay, index.lastDay, placesText(index.places), index.words];
  if (statements.update.run(...columns, view, story, key).changes > 0) return 0;
  statements.insert.run(view, story, key, ...columns);
  return 1;
}

/** Moves the story's count of index rows (migration 11) by `delta`, in the transaction that added or removed them. */
function addIndexed(db: Database.Database, view: ViewName, story: string, delta: number): void {
  if (delta === 0) return;
  db.prepare('INSERT INTO view_index_counts (view, story, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n').run(view, story, delta);
}

/** How many index rows the story's view has: the count of a page that no filter narrows. */
function indexedCount(db: Database.Database, view: ViewName, story: string): number {
  return db.prepare<[string, string], { n: number }>('SELECT n FROM view_index_counts WHERE view = ? AND story = ?').get(view, story)?.n ?? 0;
}

export function viewRows(db: Database.Database, view: ViewName, story: string, range: ViewRange = {}): { rows: { key: string; value: string }[] } {
  const clauses = ['view = @view', 'story = @story'];
  if (range.keys) clauses.push('key IN (SELECT value FROM json_each(@keys))');
  if (range.from !== undefined) clauses.push('key >= @from');
  if (range.to !== undefined) clauses.push('key <= @to');
  const params = { view, story, keys: JSON.stringify(range.keys ?? []), from: range.from ?? '', to: range.to ?? '' };
  return { rows: db.prepare<[typeof params], { key: string; value: string }>(`SELECT key, value FROM view_rows WHERE ${clauses.join(' AND ')} ORDER BY key`).all(params) };
}

/** Matches of a text filter read whole (see `viewPage`): beyond this many, they are dense enough to page in timeline order. */
const SPARSE = 1_000;

export function viewPage(
  db: Database.Database,
  view: ViewName,
  story: string,
  filter: ViewPageFilter,
  page: { offset: number; limit: number | null },
): { rows: { key: string; value: string }[]; total: number } {
  const { where, params } = pageClauses(filter, 3, (text) => `instr(${text}, ?) > 0`, () => '?');
  const selected = `FROM view_index WHERE view = ? AND story = ?${where}`;
  const all = [view, story, ...params];
  const textual = filter.place !== undefined || (filter.words ?? []).some(Boolean);
  // The page, then the count, in one read transaction. (A window count over the page's query, `count(*) OVER ()`, kept
  // every selected index row in a temporary table: 300–460 ms for the first page of 252,037 events at 100,000 generated
  // documents, against 0.4 ms for the page and 45 ms for a plain count on the covering index.)
  return db.transaction(() => {
    // Words or a place that few rows hold: walking the rows in timeline order (through the sort index, a lookup of each
    // row's words) until a page is found reads every row of the story when the matches are rare or none — ~490 ms over
    // 252,000 synthetic rows, against ~100 ms for one pass over the table itself. So one pass in key order first, stopped
    // after SPARSE matches: when it holds them all, those rows alone are sorted and paged (by key), and counted; when it does not, the rest
    // of the pass counts them (one pass in all, as the plain count was) and the page is found in timeline order, early.
    let counted: number | null = null;
    if (textual) {
      const few = db.prepare<unknown[], { key: string }>(`SELECT key ${selected} ORDER BY key LIMIT ?`).all(...all, SPARSE + 1);
      if (few.length <= SPARSE) {
        const rows = db
          .prepare<unknown[], { key: string; value: string }>(
            // (the few keys first: each a lookup of the primary keys)
            `SELECT i.key, r.value FROM json_each(?) AS few
               CROSS JOIN view_index i ON i.view = ? AND i.story = ? AND i.key = few.value
               CROSS JOIN view_rows r ON r.view = i.view AND r.story = i.story AND r.key = i.key
              ORDER BY i.sort, i.key LIMIT ? OFFSET ?`,
          )
          .all(JSON.stringify(few.map((row) => row.key)), view, story, page.limit ?? -1, page.offset);
        return { rows, total: few.length };
      }
      counted = few.length + db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n ${selected} AND key > ?`).get(...all, few.at(-1)!.key)!.n;
    }
    const rows = db
      .prepare<unknown[], { key: string; value: string }>(
        `SELECT p.key, r.value FROM (
           SELECT key, sort ${selected} ORDER BY sort, key LIMIT ? OFFSET ?
         ) p JOIN view_rows r ON r.view = ? AND r.story = ? AND r.key = p.key ORDER BY p.sort, p.key`,
      )
      .all(...all, page.limit ?? -1, page.offset, view, story);
    // (no filter: every index row of the story, whose count is kept — counting them took ~45 ms at 252,000)
    const total = counted ?? (where === ''
      ? indexedCount(db, view, story)
      : page.offset === 0 && page.limit !== null && rows.length < page.limit
        ? rows.length
        : db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n ${selected}`).get(...all)!.n);
    return { rows, total };
  })();
}

export function viewStamp(db: Database.Database, view: ViewName, story: string): string | null {
  return db.prepare<[string, string], { stamp: string }>('SELECT stamp FROM view_stamps WHERE view = ? AND story = ?').get(view, story)?.stamp ?? null;
}

/**
 * Every key the view may have for the story. Deaths: the as-of days of its death figures, and the keys it holds rows
 * for. Timeline: the months of its events, and the months it holds unit rows for (`u:YYYY-MM|DD`, or `u:YYYY-MM`
 * written before the day rows: the 7 characters after `u:` either way).
 */
const VIEW_KEYS: Record<ViewName, string> = {
  deaths: `SELECT as_of AS key FROM figures WHERE story = @story AND kind = 'deaths' AND as_of IS NOT NULL
           UNION SELECT key FROM view_rows WHERE view = @view AND story = @story`,
  timeline: `SELECT substr(date, 1, 7) AS key FROM events WHERE story = @story
           UNION SELECT substr(key, 3, 7) FROM view_rows WHERE view = @view AND story = @story AND key LIKE 'u:%'`,
};

export function resetView(db: Database.Database, view: ViewName, story: string, stamp: string): number {
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO view_stale (view, story, key)
         SELECT @view, @story, key FROM (${VIEW_KEYS[view]}) WHERE true
       ON CONFLICT DO UPDATE SET mark = mark + 1`,
    ).run({ view, story });
    db.prepare('INSERT INTO view_stamps (view, story, stamp) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET stamp = excluded.stamp').run(view, story, stamp);
    return db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM view_stale WHERE view = ? AND story = ?').get(view, story)!.n;
  })();
}
