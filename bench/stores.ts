/**
 * `npm run bench -- --store postgres`: the same measures on SQLite and on PostgreSQL, side by side. Each size runs on
 * SQLite first, then on a fresh database on the server of CRONISTA_BENCH_POSTGRES_URL (default the local one, trust
 * authentication), which the app reaches through CRONISTA_DATABASE_URL (as the CLI and child processes do) and which
 * is dropped afterwards. The run ends with each figure's Postgres ÷ SQLite ratio (issue 14: within 2×).
 */
import pg from 'pg';
import type { Table } from './table.ts';

export type BenchStore = 'sqlite' | 'postgres';

const ADMIN_URL = process.env.CRONISTA_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/**
 * `--store postgres` (or `--store=postgres`): SQLite and Postgres; `--store sqlite` or nothing: SQLite alone;
 * `--store postgres-only`: Postgres alone (to measure it again beside SQLite figures already taken: at 100,000 documents
 * each store takes the better part of an hour).
 */
export function benchStores(argv: readonly string[]): { values: BenchStore[] } {
  const at = argv.findIndex((arg) => arg === '--store' || arg.startsWith('--store='));
  if (at < 0) return { values: ['sqlite'] };
  const value = argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  if (value === 'sqlite') return { values: ['sqlite'] };
  if (value === 'postgres') return { values: ['sqlite', 'postgres'] };
  if (value === 'postgres-only') return { values: ['postgres'] };
  console.error(`--store: "${value ?? ''}" is not a store (sqlite, postgres, postgres-only)`);
  process.exit(2);
}

/** The database a run uses: for Postgres a fresh one, set as CRONISTA_DATABASE_URL until `drop`. */
export async function benchDatabase(store: BenchStore, size: number): Promise<{ drop(): Promise<void> }> {
  if (store === 'sqlite') {
    delete process.env.CRONISTA_DATABASE_URL;
    return { drop: async () => {} };
  }
  const name = `cronista_bench_${process.pid}_${size}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.CRONISTA_DATABASE_URL = url.toString();
  return {
    async drop() {
      delete process.env.CRONISTA_DATABASE_URL;
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The Postgres ÷ SQLite ratio of every figure both stores measured (lower is better for times, higher for rates). */
export function compareStores(table: Table): void {
  const bySize = new Map<string, Map<string, Map<BenchStore, number>>>();
  for (const result of table.results) {
    if (!result.group) continue;
    const labels = bySize.get(result.group.size) ?? new Map<string, Map<BenchStore, number>>();
    bySize.set(result.group.size, labels);
    const stores = labels.get(result.label) ?? new Map<BenchStore, number>();
    labels.set(result.label, stores);
    stores.set(result.group.store as BenchStore, result.value);
  }
  table.heading('PostgreSQL ÷ SQLite (p50 for answers and digests, lower is faster; docs/s for ingest, higher is faster)', null, { columns: false });
  for (const [size, labels] of bySize) {
    for (const [label, stores] of labels) {
      const sqlite = stores.get('sqlite');
      const postgres = stores.get('postgres');
      if (sqlite === undefined || postgres === undefined) continue;
      table.figure(`${size}: ${label}`, `×${(postgres / Math.max(sqlite, 0.001)).toFixed(2)}`);
    }
  }
}
