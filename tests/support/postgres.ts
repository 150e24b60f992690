/**
 * A fresh PostgreSQL database for a test file: created on the server of CRONISTA_TEST_POSTGRES_URL (default: the local
 * one, trust authentication), handed over as a URL, dropped afterwards (WITH (FORCE): connections left open go too).
 */
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.CRONISTA_TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** `work` on a client connected to the database of `url`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const onServer = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => withClient(TEST_POSTGRES_URL, work);

/** Creates `cronista_test_<random>` and returns its URL; `drop()` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cronista_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** For a test file: each call gives the URL of a fresh database; every one is dropped when the file's tests are done. */
export function databasesForThisFile(): () => Promise<string> {
  const databases: TestDatabase[] = [];
  after(() => Promise.all(databases.map((database) => database.drop())));
  return async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database.url;
  };
}
