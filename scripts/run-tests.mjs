#!/usr/bin/env node
// Node 20's --test neither expands globs nor finds .ts files: list every tests/**/*.test.ts here
// so a new folder is never silently skipped. Extra arguments filter by path substring.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function list(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : list(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = list('tests')
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The tests make their data directories, feeds and stores under the system's temporary directory, and many leave them
// there (a run left ~300 behind): each run gets a temporary directory of its own, removed when the run ends
// (CRONISTA_KEEP_TEST_TMP=1 keeps it to look into a failure).
const scratch = mkdtempSync(join(tmpdir(), 'cronista-tests-'));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  // Extraction runs in-process unless asked (CRONISTA_WORKERS=2 npm test -- pipeline): worker threads in every test
  // process would crowd the machine; tests/pipeline/extraction-pool.test.ts runs real workers itself.
  { stdio: 'inherit', env: { ...process.env, TMPDIR: scratch, CRONISTA_LOG_LEVEL: process.env.CRONISTA_LOG_LEVEL ?? 'silent', CRONISTA_WORKERS: process.env.CRONISTA_WORKERS ?? '0' } },
);
if (process.env.CRONISTA_KEEP_TEST_TMP === '1') console.error(`test files kept in ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
process.exit(result.status ?? 1);
