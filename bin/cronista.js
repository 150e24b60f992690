#!/usr/bin/env node
// Runs the compiled CLI (dist/, `npm run build`, also done by `npm ci`) when it is up to date with the sources,
// else the TypeScript sources through tsx (CRONISTA_DEV=1 forces that): the rule is in bin/entry.js.
import { chooseEntry } from './entry.js';

const entry = chooseEntry();
if (entry.kind === 'sources') {
  // Said only to a person at a terminal: scripts and services read stdout and stderr as they were.
  if (entry.reason && process.stderr.isTTY) process.stderr.write(`cronista: running the sources through tsx: ${entry.reason}\n`);
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry.url);
