/**
 * The Postgres connection: the pool (bigint and counts read as numbers), URLs as they may be shown (no password,
 * no query string), one-line errors, and transactions that retry when Postgres picked them as a deadlock's victim.
 */
import pg from 'pg';
import { CronistaError } from '../../core/errors.ts';

/** Anything that runs a query: the pool (one statement, autocommit) or a client inside a transaction. */
export type Sql = pg.Pool | pg.PoolClient;

/** Attempts of a transaction Postgres aborted as a deadlock's victim or a serialization failure. */
const MAX_TRANSACTION_ATTEMPTS = 5;
const RETRYABLE = new Set(['40P01', '40001']);

const INT8_OID = 20;

/** Type parsers of this pool: bigint ids and COUNT(*) as JS numbers (every id and count here fits in 2^53). */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPool(url: string): pg.Pool {
  // JIT off: Cronista's statements are short, and a planner without statistics (autovacuum off, young tables) estimates
  // costs high enough to compile them (10–170 ms a statement for nothing).
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 10_000, options: '-c jit=off' });
  // An idle connection the server closed (restart, DROP DATABASE … WITH (FORCE)) must not crash the process:
  // the pool drops it and the next query connects again.
  pool.on('error', () => {});
  return pool;
}

/** A connection of its own outside the pool (LISTEN holds it), with the pool's type parsers and TCP keepalive. */
export function createClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, types, keepAlive: true, connectionTimeoutMillis: 10_000 });
}

/** `url` as it may be shown: user and host kept, password and query string left out. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url.replace(/^([a-z][\w+.-]*:\/\/)[^@/?#]*@/i, '$1').replace(/[?#].*$/s, '');
  }
}

/** An error's message on one line, with the URL's password cut out should a driver ever repeat it. */
export function reasonOf(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not a URL: nothing to cut
  }
  const line = message.replace(/\s+/g, ' ').trim();
  return password ? line.split(password).join('…') : line;
}

/** Wraps a failure to reach the server as the one-line error `open` and every method throw. */
export function connectionError(url: string, error: unknown): CronistaError {
  if (error instanceof CronistaError) return error;
  return new CronistaError(`${describeUrl(url)}: cannot connect: ${reasonOf(error, url)}`, { cause: error });
}

/** Positional parameters of one statement built in pieces: `bind` adds a value and answers its placeholder. */
export class Params {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Runs `work` in one transaction (READ COMMITTED), committed when it returns, rolled back when it throws.
 * `begin`: statements without parameters run first in the same round trip as BEGIN (a lock every caller takes).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, options: { begin?: string } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      // A simple query may hold several statements: one round trip for both.
      await client.query(options.begin ? `BEGIN; ${options.begin}` : 'BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool rather than handed out again.
      await client.query('ROLLBACK').catch(() => (broken = true));
      const code = (error as { code?: string }).code;
      if (code === undefined || !RETRYABLE.has(code) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
    } finally {
      client.release(broken);
    }
  }
}
