/**
 * How the bench prints: one compact table per corpus size, a row per measure, printed as soon as it is
 * measured (a 100,000-document run takes a while). Latency rows fill the timing columns; other rows
 * (throughput, wall time) put their figure in the first columns as free text.
 */

/** Column headings and widths; the first (the measure) is left-aligned, the rest right-aligned. */
const COLUMNS: [heading: string, width: number][] = [
  ['', 28],
  ['p50', 9],
  ['p99', 9],
  ['1st reopen', 11],
  ['1st process', 12],
  ['bare p50', 10],
  ['bare 1st', 10],
  ['p50÷bare', 9],
];

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds, with a decimal below 10 ms (bare queries are often that short). */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return value < 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const count = (n: number) => n.toLocaleString('en');

/** Times `runs` calls of `call` (awaited one after another); sorted milliseconds. */
export async function timeRuns(runs: number, call: (run: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await call(run);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export interface LatencyRow {
  label: string;
  /** Warm calls, sorted (ms). */
  warm: readonly number[];
  /** The first call on an app closed and opened again on the same data directory (ms). */
  firstReopen?: number | null;
  /** The first call in a fresh process (ms). */
  firstProcess?: number | null;
  /** The bare SQLite query, warm calls sorted, and its first run on a new connection (ms). */
  bare?: { warm: readonly number[]; first: number } | null;
  /** Appended after the columns (e.g. "42 events"). */
  note?: string;
}

/** A figure as measured, for comparisons after the run (bench/stores.ts): a latency's p50, or a rate. */
export interface Result {
  group: { size: string; store: string } | null;
  label: string;
  value: number;
}

export class Table {
  readonly results: Result[] = [];
  private group: Result['group'] = null;

  constructor(private readonly out: (line: string) => void = (line) => console.log(line)) {}

  /** The heading of one corpus size (`group`: which size and store the rows below it measure). */
  heading(title: string, group: Result['group'] = null, options: { columns?: boolean } = {}): void {
    this.group = group;
    this.out('');
    this.out(title);
    if (options.columns !== false) this.out(this.cells(COLUMNS.map(([heading]) => heading)));
  }

  latency(row: LatencyRow): void {
    const p50 = percentile(row.warm, 50);
    this.results.push({ group: this.group, label: row.label, value: p50 });
    const bareP50 = row.bare ? percentile(row.bare.warm, 50) : null;
    const times = bareP50 ? p50 / Math.max(bareP50, 0.001) : null;
    const ratio = times === null ? '–' : `×${times.toFixed(times >= 10 ? 0 : times >= 1 ? 1 : 2)}`;
    const cells = [row.label, ms(p50), ms(percentile(row.warm, 99)), ms(row.firstReopen), ms(row.firstProcess), ms(bareP50), ms(row.bare?.first), ratio];
    this.out(`${this.cells(cells)}${row.note ? `  ${row.note}` : ''}`);
  }

  /** A measure that is no latency: its figure, then what it is compared with; `value`, when given, is kept for comparisons. */
  figure(label: string, figure: string, bare?: string, value?: number): void {
    if (value !== undefined) this.results.push({ group: this.group, label, value });
    this.out(`${label.padEnd(COLUMNS[0]![1])} ${figure}${bare ? `  (${bare})` : ''}`);
  }

  /** A line of its own (footnotes, warnings). */
  note(text: string): void {
    this.out(`  ${text}`);
  }

  private cells(cells: string[]): string {
    return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');
  }
}
