// Preloaded into a child process (`node --import ./record-packages.mjs …`, with CRONISTA_RECORD_PACKAGES=<file>):
// writes to that file, one per line, every module URL the ES module loader resolves (a module.register hook,
// which also sees the first import of a CommonJS package) and, at exit, every module in the CommonJS cache
// (what CommonJS packages require from each other). tests/cli/lazy-start.test.ts reads it.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const out = process.env.CRONISTA_RECORD_PACKAGES;

/** The loader hook (it runs on the loader's own thread). */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (out) appendFileSync(out, `${resolved.url}\n`);
  return resolved;
}

if (isMainThread && out) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(out, Object.keys(cache).map((path) => `${pathToFileURL(path).href}\n`).join('')));
}
