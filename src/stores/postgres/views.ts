/** The derived views' rows, stale marks and stamps in Postgres (same semantics as src/stores/sqlite/views.ts). */
import type pg from 'pg';
import type { StaleKey, ViewName, ViewPageFilter, ViewRange, ViewRowWrite } from '../store.ts';
import { pageClauses, placesText } from '../shared/view-page.ts';
import { inTransaction, type Sql } from './connection.ts';

export async function staleViewKeys(sql: Sql, view: ViewName, story: string, limit: number): Promise<StaleKey[]> {
  const { rows } = await sql.query<StaleKey>('SELECT key, mark FROM view_stale WHERE view = $1 AND story = $2 ORDER BY key LIMIT $3', [view, story, limit]);
  return rows;
}

/**
 * Saves rows (a null value deletes one) and clears the marks they answered, in one transaction (retried should two
 * refreshes at once deadlock), one statement per ROWS_PER_STATEMENT rows; a mark a write moved meanwhile stays. Keys
 * are written in order, so two refreshes at once mostly lock rows in the same order.
 */
export async function saveViewRows(
  pool: pg.Pool,
  view: ViewName,
  story: string,
  rows: readonly ViewRowWrite[],
  answered: readonly StaleKey[],
): Promise<void> {
  if (rows.length === 0 && answered.length === 0) return;
  const byKey = <T extends { key: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const saved = byKey(rows.filter((row) => row.value !== null));
  const cleared = byKey(answered);
  const statement = `WITH gone AS (
       DELETE FROM view_rows WHERE view = $1 AND story = $2 AND key = ANY($3::text[])),
     saved AS (
       INSERT INTO view_rows (view, story, key, value)
       SELECT $1, $2, saving.key, saving.value FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS saving(key, value, i) ORDER BY saving.i
       ON CONFLICT (view, story, key) DO UPDATE SET value = excluded.value),
     answered AS (
       DELETE FROM view_stale s USING unnest($6::text[], $7::bigint[]) AS done(key, mark)
        WHERE s.view = $1 AND s.story = $2 AND s.key = done.key AND s.mark = done.mark)
     SELECT 1`;
  const deleted = rows.filter((row) => row.value === null).map((row) => row.key);
  const ordered = byKey(rows);
  await inTransaction(pool, async (client) => {
    // (a refresh after a large import writes tens of thousands of rows: one statement for all of them was built as one
    // quoted text of every value — the refresh's peak heap at 20,000 generated documents went 493 → 400 MB with this)
    for (let from = 0; from < Math.max(deleted.length, saved.length, cleared.length); from += ROWS_PER_STATEMENT) {
      const to = from + ROWS_PER_STATEMENT;
      const savedPart = saved.slice(from, to);
      const clearedPart = cleared.slice(from, to);
      await client.query(statement, [
        view,
        story,
        deleted.slice(from, to),
        savedPart.map((row) => row.key),
        savedPart.map((row) => row.value),
        clearedPart.map((stale) => stale.key),
        clearedPart.map((stale) => stale.mark),
      ]);
    }
    let indexed = 0; // index rows added less index rows removed
    for (let from = 0; from < ordered.length; from += ROWS_PER_STATEMENT) indexed += await saveIndex(client, view, story, ordered.slice(from, from + ROWS_PER_STATEMENT));
    await addIndexed(client, view, story, indexed);
  });
}

/** Rows written by one statement of `saveViewRows`: bounds the memory a statement's parameters take. */
const ROWS_PER_STATEMENT = 2_000;

export async function viewRows(sql: Sql, view: ViewName, story: string, range: ViewRange = {}): Promise<{ rows: { key: string; value: string }[] }> {
  const params: unknown[] = [view, story];
  const clauses = ['view = $1', 'story = $2'];
  if (range.keys) clauses.push(`key = ANY($${params.push([...range.keys])}::text[])`);
  if (range.from !== undefined) clauses.push(`key >= $${params.push(range.from)}`);
  if (range.to !== undefined) clauses.push(`key <= $${params.push(range.to)}`);
  const { rows } = await sql.query<{ key: string; value: string }>(`SELECT key, value FROM view_rows WHERE ${clauses.join(' AND ')} ORDER BY key`, params);
  return { rows };
}

/**
 * The index of the rows saved (`viewPage` reads it), in the rows' transaction: rows deleted or saved without an index
 * leave it, the others are written (two statements however many rows). Returns how many index rows it added less how
 * many it removed. An upsert does not tell an insert from an update (before Postgres 18's RETURNING old), so the
 * statement counts the keys already indexed in its own snapshot. That count is exact: each key's row was written
 * earlier in this transaction (saveViewRows), which holds its view_rows row locked until commit, so no other
 * transaction can be between writing and committing the same key's index entry; and a statement taken after the lock
 * was granted sees what the transaction holding it before committed (read committed).
 */
async function saveIndex(client: pg.PoolClient, view: ViewName, story: string, rows: readonly ViewRowWrite[]): Promise<number> {
  const indexed = rows.flatMap((row) => (row.value !== null && row.index ? [{ key: row.key, ...row.index }] : []));
  const unindexed = rows.filter((row) => row.value === null || !row.index).map((row) => row.key);
  let delta = 0;
  if (unindexed.length > 0) {
    const removed = await client.query('DELETE FROM view_index WHERE view = $1 AND story = $2 AND key = ANY($3::text[])', [view, story, unindexed]);
    delta -= removed.rowCount ?? 0;
  }
  if (indexed.length === 0) return delta;
  const { rows: [written] } = await client.query<{ known: string }>(
    `WITH known AS (
       SELECT count(*) AS n FROM view_index WHERE view = $1 AND story = $2 AND key = ANY($3::text[])),
     saved AS (
       INSERT INTO view_index (view, story, key, sort, first_day, last_day, places, words)
       SELECT $1, $2, i.key, i.sort, i.first_day, i.last_day, i.places, i.words
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS i(key, sort, first_day, last_day, places, words, n)
        ORDER BY i.n
       ON CONFLICT (view, story, key) DO UPDATE SET sort = excluded.sort, first_day = excluded.first_day, last_day = excluded.last_day,
         places = excluded.places, words = excluded.words)
     SELECT n AS known FROM known`,
    [
      view,
      story,
      indexed.map((row) => row.key),
      indexed.map((row) => row.sort),
      indexed.map((row) => row.firstDay),
      indexed.map((row) => row.lastDay),
      indexed.map((row) => placesText(row.places)),
      indexed.map((row) => row.words),
    ],
  );
  // (the keys of one statement are distinct: an upsert may not touch a row twice)
  return delta + indexed.length - Number(written!.known);
}

/**
 * Moves the story's count of index rows (migration 7) by `delta`, last in the transaction that added or removed them:
 * writers of one story wait for each other only from here to their commit, and take no other lock after it.
 */
async function addIndexed(client: pg.PoolClient, view: ViewName, story: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await client.query(
    `INSERT INTO view_index_counts (view, story, n) VALUES ($1, $2, $3)
     ON CONFLICT (view, story) DO UPDATE SET n = view_index_counts.n + excluded.n`,
    [view, story, delta],
  );
}

/** One page of the indexed rows and the count selected (as in src/stores/sqlite/views.ts; one statement, one snapshot, but for a page past the end of a text filter's selection). */
export async function viewPage(
  sql: Sql,
  view: ViewName,
  story: string,
  filter: ViewPageFilter,
  page: { offset: number; limit: number | null },
): Promise<{ rows: { key: string; value: string }[]; total: number }> {
  const { where, params } = pageClauses(filter, 3, (text, at) => `strpos(${text}, $${at}) > 0`, (at) => `$${at}`);
  const all: unknown[] = [view, story, ...params];
  const selected = `FROM view_index WHERE view = $1 AND story = $2${where}`;
  if (filter.place !== undefined || (filter.words ?? []).some(Boolean)) return textPage(sql, selected, all, page);
  // The selection's count beside the page even when the page is empty (an offset past the end). Without a filter it
  // is every index row of the story, whose count is kept (counting them was a parallel scan: ~170 ms at 252,000).
  const total = where === '' ? 'SELECT COALESCE((SELECT n FROM view_index_counts WHERE view = $1 AND story = $2), 0)' : `SELECT count(*) ${selected}`;
  const { rows } = await sql.query<{ key: string | null; value: string | null; total: string }>(
    `WITH page AS (
       SELECT key, sort ${selected} ORDER BY sort, key LIMIT $${all.push(page.limit)} OFFSET $${all.push(page.offset)}
     )
     SELECT p.key, r.value, (${total}) AS total
       FROM (SELECT 1) one LEFT JOIN (page p JOIN view_rows r ON r.view = $1 AND r.story = $2 AND r.key = p.key) ON true
      ORDER BY p.sort, p.key`,
    all,
  );
  return { rows: rows.flatMap((row) => (row.key === null || row.value === null ? [] : [{ key: row.key, value: row.value }])), total: Number(rows[0]?.total ?? 0) };
}

/**
 * A page selected by words or a place: every row of the story is read to test them, so one pass gives the page and its
 * count (a window count taken before the LIMIT) — the page and a count apart read them twice (~170 ms each over
 * 252,000 synthetic rows). Without such a filter the page is found early through the sort index and counted on the
 * index, so `viewPage` keeps that. An empty page carries no count: past the end, it is counted on its own.
 */
async function textPage(sql: Sql, selected: string, params: readonly unknown[], page: { offset: number; limit: number | null }): Promise<{ rows: { key: string; value: string }[]; total: number }> {
  const all = [...params, page.limit, page.offset];
  const { rows } = await sql.query<{ key: string; value: string; total: string }>(
    `SELECT p.key, r.value, p.total FROM (
       SELECT key, sort, count(*) OVER () AS total ${selected} ORDER BY sort, key LIMIT $${all.length - 1} OFFSET $${all.length}
     ) p JOIN view_rows r ON r.view = $1 AND r.story = $2 AND r.key = p.key
      ORDER BY p.sort, p.key`,
    all,
  );
  if (rows.length > 0) return { rows: rows.map((row) => ({ key: row.key, value: row.value })), total: Number(rows[0]!.total) };
  if (page.offset === 0 && page.limit !== 0) return { rows: [], total: 0 };
  const { rows: counted } = await sql.query<{ n: string }>(`SELECT count(*) AS n ${selected}`, [...params]);
  return { rows: [], total: Number(counted[0]?.n ?? 0) };
}

export async function viewStamp(sql: Sql, view: ViewName, story: string): Promise<string | null> {
  const { rows } = await sql.query<{ stamp: string }>('SELECT stamp FROM view_stamps WHERE view = $1 AND story = $2', [view, story]);
  return rows[0]?.stamp ?? null;
}

/** Every key the view may have for the story (as in src/stores/sqlite/views.ts). */
const VIEW_KEYS: Record<ViewName, string> = {
  deaths: `SELECT as_of AS key FROM figures WHERE story = $2 AND kind = 'deaths' AND as_of IS NOT NULL
           UNION SELECT key FROM view_rows WHERE view = $1 AND story = $2`,
  timeline: `SELECT substr(date, 1, 7) AS key FROM events WHERE story = $2
           UNION SELECT substr(key, 3, 7) FROM view_rows WHERE view = $1 AND story = $2 AND key LIKE 'u:%'`,
};

export async function resetView(pool: pg.Pool, view: ViewName, story: string, stamp: string): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO view_stale (view, story, key)
         SELECT $1, $2, key FROM (${VIEW_KEYS[view]}) AS keys
         ORDER BY key
       ON CONFLICT (view, story, key) DO UPDATE SET mark = view_stale.mark + 1`,
      [view, story],
    );
    await client.query(
      'INSERT INTO view_stamps (view, story, stamp) VALUES ($1, $2, $3) ON CONFLICT (view, story) DO UPDATE SET stamp = excluded.stamp',
      [view, story, stamp],
    );
    const { rows } = await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM view_stale WHERE view = $1 AND story = $2', [view, story]);
    return rows[0]!.n;
  });
}
