// The Store contract (src/stores/store.ts), one suite run against every implementation: a fresh SQLite file and a
// fresh PostgreSQL database (tests/support/postgres.ts) per test. What differs between them is said where it does
// (SQLite's FTS5 has no stemmer; only Postgres search finds words by their stem).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sentenceHashes } from '../../src/documents/dedup.ts';
import type { ExtractedEvent, ExtractedFigure } from '../../src/facts/types.ts';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import { searchCandidates } from '../../src/stores/shared/search-candidates.ts';
import type { Store } from '../../src/stores/store.ts';
import { ARTICLE, deathFigure, draft, event, uniqueArticle } from '../support/drafts.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

interface Factory {
  name: string;
  /** Search finds words by their stem (Postgres' english/spanish configurations; SQLite's FTS5 matches whole words). */
  stems: boolean;
  open(): Promise<Store>;
  cleanUp(): Promise<void>;
}

const databases: TestDatabase[] = [];
const factories: Factory[] = [
  {
    name: 'SqliteStore',
    stems: false,
    open: async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-contract-')), 'cronista.db')),
    cleanUp: async () => {},
  },
  {
    name: 'PostgresStore',
    stems: true,
    open: async () => {
      const database = await createTestDatabase();
      databases.push(database);
      return PostgresStore.open(database.url);
    },
    cleanUp: async () => {
      await Promise.all(databases.splice(0).map((database) => database.drop()));
    },
  },
];

const AT = new Date('2024-03-01T12:00:00Z');

/** Ingest through the pipeline's planning with fixed facts (extraction is not what these tests are about). */
function facts(story: string | null, figures: ExtractedFigure[] = [], events: ExtractedEvent[] = []) {
  return () => ({ story, figures, events });
}

for (const factory of factories) {
  describe(`Store contract: ${factory.name}`, () => {
    after(() => factory.cleanUp());

    /** A fresh store for one test, closed after it. */
    async function withStore(work: (store: Store) => Promise<void>): Promise<void> {
      const store = await factory.open();
      try {
        await work(store);
      } finally {
        await store.close();
      }
    }

    test('sources: ensure, get by id or URL, list, failures and backoff, success, enable, title', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        assert.equal(feed.id, 'feed-wire-example-rss');
        assert.deepEqual(await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss', title: 'ignored' }), feed, 'the same URL is the same source');
        const twin = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss?x', title: 'Wire' });
        assert.equal(twin.id, 'feed-wire-example-rss-2', 'a taken id is numbered');
        assert.equal(twin.title, 'Wire');
        assert.equal((await store.getSource(feed.url))?.id, feed.id);
        assert.equal((await store.getSource(twin.id))?.url, twin.url);
        assert.equal(await store.getSource('nothing'), null);
        assert.deepEqual((await store.listSources()).map((s) => s.id), [feed.id, twin.id]);
        assert.deepEqual(
          { enabled: feed.enabled, failures: feed.failures, documents: feed.documents, lastError: feed.lastError, retryAfter: feed.retryAfter },
          { enabled: true, failures: 0, documents: 0, lastError: null, retryAfter: null },
        );

        const retry = new Date('2024-03-01T13:00:00Z');
        await store.recordFailure(feed.id, AT, 'HTTP 503', { retryAfter: retry });
        await store.recordFailure(feed.id, AT, 'HTTP 502');
        let record = (await store.getSource(feed.id))!;
        assert.deepEqual([record.failures, record.lastError, record.lastErrorAt, record.retryAfter], [2, 'HTTP 502', AT.toISOString(), null]);
        await store.recordFailure(feed.id, AT, 'HTTP 503', { retryAfter: retry });
        assert.equal((await store.getSource(feed.id))!.retryAfter, retry.toISOString());
        await store.recordSuccess(feed.id, new Date('2024-03-01T14:00:00Z'), { etag: '"v2"', lastModified: 'Fri, 01 Mar 2024 14:00:00 GMT' });
        await store.recordSuccess(feed.id, new Date('2024-03-01T15:00:00Z'), {});
        record = (await store.getSource(feed.id))!;
        assert.deepEqual([record.failures, record.retryAfter, record.etag, record.lastModified, record.lastSuccess], [0, null, '"v2"', 'Fri, 01 Mar 2024 14:00:00 GMT', '2024-03-01T15:00:00.000Z']);

        await store.recordFailure(feed.id, AT, 'HTTP 500', { retryAfter: retry });
        await store.setSourceEnabled(feed.id, false, 'disabled after 5 failures');
        record = (await store.getSource(feed.id))!;
        assert.deepEqual([record.enabled, record.lastError], [false, 'disabled after 5 failures']);
        await store.setSourceEnabled(feed.id, false);
        assert.equal((await store.getSource(feed.id))!.lastError, 'disabled after 5 failures', 'no reason keeps the last error');
        await store.setSourceEnabled(feed.id, true);
        record = (await store.getSource(feed.id))!;
        assert.deepEqual([record.enabled, record.failures, record.retryAfter], [true, 0, null]);

        await store.setSourceTitle(feed.id, 'Wire Service');
        await store.setSourceTitle(feed.id, 'Another Title');
        assert.equal((await store.getSource(feed.id))!.title, 'Wire Service', 'a title is filled in only when there is none');
      }));

    test('lookupDraft, ingest outcomes (added, duplicate, merged, replaceText) and the documents they leave', () =>
      withStore(async (store) => {
        const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss' });
        const blog = await store.ensureSource({ kind: 'page', url: 'https://blog.example/peru' });
        const first = draft('w1', ARTICLE, { published: '2023-01-10T08:00:00Z' });
        assert.deepEqual(await store.lookupDraft(wire.id, 'w1', first.contentHash), { knownItem: null, sameText: null, sequence: 0 });
        const added = await ingestDraft(store, wire.id, first, AT, facts('peru', [deathFigure(17, '2023-01-09')]));
        assert.equal(added.status, 'added');
        const { sequence } = await store.learnedSequence();
        assert.ok(sequence > 0);
        assert.deepEqual(await store.lookupDraft(wire.id, 'w1', first.contentHash), { knownItem: added.documentId, sameText: added.documentId, sequence }, 'with the learned sequence');
        assert.equal((await ingestDraft(store, wire.id, first, AT)).status, 'duplicate', 'the same item again');
        const again = await ingestDraft(store, wire.id, draft('w1-renamed', ARTICLE), AT);
        assert.deepEqual(again, { status: 'duplicate', documentId: added.documentId }, 'the same text under another key of the same source');

        const sameText = await ingestDraft(store, paper.id, draft('p1', ARTICLE, { published: '2023-01-09T22:00:00Z', outlet: 'El Diario' }), AT);
        assert.deepEqual(sameText, { status: 'merged', documentId: added.documentId });
        assert.equal((await store.getDocument(added.documentId))!.published, '2023-01-09T22:00:00Z', 'earliest publication wins');

        const longer = `${ARTICLE}\n\nOur correspondent adds that funerals for the victims were held in Juliaca on Tuesday as thousands marched through the streets of the city demanding justice for the dead.`;
        const fuller = await ingestDraft(store, blog.id, draft('b1', longer), AT, facts('peru', [deathFigure(18, '2023-01-10')]));
        assert.deepEqual(fuller, { status: 'merged', documentId: added.documentId }, 'the fuller text joins the document');
        assert.match((await store.getDocument(added.documentId))!.text, /funerals for the victims/);
        assert.deepEqual((await store.listFigures()).map((f) => f.value), [18], 'the document took the fuller text and its facts');

        const copies = await store.copiesOf(added.documentId);
        assert.deepEqual(copies.map((c) => [c.sourceId, c.documentId]), [[wire.id, added.documentId], [wire.id, added.documentId], [paper.id, added.documentId], [blog.id, added.documentId]]);
        assert.ok(copies.every((copy, i) => i === 0 || copies[i - 1]!.id < copy.id), 'copies in learned order');
        assert.deepEqual([copies[2]!.outlet, copies[2]!.silent, copies[2]!.ingestedAt], ['El Diario', false, AT.toISOString()]);
        assert.equal(await store.countDocuments(), 1);
        assert.equal((await store.getSource(paper.id))!.documents, 1);
        const document = (await store.getDocument(added.documentId))!;
        assert.deepEqual([document.title, document.language, document.createdAt], ['w1', 'en', AT.toISOString()]);
        assert.equal(await store.getDocument(added.documentId + 100), null);
        assert.deepEqual(await store.copiesOf(added.documentId + 100), []);

        await assert.rejects(ingestDraft(store, 'no-such-source', draft('x', uniqueArticle(1)), AT), 'a copy of an unknown source fails');
        assert.equal(await store.countDocuments(), 1, 'and leaves no half-written document');
      }));

    test('ingest answers replan when a document sharing sentences was stored after the plan, unless the text is stored', () =>
      withStore(async (store) => {
        const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss' });
        const before = (await store.learnedSequence()).sequence;
        await ingestDraft(store, wire.id, draft('w1', ARTICLE), AT);
        const edited = ARTICLE.replace('without providing evidence.', 'without providing any evidence, local media reported.');
        const late = draft('p1', edited);
        const stalePlan = { sentenceHashes: sentenceHashes(edited), copyOf: null, facts: null, basedOn: before };
        assert.deepEqual(await store.ingest(paper.id, late, AT, stalePlan), { status: 'replan' });
        assert.equal(await store.countDocuments(), 1, 'nothing stored');
        const merged = await ingestDraft(store, paper.id, late, AT);
        assert.equal(merged.status, 'merged', 'planned again, the near duplicate is merged');
        const exact = draft('p2', ARTICLE);
        assert.equal((await store.ingest(paper.id, exact, AT, { ...stalePlan, sentenceHashes: sentenceHashes(ARTICLE) })).status, 'duplicate', 'an exact text needs no new plan');
        const other = draft('p3', `${edited} Another sentence was added here by the desk to make this copy different.`);
        assert.equal((await store.ingest(paper.id, other, AT, { ...stalePlan, basedOn: null })).status, 'added', 'basedOn null stores as planned');
      }));

    test('silent copies seed: stored, learned, never unknown', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const seeded = await ingestDraft(store, feed.id, draft('s', uniqueArticle(1)), AT, facts('peru', [deathFigure(3, '2023-01-02')], [event('2023-01-02', 'A march')]), { silent: true });
        const news = await ingestDraft(store, feed.id, draft('n', uniqueArticle(2)), AT, facts('peru', [deathFigure(4, '2023-01-03')], [event('2023-01-03', 'A strike')]));
        assert.equal((await store.copiesOf(seeded.documentId))[0]!.silent, true);
        const figures = await store.listFigures();
        assert.deepEqual(figures.map((f) => [f.value, f.seeded]), [[3, true], [4, false]]);
        assert.deepEqual((await store.listFigures({ unknownAt: 0 })).map((f) => f.value), [4], 'seeded facts are known at any cursor');
        assert.deepEqual((await store.listEvents({ unknownAt: 0 })).map((e) => e.text), ['A strike']);
        assert.deepEqual((await store.listEvents({ knownAt: 0 })).map((e) => e.text), ['A march'], 'and known at any cursor');
        assert.deepEqual((await store.listFigures({ learnedAfter: 0 })).map((f) => f.value), [3, 4], 'learnedAfter counts seeded ones');
        const learned = await store.documentsLearnedAfter(0, (await store.learnedSequence()).sequence);
        assert.deepEqual(learned.map((d) => [d.id, d.seeded]), [[seeded.documentId, true], [news.documentId, false]]);
      }));

    test('updateItem: missing, unchanged, updated (text and facts), kept when shared or the text is taken', () =>
      withStore(async (store) => {
        const channel = await store.ensureSource({ kind: 'telegram', url: 'https://t.me/s/news' });
        const other = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const post = draft('m1', uniqueArticle(1));
        const plan = (text: string, value: number) => ({ sentenceHashes: sentenceHashes(text), facts: { story: 'peru', figures: [deathFigure(value, '2023-01-05')], events: [] } });
        assert.deepEqual(await store.updateItem(channel.id, post, AT, plan(post.text, 1)), { status: 'missing', documentId: null });
        const stored = await ingestDraft(store, channel.id, post, AT, facts('peru', [deathFigure(1, '2023-01-05')]));
        const retitled = { ...post, title: 'Edited title', url: 'https://t.me/news/1?edited' };
        assert.deepEqual(await store.updateItem(channel.id, retitled, AT, plan(post.text, 1)), { status: 'unchanged', documentId: stored.documentId });
        assert.equal((await store.copiesOf(stored.documentId))[0]!.title, 'Edited title', 'the copy takes the new title');

        const editedText = uniqueArticle(2);
        const edited = draft('m1', editedText, { title: 'Edited again' });
        assert.deepEqual(await store.updateItem(channel.id, edited, AT, plan(editedText, 2)), { status: 'updated', documentId: stored.documentId });
        assert.equal((await store.getDocument(stored.documentId))!.text, editedText);
        assert.deepEqual((await store.listFigures()).map((f) => f.value), [2], 'facts of the new text');
        assert.equal((await store.nearDuplicateCandidates(sentenceHashes(editedText), 5)).candidates[0]?.documentId, stored.documentId, 'fingerprints of the new text');
        assert.deepEqual((await store.nearDuplicateCandidates(sentenceHashes(post.text), 5)).candidates, [], 'the old fingerprints are gone');

        const takenText = uniqueArticle(3);
        await ingestDraft(store, other.id, draft('w', takenText), AT);
        assert.equal((await store.updateItem(channel.id, draft('m1', takenText), AT, plan(takenText, 3))).status, 'kept', 'another document has that text');
        await ingestDraft(store, other.id, draft('w2', editedText), AT);
        assert.equal((await store.updateItem(channel.id, draft('m1', uniqueArticle(4)), AT, plan(uniqueArticle(4), 4))).status, 'kept', 'shared with another source');
        assert.equal((await store.getDocument(stored.documentId))!.text, editedText);
      }));

    test('replaceFacts replaces a document\'s facts, learned at the latest copy', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const first = await ingestDraft(store, feed.id, draft('a', uniqueArticle(1)), AT, facts('peru', [deathFigure(1, '2023-01-01')], [event('2023-01-01', 'First')]));
        await ingestDraft(store, feed.id, draft('b', uniqueArticle(2)), AT);
        const latest = (await store.learnedSequence()).sequence;
        await store.replaceFacts(first.documentId, 'peru', { figures: [deathFigure(5, '2023-01-04')], events: [event('2023-01-04', 'Later')] }, AT);
        const figures = await store.listFigures();
        assert.deepEqual(figures.map((f) => [f.value, f.learned, f.documentId]), [[5, latest, first.documentId]]);
        assert.deepEqual((await store.listEvents()).map((e) => [e.text, e.learned]), [['Later', latest]]);
        await store.replaceFacts(first.documentId, 'peru', { figures: [], events: [] }, AT);
        assert.deepEqual(await store.listFigures(), []);
      }));

    test('listFigures and listEvents: every filter field, order, and sources in copy order', () =>
      withStore(async (store) => {
        const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss', title: 'Wire' });
        const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss', title: 'Paper' });
        const text1 = uniqueArticle(1);
        const d1 = await ingestDraft(store, wire.id, draft('a', text1, { published: '2023-01-02T10:00:00Z' }), AT, facts('peru', [
          deathFigure(10, '2023-01-09', { region: 'Puno', location: 'Juliaca' }),
          deathFigure(2, '2023-01-09', { scope: 'incident' }),
          { ...deathFigure(30, '2023-02-01'), byRegion: [{ region: 'Puno', value: 20 }, { region: 'Cusco', value: 10 }] },
          deathFigure(7, null),
        ], [event('2023-01-09', 'Clashes in Juliaca'), event('2023-02-01', 'March in Lima')]));
        const cursor = (await store.learnedSequence()).sequence;
        await ingestDraft(store, paper.id, draft('b', text1, { outlet: 'El Diario' }), AT);
        const d2 = await ingestDraft(store, wire.id, draft('c', uniqueArticle(2)), AT, facts('peru', [
          { ...deathFigure(40, '2023-01-31'), kind: 'injured' },
          deathFigure(12, '2023-03-15', { region: 'Cusco' }),
        ], [event('2023-03-15', 'Curfew')]));
        await ingestDraft(store, wire.id, draft('d', uniqueArticle(3)), AT, facts('other', [deathFigure(99, '2023-01-09')]));
        await ingestDraft(store, wire.id, draft('e', uniqueArticle(4)), AT, facts(null, [deathFigure(98, '2023-01-09')]));

        const values = async (filter: Parameters<Store['listFigures']>[0]) => (await store.listFigures(filter)).map((f) => f.value);
        assert.deepEqual(await values(undefined), [7, 10, 2, 99, 98, 40, 30, 12], 'as_of (none first), then id');
        assert.deepEqual(await values({ story: 'peru' }), [7, 10, 2, 40, 30, 12]);
        assert.deepEqual(await values({ story: null }), [98]);
        assert.deepEqual(await values({ story: 'peru', kinds: ['injured'] }), [40]);
        assert.deepEqual(await values({ story: 'peru', kinds: ['deaths', 'injured'] }), [7, 10, 2, 40, 30, 12]);
        assert.deepEqual(await values({ story: 'peru', from: '2023-01-31' }), [40, 30, 12]);
        assert.deepEqual(await values({ story: 'peru', to: '2023-01' }), [10, 2, 40], 'a bare month includes all of it');
        assert.deepEqual(await values({ story: 'peru', to: '2023-01-30' }), [10, 2]);
        assert.deepEqual(await values({ story: 'peru', from: '2023-01-10', to: '2023-02-01' }), [40, 30]);
        assert.deepEqual(await values({ story: 'peru', dates: ['2023-01-09', '2023-03-15'] }), [10, 2, 12]);
        assert.deepEqual(await values({ story: 'peru', dates: [] }), []);
        assert.deepEqual(await values({ story: 'peru', scopes: ['incident'] }), [2]);
        assert.deepEqual(await values({ story: 'peru', region: 'Puno' }), [10, 30], 'located in it, or a breakdown naming it');
        assert.deepEqual(await values({ story: 'peru', region: 'Cusco' }), [30, 12]);
        assert.deepEqual(await values({ story: 'peru', regional: true }), [10, 30, 12]);
        assert.deepEqual(await values({ story: 'peru', months: ['2023-01', '2023-03'] }), [10, 2, 40, 12]);
        assert.deepEqual(await values({ story: 'peru', learnedUpTo: cursor }), [7, 10, 2, 30]);
        assert.deepEqual(await values({ story: 'peru', learnedAfter: cursor }), [40, 12]);
        assert.deepEqual(await values({ story: 'peru', unknownAt: cursor }), [40, 12]);
        assert.deepEqual(await values({ story: 'peru', knownAt: cursor }), [7, 10, 2, 30]);
        assert.deepEqual(await values({ story: 'peru', kinds: ['deaths'], region: 'Puno', months: ['2023-02'], learnedUpTo: cursor }), [30]);
        // By id: the figures asked for, in the usual order, combined with the other fields; none for an empty list.
        const ids = (await store.listFigures({ story: 'peru' })).filter((f) => [12, 10, 40].includes(f.value)).map((f) => f.id).reverse();
        assert.deepEqual(await values({ ids }), [10, 40, 12]);
        assert.deepEqual(await values({ ids, learnedAfter: cursor }), [40, 12]);
        assert.deepEqual(await values({ ids: [] }), []);

        const byRegion = (await store.listFigures({ region: 'Cusco', dates: ['2023-02-01'] }))[0]!;
        assert.deepEqual(byRegion.byRegion, [{ region: 'Puno', value: 20 }, { region: 'Cusco', value: 10 }]);
        const located = (await store.listFigures({ story: 'peru', region: 'Puno', dates: ['2023-01-09'] }))[0]!;
        assert.deepEqual(
          { ...located, id: 0 },
          {
            id: 0, documentId: d1.documentId, story: 'peru', learned: cursor - 0, seeded: false, kind: 'deaths', value: 10, qualifier: 'exact',
            scope: 'cumulative', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09', asOfPrecision: 'day', quote: '10 people were killed',
            attribution: null, official: false,
            sources: [
              { title: 'a', url: 'https://news.example/a', source: 'Wire', published: '2023-01-02T10:00:00Z' },
              { title: 'b', url: 'https://news.example/b', source: 'El Diario', published: '2023-01-02T10:00:00Z' },
            ],
          },
        );

        const texts = async (filter: Parameters<Store['listEvents']>[0]) => (await store.listEvents(filter)).map((e) => e.text);
        assert.deepEqual(await texts({ story: 'peru' }), ['Clashes in Juliaca', 'March in Lima', 'Curfew']);
        assert.deepEqual(await texts({ story: 'peru', from: '2023-02-01', to: '2023-02' }), ['March in Lima']);
        assert.deepEqual(await texts({ story: 'peru', months: ['2023-03'] }), ['Curfew']);
        assert.deepEqual(await texts({ story: 'peru', dates: ['2023-01-09'] }), ['Clashes in Juliaca']);
        assert.deepEqual(await texts({ story: 'peru', learnedAfter: cursor }), ['Curfew']);
        assert.deepEqual(await texts({ story: 'peru', knownAt: cursor }), ['Clashes in Juliaca', 'March in Lima']);
        const eventIds = (await store.listEvents({})).filter((e) => e.text !== 'March in Lima').map((e) => e.id);
        assert.deepEqual(await texts({ ids: eventIds }), ['Clashes in Juliaca', 'Curfew']);
        assert.deepEqual(await texts({ ids: eventIds, knownAt: cursor }), ['Clashes in Juliaca']);
        assert.deepEqual(await texts({ ids: [] }), []);
        // The quotes alone, in the same order, under the same filters.
        for (const filter of [{ story: 'peru' }, { story: 'peru', months: ['2023-01', '2023-03'] }, { story: 'peru', knownAt: cursor, learnedUpTo: cursor }, { story: 'other' }, { ids: eventIds }]) {
          assert.deepEqual(await store.eventQuotes(filter), (await store.listEvents(filter)).map((e) => e.quote), JSON.stringify(filter));
          assert.deepEqual(await store.figureQuotes(filter), (await store.listFigures(filter)).map((f) => f.quote), `figures ${JSON.stringify(filter)}`);
        }
        // Bounded: at most perDate quotes per date (as-of day, no day included), the latest learned (ties: the later stored), in list order.
        const quoted = (values: number[]) => values.map((value) => `${value} people were killed`);
        assert.deepEqual(await store.figureQuotes({ story: 'peru' }, { perDate: 1 }), quoted([7, 2, 40, 30, 12]));
        assert.deepEqual(await store.figureQuotes({ story: 'peru', dates: ['2023-01-09'] }, { perDate: 2 }), quoted([10, 2]));
        assert.deepEqual(await store.figureQuotes({ dates: ['2023-01-09'] }, { perDate: 2 }), quoted([99, 98]), 'the latest of the day, whatever the story');
        assert.deepEqual(await store.figureQuotes({ story: 'peru', knownAt: cursor }, { perDate: 1 }), quoted([7, 2, 30]));
        assert.deepEqual(await store.eventQuotes({ story: 'peru' }, { perDate: 1 }), ['Clashes in Juliaca', 'March in Lima', 'Curfew']);
        assert.deepEqual(await store.eventQuotes({ story: 'peru' }, { perDate: 0 }), []);
        // Any filter, bounded: each date's latest learned (ties: the later stored) of what the list selects, in list order.
        const latestPerDate = <T extends { id: number; learned: number; quote: string }>(rows: T[], dateOf: (row: T) => string | null, perDate: number) => {
          const rank = new Map<number, number>();
          for (const date of new Set(rows.map(dateOf))) {
            rows.filter((row) => dateOf(row) === date).sort((a, b) => b.learned - a.learned || b.id - a.id).forEach((row, i) => rank.set(row.id, i));
          }
          return rows.filter((row) => rank.get(row.id)! < perDate).map((row) => row.quote);
        };
        for (const filter of [{}, { story: 'peru' }, { story: null }, { months: ['2023-01', '2023-03'] }, { story: 'peru', months: ['2023-03', '2023-01'], knownAt: cursor }, { story: 'peru', dates: ['2023-03-15', '2023-01-09', '2023-01-09'] }, { story: 'peru', from: '2023-01-10', learnedUpTo: cursor }]) {
          for (const perDate of [1, 2]) {
            const label = `${JSON.stringify(filter)} ${perDate}`;
            assert.deepEqual(await store.figureQuotes(filter, { perDate }), latestPerDate(await store.listFigures(filter), (f) => f.asOf, perDate), `figures ${label}`);
            assert.deepEqual(await store.eventQuotes(filter, { perDate }), latestPerDate(await store.listEvents(filter), (e) => e.date, perDate), `events ${label}`);
          }
        }
        assert.deepEqual(await texts({ story: 'peru', learnedUpTo: cursor, kinds: ['injured'], region: 'Nowhere', regional: true, scopes: ['subset'] }), ['Clashes in Juliaca', 'March in Lima'], 'figure-only fields do not apply');
        const curfew = (await store.listEvents({ months: ['2023-03'] }))[0]!;
        assert.deepEqual([curfew.documentId, curfew.places, curfew.actors, curfew.precision, curfew.seeded], [d2.documentId, ['Juliaca'], ['police'], 'day', false]);
        assert.deepEqual(curfew.sources.map((s) => s.source), ['Wire']);
      }));

    test('learned order: learnedSequence, sequenceWindow, documentsLearnedAfter', () =>
      withStore(async (store) => {
        assert.deepEqual(await store.learnedSequence(), { sequence: 0, at: null });
        const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss', title: 'Wire' });
        const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss' });
        const ids: number[] = [];
        for (let n = 1; n <= 5; n++) ids.push((await ingestDraft(store, wire.id, draft(`k${n}`, uniqueArticle(n)), new Date(Date.UTC(2024, 0, n)))).documentId);
        const { sequence: last, at } = await store.learnedSequence();
        assert.equal(at, new Date(Date.UTC(2024, 0, 5)).toISOString());
        const sequences = (await store.documentsLearnedAfter(0, last)).map((d) => d.firstLearned);
        assert.equal(sequences.length, 5);
        assert.deepEqual(await store.sequenceWindow(0, 2), { sequence: sequences[1]!, at: new Date(Date.UTC(2024, 0, 2)).toISOString() });
        assert.deepEqual(await store.sequenceWindow(sequences[1]!, 100), { sequence: last, at });
        assert.deepEqual(await store.sequenceWindow(last, 10), { sequence: last, at }, 'nothing new: the latest');

        await ingestDraft(store, paper.id, draft('p', uniqueArticle(2), { outlet: 'El Diario' }), AT);
        const upTo = (await store.learnedSequence()).sequence;
        const learned = await store.documentsLearnedAfter(last, upTo);
        assert.deepEqual(learned.map((d) => [d.id, d.firstLearned, d.seeded]), [[ids[1], sequences[1], false]], 'a document that gained a copy');
        assert.deepEqual(learned[0]!.copies.map((c) => [c.sourceId, c.sequence, c.sourceName]), [[wire.id, sequences[1], 'Wire'], [paper.id, upTo, 'El Diario']]);
        assert.deepEqual((await store.documentsLearnedAfter(sequences[0]!, sequences[2]!)).map((d) => d.id), [ids[1], ids[2]]);
        assert.deepEqual(await store.documentsLearnedAfter(upTo, upTo), []);
      }));

    test('factsVersion moves with facts, documents and copies, not with kv writes or a recorded poll', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const start = await store.factsVersion();
        await store.kv.set('digest:cursor:test', 12);
        await store.recordSuccess(feed.id, AT, { etag: '"x"' });
        await store.recordFailure(feed.id, AT, 'HTTP 500');
        await store.setSourceTitle(feed.id, 'Wire');
        await store.updateKv('config:overrides', () => ({ a: 1 }));
        assert.equal(await store.factsVersion(), start);
        const stored = await ingestDraft(store, feed.id, draft('a', uniqueArticle(1)), AT);
        const afterIngest = await store.factsVersion();
        assert.notEqual(afterIngest, start);
        await ingestDraft(store, feed.id, draft('a', uniqueArticle(1)), AT);
        assert.equal(await store.factsVersion(), afterIngest, 'a repeat stores nothing');
        await store.replaceFacts(stored.documentId, 'peru', { figures: [deathFigure(1, '2023-01-01')], events: [] }, AT);
        assert.notEqual(await store.factsVersion(), afterIngest);
      }));

    test('views: writes mark death days stale, saveViewRows clears only the marks it answered, resetView marks all', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss' });
        assert.deepEqual(await store.staleViewKeys('deaths', 'peru', 10), []);
        const text = uniqueArticle(1);
        const stored = await ingestDraft(store, feed.id, draft('a', text), AT, facts('peru', [deathFigure(3, '2023-01-09'), deathFigure(4, '2023-01-10'), { ...deathFigure(9, '2023-01-11'), kind: 'injured' }, deathFigure(5, null)]));
        await ingestDraft(store, feed.id, draft('b', uniqueArticle(2)), AT, facts('other', [deathFigure(1, '2023-05-01')]));
        const stale = await store.staleViewKeys('deaths', 'peru', 10);
        assert.deepEqual(stale.map((s) => s.key), ['2023-01-09', '2023-01-10'], 'death days of the story, in key order');
        assert.deepEqual((await store.staleViewKeys('deaths', 'peru', 1)).map((s) => s.key), ['2023-01-09']);

        // A write after the keys were read moves the mark of the day it touches: that mark stays after the save.
        await ingestDraft(store, paper.id, draft('c', text), AT);
        const moved = await store.staleViewKeys('deaths', 'peru', 10);
        assert.ok(moved.every((key, i) => key.mark > stale[i]!.mark), 'a new copy marks the document\'s death days again');
        await store.saveViewRows('deaths', 'peru', [{ key: '2023-01-09', value: '{"n":3}' }, { key: '2023-01-10', value: '{"n":4}' }], stale);
        assert.deepEqual((await store.staleViewKeys('deaths', 'peru', 10)).map((s) => s.key), ['2023-01-09', '2023-01-10'], 'answered marks were older');
        await store.saveViewRows('deaths', 'peru', [], moved);
        assert.deepEqual(await store.staleViewKeys('deaths', 'peru', 10), []);
        assert.deepEqual(await store.viewRows('deaths', 'peru'), { rows: [{ key: '2023-01-09', value: '{"n":3}' }, { key: '2023-01-10', value: '{"n":4}' }] });

        await store.setSourceTitle(paper.id, 'Paper');
        assert.deepEqual((await store.staleViewKeys('deaths', 'peru', 10)).map((s) => s.key), ['2023-01-09', '2023-01-10'], 'a source title change marks its days');
        await store.saveViewRows('deaths', 'peru', [{ key: '2023-01-10', value: null }], await store.staleViewKeys('deaths', 'peru', 10));
        assert.deepEqual((await store.viewRows('deaths', 'peru')).rows.map((r) => r.key), ['2023-01-09'], 'a null value deletes the row');

        await store.replaceFacts(stored.documentId, 'peru', { figures: [deathFigure(6, '2023-01-12')], events: [] }, AT);
        assert.deepEqual((await store.staleViewKeys('deaths', 'peru', 10)).map((s) => s.key), ['2023-01-09', '2023-01-10', '2023-01-12'], 'deleted and inserted figures mark their days');
        await store.saveViewRows('deaths', 'peru', [], await store.staleViewKeys('deaths', 'peru', 10));

        assert.equal(await store.viewStamp('deaths', 'peru'), null);
        assert.equal(await store.resetView('deaths', 'peru', 'stamp-1'), 2, 'the figures\' days and the rows\' keys');
        assert.equal(await store.viewStamp('deaths', 'peru'), 'stamp-1');
        assert.deepEqual((await store.staleViewKeys('deaths', 'peru', 10)).map((s) => s.key), ['2023-01-09', '2023-01-12']);
        await store.resetView('deaths', 'peru', 'stamp-2');
        assert.equal(await store.viewStamp('deaths', 'peru'), 'stamp-2');
        assert.deepEqual(await store.viewRows('deaths', 'other'), { rows: [] });
      }));

    test('views: one save of thousands of rows (a refresh after a large import) writes, deletes and indexes every one', () =>
      withStore(async (store) => {
        const key = (i: number) => `g:2023-01|${String(i).padStart(5, '0')}`;
        const index = (i: number) => ({ sort: String(i).padStart(5, '0'), firstDay: '2023-01-09', lastDay: '2023-01-09', places: [], words: `event ${i}` });
        const many = Array.from({ length: 4_500 }, (_, i) => ({ key: key(i), value: JSON.stringify(i), index: index(i) }));
        await store.saveViewRows('timeline', 'peru', many, []);
        const all = await store.viewRows('timeline', 'peru');
        assert.equal(all.rows.length, 4_500);
        assert.deepEqual([all.rows[0]!.value, all.rows[2_000]!.value, all.rows[4_499]!.value], ['0', '2000', '4499']);
        assert.equal((await store.viewPage('timeline', 'peru', { words: ['event'] }, { offset: 4_000, limit: 10 })).total, 4_500, 'every row indexed');
        assert.equal((await store.viewPage('timeline', 'peru', {}, { offset: 0, limit: 10 })).total, 4_500, 'and counted (the count kept for a page no filter narrows)');
        // every other row deleted, the rest rewritten
        await store.saveViewRows('timeline', 'peru', many.map((row, i) => (i % 2 ? { key: row.key, value: null } : { ...row, value: `"${i}"` })), []);
        const left = await store.viewRows('timeline', 'peru');
        assert.equal(left.rows.length, 2_250);
        assert.equal(left.rows.at(-1)!.value, '"4498"');
        assert.equal((await store.viewPage('timeline', 'peru', { words: ['event'] }, { offset: 0, limit: 1 })).total, 2_250, 'deleted rows leave the index');
        assert.equal((await store.viewPage('timeline', 'peru', {}, { offset: 0, limit: 1 })).total, 2_250, 'and the count');
      }));

    test('views: events mark their months in the timeline view, copies and source titles their document\'s months; ranged reads', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const paper = await store.ensureSource({ kind: 'feed', url: 'https://paper.example/rss' });
        const months = async () => (await store.staleViewKeys('timeline', 'peru', 100)).map((s) => s.key);
        const clear = async () => store.saveViewRows('timeline', 'peru', [], await store.staleViewKeys('timeline', 'peru', 100));
        const text = uniqueArticle(1);
        const stored = await ingestDraft(store, feed.id, draft('a', text), AT, facts('peru', [], [event('2023-01-09', 'Clashes in Juliaca'), event('2023-02-01', 'A strike')]));
        await ingestDraft(store, feed.id, draft('b', uniqueArticle(2)), AT, facts('other', [], [event('2023-05-01', 'Elsewhere')]));
        await ingestDraft(store, feed.id, draft('c', uniqueArticle(3)), AT, facts(null, [], [event('2023-06-01', 'No story')]));
        assert.deepEqual(await months(), ['2023-01', '2023-02'], 'the months of the story\'s events');
        assert.deepEqual((await store.staleViewKeys('timeline', 'other', 100)).map((s) => s.key), ['2023-05']);
        await clear();
        assert.deepEqual(await months(), []);
        await ingestDraft(store, paper.id, draft('d', text), AT);
        assert.deepEqual(await months(), ['2023-01', '2023-02'], 'a new copy marks its document\'s months');
        await clear();
        await store.setSourceTitle(paper.id, 'Paper');
        assert.deepEqual(await months(), ['2023-01', '2023-02'], 'a source title change marks its documents\' months');
        await clear();
        await store.replaceFacts(stored.documentId, 'peru', { figures: [], events: [event('2023-03-05', 'Later')] }, AT);
        assert.deepEqual(await months(), ['2023-01', '2023-02', '2023-03'], 'deleted and inserted events mark their months');
        await clear();

        const rows = ['g:2023', 'g:2023-01', 'g:2023-01-09|a', 'g:2023-02-01|b', 'u:2023-01', 'u:2023-02', 'u:2023-04|05'].map((key) => ({ key, value: JSON.stringify(key) }));
        await store.saveViewRows('timeline', 'peru', rows, []);
        const read = async (range: { keys?: string[]; from?: string; to?: string }) => (await store.viewRows('timeline', 'peru', range)).rows.map((r) => r.key);
        assert.deepEqual(await read({ keys: ['u:2023-02', 'u:2024-01', 'g:2023'] }), ['g:2023', 'u:2023-02'], 'these keys, in key order');
        assert.deepEqual(await read({ from: 'g:2023-01', to: 'g:2023-01|~' }), ['g:2023-01', 'g:2023-01-09|a'], 'a range, inclusive, in byte order');
        assert.deepEqual(await read({ from: 'g:2023-02' }), ['g:2023-02-01|b', 'u:2023-01', 'u:2023-02', 'u:2023-04|05']);
        assert.deepEqual(await read({ to: 'g:2023-01' }), ['g:2023', 'g:2023-01']);
        assert.deepEqual(await read({ keys: [] }), []);
        assert.equal(await store.resetView('timeline', 'peru', 'rules-1'), 4, 'the months of its events and of its unit rows (whole-month and day rows)');
        assert.deepEqual(await months(), ['2023-01', '2023-02', '2023-03', '2023-04']);
        assert.equal(await store.viewStamp('timeline', 'peru'), 'rules-1');
      }));

    test('viewPage: the indexed rows a filter selects, in sort order, a page at a time, with their count', () =>
      withStore(async (store) => {
        const index = (sort: string, firstDay: string, lastDay: string, places: string[], words: string) => ({ sort, firstDay, lastDay, places, words });
        const rows = [
          { key: 'g:2023-01-09|a', value: '"a"', index: index('2023-01-09 0|a', '2023-01-09', '2023-01-09', ['juliaca'], 'clashes in juliaca rt') },
          { key: 'g:2023-01|b', value: '"b"', index: index('2023-01-01 2|b', '2023-01-01', '2023-01-31', ['puno', 'juliaca sur'], 'a strike in puno') },
          { key: 'g:2023-01-09|c', value: '"c"', index: index('2023-01-09 0|c', '2023-01-09', '2023-01-09', [], 'marcha de la ñusta') },
          { key: 'g:2023|d', value: '"d"', index: index('2023-01-01 3|d', '2023-01-01', '2023-12-31', ['lima'], 'a year of protests') },
          { key: 'g:2023-02-01|e', value: '"e"', index: index('2023-02-01 0|e', '2023-02-01', '2023-02-01', ['lima'], 'congress votes') },
          { key: 'u:2023-01', value: '{}' },
        ];
        await store.saveViewRows('timeline', 'peru', rows, []);
        await store.saveViewRows('timeline', 'other', [{ key: 'g:2023-01-09|z', value: '"z"', index: index('2023-01-09 0|z', '2023-01-09', '2023-01-09', [], 'elsewhere') }], []);
        const page = async (filter: Parameters<Store['viewPage']>[2], offset = 0, limit: number | null = null) => {
          const found = await store.viewPage('timeline', 'peru', filter, { offset, limit });
          return `${found.rows.map((row) => JSON.parse(row.value) as string).join('')} of ${found.total}`;
        };
        assert.equal(await page({}), 'bdace of 5', 'sort order; unindexed rows and other stories left out');
        assert.equal(await page({}, 1, 2), 'da of 5', 'a page and the whole count');
        assert.equal(await page({}, 5, 2), ' of 5', 'past the end: no rows, still the count');
        assert.equal(await page({ from: '2023-01-10' }), 'bde of 3', 'covering a day on or after from');
        assert.equal(await page({ to: '2023-01-08' }), 'bd of 2', 'covering a day on or before to');
        assert.equal(await page({ from: '2023-02', to: '2023-02-28' }), 'de of 2', 'a bare month compares as text');
        assert.equal(await page({ place: 'juliaca' }), 'a of 1', 'a place whole, not a part of another');
        assert.equal(await page({ place: 'lima', words: ['votes'] }), 'e of 1');
        assert.equal(await page({ words: ['in', 'jul'] }), 'a of 1', 'every word, as a substring');
        assert.equal(await page({ words: ['in'] }, 1, 5), 'a of 2', 'words: a page and the whole count');
        assert.equal(await page({ words: ['in'] }, 5, 2), ' of 2', 'words: past the end, still the count');
        assert.equal(await page({ words: ['ñusta'] }), 'c of 1');
        assert.equal(await page({ words: ['%'] }), ' of 0', 'words are text, not patterns');
        // (a few matches are sorted in memory: in the stores' byte order, where U+FF01 comes before an emoji's surrogates)
        await store.saveViewRows('timeline', 'peru', [
          { key: 'g:2023-03-01|x', value: '"x"', index: index('2023-03-01 0|\u{1F600}', '2023-03-01', '2023-03-01', [], 'tied') },
          { key: 'g:2023-03-01|y', value: '"y"', index: index('2023-03-01 0|\uFF01', '2023-03-01', '2023-03-01', [], 'tied') },
        ], []);
        assert.equal(await page({ words: ['tied'] }), 'yx of 2');
        await store.saveViewRows('timeline', 'peru', [{ key: 'g:2023-03-01|x', value: null }, { key: 'g:2023-03-01|y', value: null }], []);
        await store.saveViewRows('timeline', 'peru', [{ key: 'g:2023-01-09|a', value: null }, { key: 'g:2023|d', value: '"d"' }], []);
        assert.equal(await page({}), 'bce of 3', 'a deleted row, and a row saved without an index, leave the index');
      }));

    test('searchDocuments: words as plain text, best match first, the matched words marked', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss', title: 'Wire' });
        const stored = await ingestDraft(store, feed.id, draft('en', ARTICLE, { title: 'Deadly clashes in Peru' }), AT);
        const spanish = 'Los vecinos de Juliaca recorrieron los jardines del centro de la ciudad para recordar a las víctimas de la represión policial.\n\nLa marcha terminó frente a la catedral con una misa celebrada por el obispo de la región.';
        const es = await ingestDraft(store, feed.id, draft('es', spanish, { language: 'es', title: 'Marcha en Juliaca' }), AT);
        const hits = await store.searchDocuments('curfew Puno', 5);
        assert.deepEqual(hits.map((h) => h.documentId), [stored.documentId]);
        assert.match(hits[0]!.snippet, /«curfew» in the «Puno» region/);
        assert.ok(hits[0]!.snippet.length < ARTICLE.length && hits[0]!.snippet.includes('…'), 'a passage, trimmed');
        assert.deepEqual(hits[0]!.sources.map((s) => s.source), ['Wire']);
        assert.deepEqual((await store.searchDocuments('Juliaca', 5)).map((h) => h.documentId), [es.documentId, stored.documentId], 'a title match ranks first');
        assert.deepEqual((await store.searchDocuments('"curfew" -Puno* ( ^Puno & ! | :*', 5)).map((h) => h.documentId), [stored.documentId], 'operators are plain text');
        assert.deepEqual(await store.searchDocuments('curfew tsunami', 5), [], 'every word must match');
        assert.deepEqual(await store.searchDocuments('«»!?', 5), []);
        assert.deepEqual((await store.searchDocuments('jardines', 5)).map((h) => h.documentId), [es.documentId]);
        assert.equal((await store.searchDocuments('Juliaca', 1)).length, 1, 'limit');
        if (factory.stems) {
          assert.deepEqual((await store.searchDocuments('jardín', 5)).map((h) => h.documentId), [es.documentId], 'Spanish stems');
          assert.match((await store.searchDocuments('jardín', 5))[0]!.snippet, /«jardines»/);
          assert.deepEqual((await store.searchDocuments('killing demand', 5)).map((h) => h.documentId), [stored.documentId], 'English stems');
        }
      }));

    test('search ranks the most recent matches: every match of a rare word, the best of the newest ones of a common word', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss', title: 'Wire' });
        const candidates = searchCandidates(10);
        const ids: number[] = [];
        // The oldest document is the best match of both words (in its title, and often in its text); every other one
        // mentions "curfew" once, and "Ayacucho" only the oldest and the tenth.
        for (let index = 0; index <= candidates; index++) {
          const place = index === 0 || index === 10 ? ' Ayacucho' : '';
          const text = index === 0 ? `Curfew in Ayacucho. ${'The curfew held in Ayacucho. '.repeat(6)}${uniqueArticle(index)}` : `${uniqueArticle(index)} A curfew${place} began.`;
          const title = index === 0 ? 'Curfew in Ayacucho' : `Report ${index}`;
          ids.push((await ingestDraft(store, feed.id, draft(`item-${index}`, text, { title }), AT)).documentId);
        }
        assert.deepEqual((await store.searchDocuments('Ayacucho', 10)).map((hit) => hit.documentId), [ids[0], ids[10]], 'a rare word: every match, best first');
        const common = (await store.searchDocuments('curfew', 10)).map((hit) => hit.documentId);
        assert.equal(common.length, 10);
        assert.ok(!common.includes(ids[0]!), `"curfew" matches ${candidates + 1} documents: the oldest is past the ${candidates} ranked`);
        assert.ok(common.every((id) => id > ids[0]!));
        assert.equal((await store.searchDocuments('curfew', 500)).length, candidates + 1, 'a larger page ranks more candidates');
        assert.equal((await store.searchDocuments('curfew', 500))[0]!.documentId, ids[0], 'and the best one is found again');
      }));

    test('kv: get, set, delete, ttl; updateKv under concurrent edits', () =>
      withStore(async (store) => {
        assert.equal(await store.kv.get('missing'), undefined);
        await store.kv.set('cursor:console', { copyId: 42 });
        assert.deepEqual(await store.kv.get('cursor:console'), { copyId: 42 });
        await store.kv.set('short-lived', 'x', 500);
        assert.equal(await store.kv.get('short-lived'), 'x');
        await new Promise((resolve) => setTimeout(resolve, 600));
        assert.equal(await store.kv.get('short-lived'), undefined, 'expired');
        assert.equal(await store.kv.delete('cursor:console'), true);
        assert.equal(await store.kv.get('cursor:console'), undefined);

        assert.deepEqual(await store.updateKv<{ n: number }>('counter', (current) => ({ n: (current?.n ?? 0) + 1 })), { n: 1 });
        await Promise.all(Array.from({ length: 20 }, () =>
          store.updateKv<{ n: number }>('counter', async (current) => {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
            return { n: (current?.n ?? 0) + 1 };
          })));
        assert.deepEqual(await store.kv.get('counter'), { n: 21 }, 'no edit lost');
        await assert.rejects(store.updateKv('counter', () => { throw new Error('refused'); }), /refused/);
        assert.deepEqual(await store.kv.get('counter'), { n: 21 }, 'an edit that throws stores nothing');
        await store.kv.set('expiring', 1, 10);
        await new Promise((resolve) => setTimeout(resolve, 30));
        assert.equal(await store.updateKv<number>('expiring', (current) => (current ?? 100) + 1), 101, 'an expired value is absent');
      }));

    test('nearDuplicateCandidates: documents sharing the most sentences first, with their size and text, and the learned sequence', () =>
      withStore(async (store) => {
        const feed = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss' });
        const a = await ingestDraft(store, feed.id, draft('a', ARTICLE), AT);
        const [s1] = ARTICLE.split('\n\n');
        const partly = `${s1}\n\n${uniqueArticle(7)}`;
        const b = await ingestDraft(store, feed.id, draft('b', partly), AT);
        assert.notEqual(a.documentId, b.documentId);
        const { sequence } = await store.learnedSequence();
        assert.deepEqual(await store.nearDuplicateCandidates([], 5), { sequence, candidates: [] });
        const near = await store.nearDuplicateCandidates(sentenceHashes(ARTICLE), 5);
        assert.equal(near.sequence, sequence, 'with the learned sequence');
        const candidates = near.candidates;
        assert.deepEqual(candidates.map((c) => [c.documentId, c.sharedSentences, c.sentences]), [[a.documentId, 4, 4], [b.documentId, 1, 5]]);
        assert.equal(candidates[0]!.text, ARTICLE);
        assert.equal((await store.nearDuplicateCandidates(sentenceHashes(ARTICLE), 1)).candidates.length, 1);
        assert.deepEqual(await store.nearDuplicateCandidates(sentenceHashes(uniqueArticle(8)), 5), { sequence, candidates: [] }, 'no document shares a sentence');
      }));

    test('close: safe twice; the store is unusable after it', async () => {
      const store = await factory.open();
      await store.close();
      await store.close();
      await assert.rejects(store.countDocuments());
    });
  });
}
