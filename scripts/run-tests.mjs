#!/usr/bin/env node
// Node 20's --test neither expands globs nor finds .ts files: list every tests/**/*.test.ts here
// so a new folder is never silently skipped. Extra arguments filter by path substring.
import { readdirSync } from 'node:fs';
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
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  // Extraction runs in-process unless asked (CRONISTA_WORKERS=2 npm test -- pipeline): worker threads in every test
  // process would crowd the machine; tests/pipeline/extraction-pool.test.ts runs real workers itself.
  { stdio: 'inherit', env: { ...process.env, CRONISTA_LOG_LEVEL: process.env.CRONISTA_LOG_LEVEL ?? 'silent', CRONISTA_WORKERS: process.env.CRONISTA_WORKERS ?? '0' } },
);
process.exit(result.status ?? 1);
