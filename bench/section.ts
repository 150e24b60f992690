/**
 * What a bench section is: a named measure run once per corpus size, after the ones before it (the ingest
 * fills the data directory, the answers and the digest read it). To add one, write a file exporting a
 * BenchSection and list it in bench/run.ts (`sections`, or behind a flag like `--loop`).
 */
import type { AppContext } from '../src/core/context.ts';
import type { Table } from './table.ts';

export interface BenchContext {
  /** Generated documents in this corpus. */
  size: number;
  /** New documents the digest section ingests and digests. */
  newDocuments: number;
  /** Warm calls per latency figure. */
  runs: number;
  /** `--quick`: a small smoke run. */
  quick: boolean;
  /** A scratch directory for this size (removed afterwards); the feeds are in `${work}/feeds`. */
  work: string;
  /** Which store the app runs on (`--store postgres` runs both, one after the other). */
  store: 'sqlite' | 'postgres';
  /** The app's data directory (cronista.db, charts). */
  dataDir: string;
  /** The open app on dataDir. */
  app: AppContext;
  /** Closes the app and opens it again on the same data directory (a restart: caches are per store). */
  reopen(): Promise<AppContext>;
  table: Table;
  /** The repository root (bin/cronista.js, bench/). */
  root: string;
}

export interface BenchSection {
  name: string;
  /** Run for the first corpus size only (a measure that does not depend on the store's size). */
  once?: boolean;
  run(context: BenchContext): Promise<void>;
}
