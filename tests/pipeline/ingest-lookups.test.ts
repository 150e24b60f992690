// With workers, the ingest stage (src/pipeline/ingest.ts, stageItem) asks the store where each item stands before its
// turn, to extract early; ingestDraft reuses that answer (src/pipeline/store-draft.ts, planReads) instead of asking
// again (issue 14: a round trip per document on PostgreSQL). The answers are read up to `ahead` items early, so
// earlier items of the same batch make them stale: the same text again, the same item again, a fuller text. What is
// stored must be what an ingest without the stage stores, on both stores.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateArticle } from '../../bench/generate.ts';
import { openApp, openConfiguredApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import type { RawItem } from '../../src/documents/types.ts';
import { createExtraction, useExtraction } from '../../src/pipeline/extraction-pool.ts';
import { storeItems } from '../../src/pipeline/ingest.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const freshDatabase = databasesForThisFile();
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const text = (index: number) => generateArticle(index, 100).text;
const item = (key: string, body: string): RawItem => ({ key, url: `https://wire.example/${key}`, title: key, published: '2023-01-10T08:00:00Z', text: body });

/**
 * Items whose stage answers go stale before their turn (the stage reads up to 4 items ahead with one worker): a new
 * text, another, the first text under another key, the second item again, the second text inside a fuller one, and
 * new texts between them.
 */
const ITEMS: RawItem[] = [
  item('a', text(1)),
  item('b', text(2)),
  item('a-again', text(1)),
  item('b', text(2)),
  item('b-fuller', `${text(2)}\n\n${text(3)}`),
  item('c', text(4)),
  item('d', text(5)),
  item('c-again', text(4)),
];

async function openStore(kind: 'sqlite' | 'postgres'): Promise<AppContext> {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-lookups-'));
  dirs.push(dir);
  if (kind === 'sqlite') return openApp(join(dir, 'data'), { llm: null });
  return openConfiguredApp(join(dir, 'data'), { llm: null, env: { CRONISTA_DATABASE_URL: await freshDatabase() } });
}

/** Counts the calls of the store's planning reads. */
function countReads(app: AppContext): Record<'lookupDraft' | 'nearDuplicateCandidates' | 'learnedSequence', number> {
  const counts = { lookupDraft: 0, nearDuplicateCandidates: 0, learnedSequence: 0 };
  const store = app.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of Object.keys(counts) as (keyof typeof counts)[]) {
    const original = store[name]!.bind(app.store);
    store[name] = (...args) => {
      counts[name]++;
      return original(...args);
    };
  }
  return counts;
}

async function storedDocuments(app: AppContext): Promise<string[]> {
  const documents = await app.store.documentsLearnedAfter(0, (await app.store.learnedSequence()).sequence);
  return documents.map((document) => `${document.text.length} chars: ${document.copies.map((copy) => copy.url).join(', ')}`);
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`${kind}: the stage's answers are not asked again, and the items stored are those of an ingest without the stage`, async () => {
    const staged = await openStore(kind);
    const plain = await openStore(kind);
    // In-process extraction (no threads) that the stage treats as one worker: it reads and extracts items ahead.
    useExtraction(staged, { ...createExtraction(0), workers: 1 });
    useExtraction(plain, createExtraction(0));
    try {
      const source = async (app: AppContext) => (await app.store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' })).id;
      const [stagedSource, plainSource] = [await source(staged), await source(plain)];
      const reads = countReads(staged);
      // The views are left alone (their refresh reads the learned sequence).
      const report = await storeItems(staged, stagedSource, ITEMS, { refreshViews: false });
      const expected = await storeItems(plain, plainSource, ITEMS, { refreshViews: false });
      assert.deepEqual({ ...report, touched: report.touched.length }, { ...expected, touched: expected.touched.length });
      assert.deepEqual(report.errors, []);
      // From one source, a copy of a document the source already has counts as a duplicate (b-fuller: its text is taken).
      assert.deepEqual([report.added, report.merged, report.duplicates], [4, 0, 4]);
      // Each item: the stage's lookupDraft, then (its answer said neither known nor a stored text) the near duplicates,
      // which come with the sequence the plan is based on. (A copy whose stage answer came after its document was stored
      // says "a stored text": that answer is asked again instead of the near duplicates — the stage runs ahead of the
      // stores by as much as the machine's load lets it, so which copies do is timing; the reads per item are not.)
      assert.equal(reads.learnedSequence, 0);
      assert.ok(reads.lookupDraft >= ITEMS.length, `${reads.lookupDraft} lookups`);
      assert.equal(reads.lookupDraft + reads.nearDuplicateCandidates, 2 * ITEMS.length, JSON.stringify(reads));
      assert.deepEqual(await storedDocuments(staged), await storedDocuments(plain), 'the same documents and copies');

      // The same items again (a feed polled again): every one known from the stage's answer alone.
      Object.assign(reads, { lookupDraft: 0, nearDuplicateCandidates: 0, learnedSequence: 0 });
      const again = await storeItems(staged, stagedSource, ITEMS, { refreshViews: false });
      assert.equal(again.duplicates, ITEMS.length);
      assert.deepEqual({ ...reads }, { lookupDraft: ITEMS.length, nearDuplicateCandidates: 0, learnedSequence: 0 }, 'a known item: one read');
    } finally {
      await Promise.all([staged.store.close(), plain.store.close()]);
    }
  });
}
