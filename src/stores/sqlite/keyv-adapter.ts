import type Database from 'better-sqlite3';

/**
 * keyv@5 storage over the `kv` table of our own better-sqlite3 database, so settings live in the
 * same file and transactions as the documents (one SQLite binding: @keyv/sqlite would bring a second).
 * keyv serialises values and handles namespaces; this stores its strings.
 */
export class SqliteKeyvStore {
  namespace?: string;
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], { value: string; expires: number | null }>('SELECT value, expires FROM kv WHERE key = ?'),
      set: db.prepare('INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires'),
      delete: db.prepare('DELETE FROM kv WHERE key = ?'),
      clearPrefix: db.prepare("DELETE FROM kv WHERE key LIKE ? ESCAPE '\\'"),
      clearAll: db.prepare('DELETE FROM kv'),
    };
  }

  async get(key: string): Promise<string | undefined> {
    const row = this.statements.get.get(key);
    if (!row) return undefined;
    if (row.expires !== null && row.expires <= Date.now()) {
      this.statements.delete.run(key);
      return undefined;
    }
    return row.value;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.statements.set.run(key, value, typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null);
    return true;
  }

  /** The stored string under `key` (a full key: namespace included), read synchronously; undefined when absent or expired. */
  getSync(key: string): string | undefined {
    const row = this.statements.get.get(key);
    if (!row || (row.expires !== null && row.expires <= Date.now())) return undefined;
    return row.value;
  }

  /**
   * Writes `value` only if the stored string is still `expected` (undefined: no row), in one
   * `BEGIN IMMEDIATE` transaction, so no other connection — in this process or another — writes in between.
   */
  compareAndSet(key: string, expected: string | undefined, value: string): boolean {
    return this.db
      .transaction(() => {
        if (this.getSync(key) !== expected) return false;
        this.statements.set.run(key, value, null);
        return true;
      })
      .immediate();
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    if (!this.namespace) {
      this.statements.clearAll.run();
      return;
    }
    const prefix = `${this.namespace}:`.replace(/[\\%_]/g, (char) => `\\${char}`);
    this.statements.clearPrefix.run(`${prefix}%`);
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  on(): this {
    return this;
  }
}
