// Several processes writing one PostgreSQL database: two PostgresStore instances (separate pools, as two `cronista
// ingest` processes would have) ingest overlapping drafts at once through the pipeline's planning (ingestDraft). Every
// item is stored once, near duplicates are merged as one process would merge them, and digests reading learned-order
// cursors while the writes go on announce every document exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentDraft } from '../../src/documents/types.ts';
import { ingestDraft, type EarlierLookup, type FactsOf } from '../../src/pipeline/store-draft.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import type { Store } from '../../src/stores/store.ts';
import { deathFigure, draft, event, uniqueArticle } from '../support/drafts.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const freshDatabase = databasesForThisFile();

const SOURCES = ['https://wire.example/rss', 'https://paper.example/rss', 'https://daily.example/rss', 'https://blog.example/feed'];

/**
 * Four items per story: the wire text, the same text from a paper, an edited republication (a near duplicate), and a
 * page with the text inside a longer one (the fuller text). Each group is one document, whoever stores it first.
 */
function groupItems(group: number): { url: string; draft: DocumentDraft }[] {
  const text = uniqueArticle(group);
  const edited = text.replace(/ (\w+)\.$/, ' zeppelin.');
  return [
    { url: SOURCES[0]!, draft: draft(`g${group}-wire`, text) },
    { url: SOURCES[1]!, draft: draft(`g${group}-paper`, text) },
    { url: SOURCES[2]!, draft: draft(`g${group}-daily`, edited) },
    { url: SOURCES[3]!, draft: draft(`g${group}-blog`, fullerText(group)) },
  ];
}

function fullerText(group: number): string {
  return `${uniqueArticle(group)} ${uniqueArticle(10_000 + group)}`;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** Runs `work` over `items` with `width` of them in flight at once. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** How many times stores answered `replan` (another process stored a near duplicate after the plan), and lookupDraft was asked. */
const counts = { replans: 0, lookups: 0 };

/** The store, counting its `replan` answers and lookupDraft calls. */
function counting(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'lookupDraft') counts.lookups++;
      if (property !== 'ingest') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return async (...args: Parameters<Store['ingest']>) => {
        const outcome = await target.ingest(...args);
        if (outcome.status === 'replan') counts.replans++;
        return outcome;
      };
    },
  });
}

async function ingestAll(
  store: Store,
  items: readonly { url: string; draft: DocumentDraft }[],
  width: number,
  factsOf?: FactsOf,
  earlierLookup?: EarlierLookup,
): Promise<void> {
  const ids = new Map<string, string>();
  for (const url of SOURCES) ids.set(url, (await store.ensureSource({ kind: 'feed', url })).id);
  await inParallel(items, width, async (item) => {
    await ingestDraft(store, ids.get(item.url)!, item.draft, new Date(), factsOf, earlierLookup ? { earlierLookup } : {});
  });
}

/** Every stored document as the items (source and URL) it holds, sorted: what must not depend on who stored what first. */
async function documentsAsItems(store: Store): Promise<string[]> {
  const documents = await store.documentsLearnedAfter(0, (await store.learnedSequence()).sequence);
  return documents.map((document) => document.copies.map((copy) => `${copy.sourceId} ${copy.url}`).sort().join(', ')).sort();
}

test('two processes ingesting overlapping drafts at once store each item once, with the documents of one process', async (t) => {
  const groups = Array.from({ length: 12 }, (_, i) => groupItems(i + 1));
  const items = groups.flat();
  // Each process gets every item (the same feeds polled by both), in its own order; both start (and migrate) at once.
  const url = await freshDatabase();
  const processes = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
  const sequential = await PostgresStore.open(await freshDatabase());
  try {
    await Promise.all([ingestAll(counting(processes[0]!), shuffled(items, 1), 3), ingestAll(counting(processes[1]!), shuffled(items, 2), 3)]);
    t.diagnostic(`plans made again: ${counts.replans}`);
    await ingestAll(sequential, items, 1);

    const [concurrent, alone] = processes;
    assert.equal(await concurrent!.countDocuments(), groups.length, 'one document per story');
    assert.equal(await alone!.countDocuments(), groups.length, 'the other process sees the same');
    assert.equal(await sequential.countDocuments(), groups.length);
    assert.deepEqual(await documentsAsItems(concurrent!), await documentsAsItems(sequential), 'the same documents and copies as one process');
    const copies = (await concurrent!.documentsLearnedAfter(0, (await concurrent!.learnedSequence()).sequence)).flatMap((d) => d.copies);
    assert.equal(copies.length, items.length, 'each item stored once');
    assert.equal(new Set(copies.map((copy) => copy.sequence)).size, copies.length);
    const fuller = new Set(groups.map((_, i) => fullerText(i + 1)));
    const stored = await concurrent!.documentsLearnedAfter(0, (await concurrent!.learnedSequence()).sequence);
    assert.ok(stored.every((document) => fuller.has(document.text)), 'each document took its fuller text');
    assert.equal((await concurrent!.listSources()).length, SOURCES.length, 'each source once');
  } finally {
    await Promise.all([...processes, sequential].map((store) => store.close()));
  }
});

test('two processes planning on answers read before anything was stored (the ingest stage\'s, reused) store what one process stores', async (t) => {
  // The ingest stage reads lookupDraft up to a few items ahead, and ingestDraft reuses a `neither known nor a stored
  // text` answer without asking again: the store's transaction re-checks both. Here every such answer is as stale as
  // it can be (read before either process stored anything), while both processes store the same items and their copies.
  const groups = Array.from({ length: 12 }, (_, i) => groupItems(i + 101));
  const items = groups.flat();
  const url = await freshDatabase();
  const processes = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
  const sequential = await PostgresStore.open(await freshDatabase());
  try {
    const before = { ...counts };
    const stale: EarlierLookup = { knownItem: null, sameText: null };
    await Promise.all([
      ingestAll(counting(processes[0]!), shuffled(items, 3), 3, undefined, stale),
      ingestAll(counting(processes[1]!), shuffled(items, 4), 3, undefined, stale),
    ]);
    const replans = counts.replans - before.replans;
    t.diagnostic(`plans made again: ${replans}`);
    assert.equal(counts.lookups - before.lookups, replans, 'lookupDraft asked only for plans made again');
    await ingestAll(sequential, items, 1);

    const [concurrent, alone] = processes;
    assert.equal(await concurrent!.countDocuments(), groups.length, 'one document per story');
    assert.equal(await alone!.countDocuments(), groups.length);
    assert.deepEqual(await documentsAsItems(concurrent!), await documentsAsItems(sequential), 'the same documents and copies as one process');
    const stored = await concurrent!.documentsLearnedAfter(0, (await concurrent!.learnedSequence()).sequence);
    assert.equal(stored.flatMap((d) => d.copies).length, items.length, 'each item stored once');
    const fuller = new Set(groups.map((_, i) => fullerText(i + 101)));
    assert.ok(stored.every((document) => fuller.has(document.text)), 'each document took its fuller text');
  } finally {
    await Promise.all([...processes, sequential].map((store) => store.close()));
  }
});

test('concurrent ingests and digests reading learned-order cursors: every document announced exactly once', async () => {
  const url = await freshDatabase();
  const [writerA, writerB, reader] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url), PostgresStore.open(url)]);
  try {
    const total = 120;
    const announced = new Map<number, number>();
    let cursor = 0;
    let digests = 0;
    const digest = async () => {
      const window = await reader.sequenceWindow(cursor, 7);
      for (const document of await reader.documentsLearnedAfter(cursor, window.sequence)) {
        if (document.firstLearned > cursor) announced.set(document.id, (announced.get(document.id) ?? 0) + 1);
      }
      cursor = window.sequence;
      digests++;
    };
    let writing = true;
    const digestsWhileWriting = (async () => {
      while (writing) await digest();
    })();
    const texts = Array.from({ length: total }, (_, i) => draft(`item-${i}`, uniqueArticle(20_000 + i)));
    const toItem = (item: DocumentDraft, i: number) => ({ url: SOURCES[i % SOURCES.length]!, draft: item });
    // Facts stored after the copy keep each transaction open a while after its copy got its sequence.
    const factsOf: FactsOf = () => ({
      story: 'peru',
      figures: Array.from({ length: 30 }, (_, i) => deathFigure(i + 1, `2023-01-${String((i % 28) + 1).padStart(2, '0')}`)),
      events: Array.from({ length: 10 }, (_, i) => event(`2023-02-${String(i + 1).padStart(2, '0')}`, `Event ${i}`)),
    });
    try {
      await Promise.all([
        ingestAll(writerA, texts.map(toItem).filter((_, i) => i % 2 === 0), 4, factsOf),
        ingestAll(writerB, texts.map(toItem).filter((_, i) => i % 2 === 1), 4, factsOf),
      ]);
    } finally {
      writing = false;
      await digestsWhileWriting;
    }
    const digestsDuringWrites = digests;
    while (cursor < (await reader.learnedSequence()).sequence) await digest();

    assert.ok(digestsDuringWrites >= 2, `digests ran while writing (${digestsDuringWrites})`);
    assert.equal(announced.size, total, 'every document announced');
    assert.deepEqual([...announced.values()].filter((n) => n !== 1), [], 'none twice');
  } finally {
    await Promise.all([writerA, writerB, reader].map((store) => store.close()));
  }
});
