// Round trips per ingested document on PostgreSQL (issue 14: under CPU contention each one waits for both processes
// to be scheduled). Counts the statements pg clients send, as bench/round-trips.ts does: a planned new document is
// BEGIN with the lock, its re-checks and insert in one statement, COMMIT; the re-checks still stop it (nothing stored,
// the learned sequence not moved) when the item, its text, or a near duplicate was stored since the plan.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { sentenceHashes } from '../../src/documents/dedup.ts';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import type { IngestPlan } from '../../src/stores/store.ts';
import { ARTICLE, draft, uniqueArticle } from '../support/drafts.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const freshDatabase = databasesForThisFile();
const AT = new Date('2024-03-01T12:00:00Z');

let statements: string[] = [];
/** The last ingest statement sent (re-checks and insert), with its parameters. */
let lastInsert: { text: string; values: unknown[] } | null = null;
/** The last near-duplicate read sent, with its parameters. */
let lastCandidates: { text: string; values: unknown[] } | null = null;
const query = pg.Client.prototype.query;
before(() => {
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first.text ?? '?');
    if (/^WITH same AS/.test(text)) lastInsert = { text, values: (args[1] as unknown[] | undefined) ?? [] };
    if (/sentence_hashes s2/.test(text)) lastCandidates = { text, values: (args[1] as unknown[] | undefined) ?? [] };
    statements.push(text.replace(/\s+/g, ' ').slice(0, 40));
    return (query as (...args: unknown[]) => unknown).apply(this, args);
  };
});
after(() => {
  pg.Client.prototype.query = query;
});

/** The statements `work` sends. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  statements = [];
  const result = await work();
  return { result, statements: [...statements] };
}

const newDocument = (text: string, basedOn: number | null): IngestPlan => ({ sentenceHashes: sentenceHashes(text), copyOf: null, facts: null, basedOn });

test('a new document: lookupDraft, the near duplicates with the sequence, then BEGIN + lock, re-checks + insert, COMMIT; the re-checks still stop it', async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
    const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss' });
    await ingestDraft(store, wire.id, draft('first', uniqueArticle(1)), AT);
    const added = await counted(() => ingestDraft(store, wire.id, draft('w1', ARTICLE), AT));
    assert.equal(added.result.status, 'added');
    assert.equal(added.statements.length, 5, added.statements.join('\n'));
    assert.match(added.statements[2]!, /^BEGIN; /);
    assert.equal(added.statements[4], 'COMMIT');

    // Plans made before what they meet was stored: nothing is stored, and the learned sequence does not move.
    const sequence = async () => (await store.learnedSequence()).sequence;
    const at = await sequence();
    // The same item, planned as new: its document, in three round trips.
    const known = await counted(() => store.ingest(wire.id, draft('w1', ARTICLE), AT, newDocument(ARTICLE, null)));
    assert.deepEqual(known.result, { status: 'duplicate', documentId: added.result.documentId });
    assert.equal(known.statements.length, 3, known.statements.join('\n'));
    // A near duplicate stored since the plan: planned again.
    const edited = ARTICLE.replace('without providing evidence.', 'without providing any evidence, local media reported.');
    assert.deepEqual(await store.ingest(paper.id, draft('p1', edited), AT, newDocument(edited, at - 1)), { status: 'replan' });
    assert.equal(await sequence(), at, 'nothing stored, the learned sequence not moved');
    assert.equal(await store.countDocuments(), 2);
    // Its exact text, planned as new: a copy of the stored document, under the next sequence (one move of the counter).
    assert.deepEqual(await store.ingest(paper.id, draft('p2', ARTICLE), AT, newDocument(ARTICLE, at)), { status: 'merged', documentId: added.result.documentId });
    assert.equal(await sequence(), at + 1);
    assert.equal((await ingestDraft(store, paper.id, draft('p3', uniqueArticle(3)), AT)).status, 'added');
    assert.equal(await sequence(), at + 2, 'copy ids stay consecutive');
  } finally {
    await store.close();
  }
});

test('on a store never analyzed, the near-duplicate reads and re-checks look the fingerprints up by index, not by reading every stored one', async () => {
  const url = await freshDatabase();
  const store = await PostgresStore.open(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
    await ingestDraft(store, wire.id, draft('first', uniqueArticle(1)), AT);
    // A store of some 24,000 documents' fingerprints, as ingests leave it: no ANALYZE has run (autovacuum may be off).
    // (The re-checks scanned the whole table from a few hundred thousand rows, the near-duplicate read past a million.)
    await client.query(`INSERT INTO documents (title, text, language, content_hash, created_at)
                        SELECT 'generated', 'text ' || n, 'en', 'hash-' || n, '2024-03-01' FROM generate_series(1, 24000) AS n`);
    await client.query(`INSERT INTO sentence_hashes (hash, document_id)
                        SELECT (d.id * 1000 + s) * 7919 % 4294967291, d.id FROM documents d, generate_series(1, 50) AS s`);
    lastInsert = null;
    lastCandidates = null;
    // A long article (48 sentences): the more fingerprints, the larger the share of the table a guess expects to match.
    const long = Array.from({ length: 12 }, (_, i) => uniqueArticle(100 + i)).join('\n\n');
    const added = await ingestDraft(store, wire.id, draft('w1', long), AT);
    assert.equal(added.status, 'added');
    for (const [name, statement] of [['the ingest statement', lastInsert], ['the near-duplicate read', lastCandidates]] as const) {
      assert.ok(statement, `${name} was seen`);
      const { text, values } = statement as { text: string; values: unknown[] };
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values)).rows.map((row) => row['QUERY PLAN']).join('\n');
      assert.doesNotMatch(plan, /Seq Scan on sentence_hashes/, `${name}:\n${plan}`);
    }
  } finally {
    await client.end();
    await store.close();
  }
});
