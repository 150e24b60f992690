import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateFeed } from '../../bench/generate.ts';
import { openApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { bundledSampleDir, bundledStoriesDir } from '../../src/core/paths.ts';
import { loadStories } from '../../src/facts/story.ts';
import { createExtraction, useExtraction, workerEntry, workersFromEnv, type Extraction } from '../../src/pipeline/extraction-pool.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';

// Real workers (piscina, tsx registered in each by extraction-worker.mjs) against the in-process path, on
// the bundled sample and the news set: same items, drafts and facts; same store after an ingest.
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const newsDir = join(root, 'tests/fixtures/news');
const newsFiles = readdirSync(newsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(newsDir, dir.name)).filter((name) => /\.(txt|html)$/.test(name)).map((name) => join(newsDir, dir.name, name)))
  .sort();
const sampleFiles = readdirSync(bundledSampleDir).map((name) => join(bundledSampleDir, name)).sort();
const stories = loadStories(bundledStoriesDir);
const now = new Date('2026-12-01T00:00:00Z');

let pooled: Extraction;
let local: Extraction;
before(() => {
  pooled = createExtraction(2);
  local = createExtraction(0);
});
after(() => pooled.close());

test('CRONISTA_WORKERS: unset is the cores, 0 is in-process, anything else is refused', () => {
  assert.ok(workersFromEnv({}) >= 1);
  assert.equal(workersFromEnv({ CRONISTA_WORKERS: '0' }), 0);
  assert.equal(workersFromEnv({ CRONISTA_WORKERS: ' 3 ' }), 3);
  assert.throws(() => workersFromEnv({ CRONISTA_WORKERS: 'two' }), /CRONISTA_WORKERS/);
  assert.equal(createExtraction(0).workers, 0);
});

test('the worker is the compiled one when running compiled, the tsx bootstrap from sources', () => {
  assert.match(workerEntry('file:///app/dist/src/pipeline/extraction-pool.js').href, /\/dist\/src\/pipeline\/extraction-worker\.js$/);
  assert.match(workerEntry('file:///app/src/pipeline/extraction-pool.ts').href, /\/src\/pipeline\/extraction-worker\.mjs$/);
  assert.match(workerEntry().href, /extraction-worker\.mjs$/);
});

test('pooled extraction gives what in-process extraction gives, file by file (sample and news set)', async () => {
  assert.ok(newsFiles.length >= 100 && sampleFiles.length >= 5, `${newsFiles.length} news files, ${sampleFiles.length} sample files`);
  const localStories = local.stories(stories);
  const pooledStories = pooled.stories(stories);
  let figures = 0;
  // Several files at once: tasks of different files interleave in the workers.
  const results = await Promise.all(
    [...sampleFiles, ...newsFiles].map(async (path) => {
      const bytes = readFileSync(path);
      const [mine, theirs] = await Promise.all([local.read({ from: 'file', path, bytes }), pooled.read({ from: 'file', path, bytes })]);
      assert.deepEqual(theirs, mine, path);
      for (const item of mine.items) {
        const [draftHere, draftThere] = await Promise.all([local.prepare(item, localStories, now), pooled.prepare(item, pooledStories, now)]);
        assert.deepEqual(draftThere, draftHere, `${path}: draft`);
        const [factsHere, factsThere] = await Promise.all([local.facts(draftHere.draft, localStories, null), pooled.facts(draftHere.draft, pooledStories, null)]);
        assert.deepEqual(factsThere, factsHere, `${path}: facts`);
        figures += factsHere.figures.length;
      }
      return path;
    }),
  );
  assert.equal(results.length, sampleFiles.length + newsFiles.length);
  assert.ok(figures > 100, `${figures} figures compared`);
});

test('an error in a worker comes back with its message (and a SourceError as one)', async () => {
  const empty = { key: 'empty-item', url: null, title: null, published: null, text: '  ' };
  await assert.rejects(pooled.prepare(empty, pooled.stories(stories), now), { name: 'SourceError', message: 'item has neither title nor text' });
  await assert.rejects(local.prepare(empty, local.stories(stories), now), { name: 'SourceError', message: 'item has neither title nor text' });
  const binary = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, ...new Array(64).fill(0)]);
  const refused = (extraction: Extraction) => extraction.read({ from: 'file', path: '/x/report.pdf', bytes: binary }).then(
    () => 'read',
    (error: Error) => `${error.name}: ${error.message}`,
  );
  assert.equal(await refused(pooled), await refused(local));
  assert.match(await refused(pooled), /^SourceError: a binary file/);
});

/** Without what differs from one store to another (ids, clock times); documents named by their learned order. */
function comparable(value: unknown, documentIndex: Map<number, number>): unknown {
  if (Array.isArray(value)) return value.map((entry) => comparable(entry, documentIndex));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'documentId') out.document = documentIndex.get(entry as number);
    else if (key !== 'id' && key !== 'sourceId' && !key.endsWith('At')) out[key] = comparable(entry, documentIndex);
  }
  return out;
}

/** Everything an ingest leaves in the store, in learned order. */
async function storedState(app: AppContext) {
  const { sequence } = await app.store.learnedSequence();
  const documents = await app.store.documentsLearnedAfter(0, sequence);
  const index = new Map<number, number>(documents.map((document, position) => [document.id, position]));
  const sorted = (rows: unknown[]) => rows.map((row) => comparable(row, index)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    documents: comparable(documents, index) as { firstLearned: number; copies: { url: string | null }[] }[],
    figures: sorted(await app.store.listFigures()),
    events: sorted(await app.store.listEvents()),
  };
}

async function ingestWith(extraction: Extraction, targets: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-pool-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  useExtraction(app, extraction);
  try {
    const reports = await ingestTargets(app, targets);
    return { reports: reports.map(({ sourceId, touched, ...report }) => ({ ...report, touched: touched.length })), state: await storedState(app) };
  } finally {
    await app.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an ingest through the pool stores the same documents and facts, in the same order, as one without', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-pool-feeds-'));
  try {
    // A generated feed (many items in flight at once, in order), the sample and the news set (copies, near duplicates).
    const feed = join(dir, 'wire.xml');
    writeFileSync(feed, generateFeed(0, 40, 40));
    const targets = [feed, bundledSampleDir, ...newsFiles.filter((path) => /\/(chile-2019|ecuador-2019)\//.test(path)), feed];
    const [here, there] = [await ingestWith(local, targets), await ingestWith(pooled, targets)];
    assert.deepEqual(there.reports, here.reports);
    assert.deepEqual(there.state.documents, here.state.documents);
    assert.deepEqual(there.state.figures, here.state.figures);
    assert.deepEqual(there.state.events, here.state.events);
    assert.ok(here.state.documents.length > 60 && here.state.figures.length > 40, `${here.state.documents.length} documents, ${here.state.figures.length} figures`);
    // The feed's items were learned in its order, and its second reading stored nothing again.
    const wire = here.state.documents.filter((document) => document.copies.some((copy) => copy.url?.startsWith('https://bench.example/')));
    const feedOrder = [...readFileSync(feed, 'utf8').matchAll(/<link>(https:\/\/bench\.example\/news\/\d+)<\/link>/g)].map((match) => match[1]);
    assert.equal(feedOrder.length, 40);
    assert.deepEqual(wire.map((document) => document.copies[0]!.url), feedOrder);
    assert.equal(here.reports.at(-1)!.duplicates, 40);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a closed pool refuses work; a process that ingested through the pool exits without closing it', async () => {
  const closing = createExtraction(1);
  const item = { key: 'k', url: null, title: 'Protesters blocked the road in Juliaca', published: '2023-01-09T00:00:00Z', text: 'Three people died in Juliaca on Monday.' };
  const prepared = await closing.prepare(item, closing.stories(stories), now);
  assert.equal(prepared.draft.text, item.text);
  await closing.close();
  await assert.rejects(closing.prepare(item, closing.stories(stories), now), /closed/);

  // A process that ingested through the pool and never closed it still exits: idle workers do not hold it.
  const dir = mkdtempSync(join(tmpdir(), 'cronista-pool-exit-'));
  try {
    writeFileSync(join(dir, 'wire.xml'), generateFeed(0, 6, 6));
    const script = join(dir, 'ingest.mts');
    const src = (path: string) => JSON.stringify(join(root, path));
    writeFileSync(
      script,
      [
        `import { openApp } from ${src('src/app.ts')};`,
        `import { ingestTargets } from ${src('src/pipeline/ingest.ts')};`,
        `import { extractionFor } from ${src('src/pipeline/extraction-pool.ts')};`,
        `const app = openApp(${JSON.stringify(join(dir, 'data'))}, { llm: null });`,
        `const [report] = await ingestTargets(app, [${JSON.stringify(join(dir, 'wire.xml'))}]);`,
        `console.log(JSON.stringify({ workers: extractionFor(app).workers, added: report.added }));`,
        'await app.store.close();',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CRONISTA_WORKERS: '2', CRONISTA_LOG_LEVEL: 'silent' } });
    assert.equal(run.signal, null, `did not exit by itself (${run.stderr})`);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim()), { workers: 2, added: 6 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
