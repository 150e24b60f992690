// A digest's known sentences (what its summaries must not repeat) are bounded: the quotes of at most KNOWN_REPORTS known
// reports per date it needs, the latest learned ones (src/answers/digest/known.ts), read in SQL with that limit. A day
// with many stored reports no longer hands every one of them to the summarizer, and a summary still leaves out a
// sentence the latest reports told. Run on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildDigest } from '../../src/answers/digest/build.ts';
import { KNOWN_REPORTS } from '../../src/answers/digest/known.ts';
import { createDigestSummarizer } from '../../src/answers/summary/index.ts';
import type { Story } from '../../src/facts/types.ts';
import { ingestDraft } from '../../src/pipeline/store-draft.ts';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.ts';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.ts';
import type { Store } from '../../src/stores/store.ts';
import { deathFigure, draft, event, uniqueArticle } from '../support/drafts.ts';
import { databasesForThisFile } from '../support/postgres.ts';

const STORY: Story = { id: 'peru', name: 'Peru protests', start: '2023-01-01', keywords: ['Juliaca', 'protesters'], regions: [], officialSources: [] };
const DAY = '2023-01-09';
/** Known reports of one day: each a document with a death figure and an event of that day, each with its own sentence. */
const KNOWN = 3 * KNOWN_REPORTS;
const AT = new Date('2024-03-01T12:00:00Z');
const summarize = createDigestSummarizer({ llm: null });

const eventSentence = (i: number) => `Protesters in Juliaca marched to the airport for the ${i}th time on Monday, witnesses said.`;
const figureSentence = (i: number) => `Officials in Juliaca said ${i + 100} people had died in the protesters' clashes with police by Monday.`;

async function knownSentencesBounded(store: Store): Promise<void> {
  const wire = await store.ensureSource({ kind: 'feed', url: 'https://wire.example/rss', title: 'Wire' });
  for (let i = 1; i <= KNOWN; i++) {
    const text = `${uniqueArticle(i)}\n\n${eventSentence(i)}\n\n${figureSentence(i)}`;
    await ingestDraft(store, wire.id, draft(`known-${i}`, text, { published: '2023-01-09T18:00:00Z' }), AT, () => ({
      story: STORY.id,
      figures: [deathFigure(i + 100, DAY, { quote: figureSentence(i) })],
      events: [{ ...event(DAY, `March ${i} in Juliaca`), quote: eventSentence(i) }],
    }));
  }
  const cursor = (await store.learnedSequence()).sequence;
  // A new report: the latest known report's sentence first, then what is new.
  const repeated = eventSentence(KNOWN);
  const fresh = [
    'Protesters in Juliaca blocked the main bridge over the river with stones and burning tyres on Tuesday morning.',
    'The regional governor asked the government in Lima to send doctors and medicine to the hospital in Juliaca.',
  ];
  const outcome = await ingestDraft(store, wire.id, draft('new', [repeated, ...fresh].join('\n\n'), { published: '2023-01-10T09:00:00Z' }), AT, () => ({
    story: STORY.id,
    figures: [deathFigure(KNOWN + 101, DAY, { quote: 'Officials said more people had died.' })],
    events: [{ ...event('2023-01-10', 'Bridge blocked in Juliaca'), quote: fresh[0]! }],
  }));
  assert.equal(outcome.status, 'added', 'a new document');

  const handed: string[][] = [];
  const digest = await buildDigest(store, {
    destination: 'test',
    story: STORY,
    cursor: { sequence: cursor, at: null },
    summarize: (texts, known) => (handed.push(known), summarize(texts, known)),
  });
  const story = digest.entries.find((entry) => entry.kind === 'story');
  assert.ok(story, 'the new report is a story entry');
  assert.equal(handed.length, 1, 'one summary');
  const known = handed[0]!;
  // Old code: every known report of the day and of the months around (2 × KNOWN sentences).
  assert.ok(known.length <= 2 * KNOWN_REPORTS, `${known.length} known sentences, at most ${KNOWN_REPORTS} per date and kind`);
  // The latest known reports of the day, not any others.
  const latest = Array.from({ length: KNOWN_REPORTS }, (_, k) => KNOWN - k);
  assert.deepEqual(new Set(known), new Set([...latest.map(eventSentence), ...latest.map(figureSentence)]));
  // The summary still leaves out what the latest report told, and would say it with nothing known.
  assert.ok(!story.summary.includes(repeated), `the known sentence is left out: ${story.summary}`);
  assert.ok(story.summary.includes(fresh[0]!), `what is new is said: ${story.summary}`);
  assert.ok((await summarize([[repeated, ...fresh].join('\n\n')], [])).includes(repeated), 'without known sentences it would be said');
}

test('a digest hands its summaries a bounded number of known sentences (SQLite)', async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'cronista-digest-known-')), 'cronista.db'));
  try {
    await knownSentencesBounded(store);
  } finally {
    await store.close();
  }
});

const freshDatabase = databasesForThisFile();

test('a digest hands its summaries a bounded number of known sentences (PostgreSQL)', async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    await knownSentencesBounded(store);
  } finally {
    await store.close();
  }
});
