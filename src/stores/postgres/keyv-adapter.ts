/**
 * keyv@5 storage over the `kv` table of the Postgres database, so settings and cursors live in the same database as
 * the documents (no @keyv/postgres and its own pool). keyv serialises values and handles namespaces; this stores its
 * strings, with a TTL as `expires` (ms since the epoch). `compareAndSet` is what `Store.updateKv` is built on.
 */
import type pg from 'pg';

export class PostgresKeyvStore {
  namespace?: string;

  /** `ready`: resolves once the schema is there (the store's connection and migrations). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly ready: Promise<void>,
  ) {}

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    await this.ready;
    return this.pool.query<R>(sql, params);
  }

  /** The stored string under `key` (a full key: namespace included); undefined when absent or expired. */
  async getRaw(key: string): Promise<string | undefined> {
    const { rows } = await this.query<{ value: string }>('SELECT value FROM kv WHERE key = $1 AND (expires IS NULL OR expires > $2)', [key, Date.now()]);
    return rows[0]?.value;
  }

  async get(key: string): Promise<string | undefined> {
    const { rows } = await this.query<{ value: string; expires: number | null }>('SELECT value, expires FROM kv WHERE key = $1', [key]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.expires !== null && row.expires <= Date.now()) {
      await this.query('DELETE FROM kv WHERE key = $1 AND expires = $2', [key, row.expires]);
      return undefined;
    }
    return row.value;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    await this.query(
      'INSERT INTO kv (key, value, expires) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      [key, value, typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null],
    );
    return true;
  }

  /**
   * Writes `value` only if the stored string is still `expected` (undefined: no live row), in one statement, so no
   * other writer — in this process or another — slips in between the comparison and the write.
   */
  async compareAndSet(key: string, expected: string | undefined, value: string): Promise<boolean> {
    const now = Date.now();
    const result =
      expected === undefined
        ? await this.query(
            `INSERT INTO kv (key, value, expires) VALUES ($1, $2, NULL)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = NULL WHERE kv.expires IS NOT NULL AND kv.expires <= $3`,
            [key, value, now],
          )
        : await this.query('UPDATE kv SET value = $2, expires = NULL WHERE key = $1 AND value = $3 AND (expires IS NULL OR expires > $4)', [key, value, expected, now]);
    return result.rowCount === 1;
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.query('DELETE FROM kv WHERE key = $1', [key])).rowCount ?? 0) > 0;
  }

  async clear(): Promise<void> {
    if (!this.namespace) {
      await this.query('DELETE FROM kv', []);
      return;
    }
    const prefix = `${this.namespace}:`.replace(/[\\%_]/g, (char) => `\\${char}`);
    await this.query("DELETE FROM kv WHERE key LIKE $1 ESCAPE '\\'", [`${prefix}%`]);
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  on(): this {
    return this;
  }
}
