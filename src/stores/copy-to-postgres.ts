/**
 * `cronista db copy`: an install's SQLite file into an empty PostgreSQL database. Both schemas hold the same tables
 * and columns (src/stores/sqlite/migrations.ts, src/stores/postgres/migrations.ts), so rows go across table by table,
 * ids kept (a copy's id is its learned sequence: digest cursors stay valid), in one transaction: a copy that fails
 * leaves the database empty. Values are converted by the Postgres column's type (SQLite's 0/1 to booleans, JSON
 * text to jsonb); Postgres-only columns (the search vector) are computed by Postgres. The derived views are not
 * copied: every day and month is marked stale at the end, and `cronista db copy` builds them next (src/cli.ts; otherwise
 * the first read would). The row triggers that would
 * mark them (and move the facts version) row by row are off during the copy (PER_ROW_MARKERS says why); turning them
 * off locks the tables until the copy commits, which an empty target database allows. At the end every table's row
 * count is checked against the SQLite file's, and the tables are analyzed.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { CronistaError, errorMessage } from '../core/errors.ts';
import { redactUrl } from '../core/redact.ts';
import { MARK_EVERYTHING_CHANGED, PER_ROW_MARKERS } from './postgres/migrations.ts';
import { PostgresStore } from './postgres/postgres-store.ts';

/** In the order foreign keys need. */
const TABLES = ['sources', 'documents', 'copies', 'sentence_hashes', 'figures', 'events', 'kv'] as const;
/** Rows per INSERT (Postgres takes at most 65,535 parameters per statement). */
const BATCH = 500;

export interface CopyReport {
  tables: { name: string; rows: number }[];
}

interface Column {
  name: string;
  type: string;
}

async function postgresColumns(client: pg.ClientBase, table: string): Promise<Column[]> {
  const result = await client.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [table],
  );
  return result.rows.map((row) => ({ name: row.column_name, type: row.data_type }));
}

function toPostgres(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === true;
  return value;
}

/** Turns the per-row marking triggers off or on again (inside the copy's transaction: a failed copy leaves them on). */
async function setMarkers(client: pg.ClientBase, state: 'DISABLE' | 'ENABLE'): Promise<void> {
  for (const [table, triggers] of Object.entries(PER_ROW_MARKERS)) {
    for (const trigger of triggers) await client.query(`ALTER TABLE ${table} ${state} TRIGGER ${trigger}`);
  }
}

export async function copySqliteToPostgres(
  sqlitePath: string,
  url: string,
  options: { onProgress?: (done: number, total: number, table: string) => void } = {},
): Promise<CopyReport> {
  if (!existsSync(sqlitePath)) throw new CronistaError(`${sqlitePath}: no SQLite data to copy (check --data / CRONISTA_DATA)`);
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  // Migrates the target to the current schema (and says so clearly when it cannot be reached).
  const store = await PostgresStore.open(url);
  await store.close();
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const counts = TABLES.map((name) => ({ name, rows: source.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${name}`).get()!.n }));
    const total = counts.reduce((sum, table) => sum + table.rows, 0);
    const occupied = await client.query<{ n: string }>('SELECT (SELECT COUNT(*) FROM sources) + (SELECT COUNT(*) FROM documents) AS n');
    if (Number(occupied.rows[0]!.n) > 0) throw new CronistaError(`${redactUrl(url)}: the database already holds sources or documents; copy into an empty one`);

    await client.query('BEGIN');
    await setMarkers(client, 'DISABLE');
    let done = 0;
    for (const { name } of counts) {
      options.onProgress?.(done, total, name);
      const target = new Map((await postgresColumns(client, name)).map((column) => [column.name, column]));
      const columns = source.prepare(`SELECT * FROM ${name} LIMIT 0`).columns().map((column) => column.name);
      const missing = columns.filter((column) => !target.has(column));
      if (missing.length) throw new CronistaError(`${name}: the Postgres schema has no column ${missing.join(', ')}; is this Cronista older than the SQLite file?`);
      const types = columns.map((column) => target.get(column)!.type);
      // kv may already hold rows the store wrote while opening; the SQLite file's settings win.
      const conflict = name === 'kv' ? ' ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires' : '';
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
        await client.query(`INSERT INTO ${name} (${columns.join(', ')}) VALUES ${values.join(', ')}${conflict}`, batch.flat());
        done += batch.length;
        options.onProgress?.(done, total, name);
        batch = [];
      };
      for (const row of source.prepare(`SELECT * FROM ${name}`).raw().iterate() as IterableIterator<unknown[]>) {
        batch.push(row.map((value, column) => toPostgres(value, types[column]!)));
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      // Ids were given explicitly: the sequences behind them continue after the highest.
      if (['integer', 'bigint'].includes(target.get('id')?.type ?? '')) {
        await client.query(`SELECT setval(seq, (SELECT GREATEST(MAX(id), 1) FROM ${name})) FROM pg_get_serial_sequence($1, 'id') AS seq WHERE seq IS NOT NULL`, [name]);
      }
    }
    await setMarkers(client, 'ENABLE');
    await client.query(MARK_EVERYTHING_CHANGED);
    // The next copy's learned sequence continues after the copied ones (src/stores/postgres/migrations.ts).
    await client.query('UPDATE learned_counter SET n = GREATEST(n, (SELECT COALESCE(MAX(id), 0) FROM copies))');
    for (const { name, rows } of counts) {
      const copied = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${name}`)).rows[0]!.n);
      if (copied < rows) throw new CronistaError(`${name}: ${copied} rows in Postgres after the copy, ${rows} in the SQLite file; nothing was kept`);
    }
    await client.query('COMMIT');
    // The planner's statistics of the tables just filled, as after any bulk load (autovacuum may be off, or not run yet)
    await client.query(`ANALYZE ${TABLES.join(', ')}`);
    return { tables: counts };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (error instanceof CronistaError) throw error;
    throw new CronistaError(`copy to ${redactUrl(url)} failed, nothing was kept: ${errorMessage(error).split('\n')[0]}`);
  } finally {
    source.close();
    await client.end().catch(() => {});
  }
}
