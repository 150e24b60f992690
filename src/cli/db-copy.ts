import { Presets, SingleBar } from 'cli-progress';
import { copyDataToPostgres } from '../app.ts';
import { redactUrl } from '../core/redact.ts';

/**
 * `cronista db copy --to <url>`: the SQLite data of the data directory into an empty Postgres database, with a
 * progress bar on a terminal. Returns the lines to print: rows per table, checked against the source's counts.
 */
export async function copyToPostgres(dataDir: string, url: string): Promise<string[]> {
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: '[{bar}] {value}/{total} rows  {table}' }, Presets.shades_classic) : null;
  bar?.start(1, 0, { table: '' });
  try {
    const report = await copyDataToPostgres(dataDir, url, (done, total, table) => {
      bar?.setTotal(total);
      bar?.update(done, { table });
    });
    bar?.stop();
    return [
      ...report.tables.map((table) => `${table.name}: ${table.rows.toLocaleString('en')} ${table.rows === 1 ? 'row' : 'rows'}`),
      `copied to ${redactUrl(url)}; the counts match the SQLite file's`,
    ];
  } finally {
    bar?.stop();
  }
}
