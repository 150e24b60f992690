import type { Story } from '../../facts/types.ts';
import { storyFor } from '../../facts/story.ts';
import type { LearnedDocument, Store, StoredFigureRecord } from '../../stores/store.ts';
import { deathsWithEach } from '../../timeline/death-view.ts';
import { compileFilters, type DigestFilters } from '../../core/filters.ts';
import { figureChanges, knownAt, tollChangeOf, type TollChange } from './figure-changes.ts';
import { digestEvents, type EventGrouping } from './events.ts';
import { uniqueSources } from './sources.ts';
import { knownBound } from './known.ts';
import { groupStories } from './stories.ts';
import type { Digest, DigestEntry, DigestEntryKind } from './types.ts';

/** Summarizes one entry's texts without repeating `known` sentences (the stored timeline). */
export type Summarizer = (texts: string[], known: string[]) => Promise<string>;

export interface DigestCursor {
  sequence: number;
  at: string | null;
}

export interface DigestRequest {
  destination: string;
  story: Story | null;
  /** Where the destination's last digest reached (sequence 0: it never had one). */
  cursor: DigestCursor;
  filters?: DigestFilters;
  summarize: Summarizer;
  /** Most stories a digest lists; the rest are counted, not dropped silently. */
  maxStories?: number;
  maxEvents?: number;
  /** Most newly stored copies one digest covers (default 5,000). */
  maxCopies?: number;
  /** How new events are told from known ones (default: the stored timeline's groups with a story; see events.ts). */
  events?: EventGrouping;
}

const KIND_ORDER: Record<DigestEntryKind, number> = { figure_change: 0, event: 1, story: 2 };
/** How many newly stored copies one digest covers; a larger burst continues in the following digests. */
const MAX_COPIES = 5000;

/** The next digest for a destination: what Cronista learned since its cursor, against what it knew. */
export async function buildDigest(store: Store, request: DigestRequest): Promise<Digest & { omitted: number }> {
  const { story } = request;
  const cursor = request.cursor.sequence;
  // A burst larger than one digest holds is covered in order by the next ones, never skipped.
  const until = await store.sequenceWindow(cursor, request.maxCopies ?? MAX_COPIES);
  const empty = { destination: request.destination, story: story?.id ?? null, since: request.cursor.at, until: until.at, fromSequence: cursor, toSequence: until.sequence, entries: [], excluded: [], omitted: 0 };
  if (until.sequence <= cursor) return empty;

  // What was learned in the window, in SQL, then only the stored rows it is compared with: the stored timeline's groups
  // of the new events (see events.ts) and the toll's days the new figures touch (never every fact of the story).
  const filter = story ? { story: story.id } : {};
  const unknown = await store.listEvents({ ...filter, unknownAt: cursor });
  const events = await digestEvents(store, { story, cursor, upTo: until.sequence, unknown }, request.events);
  const toll = await tollChange(store, story, cursor, until.sequence);
  const known = [...toll.knownQuotes, ...events.knownQuotes];

  const only = story ? [story] : []; // (one list for every document: storyFor keeps what it learns of a list)
  // A document whose new events were stored as the story's was found to be the story's when it was stored: only the
  // others are read for its words again (a tenth of a build over 1,000 new documents).
  const ofStory = new Set(unknown.map((event) => event.documentId));
  const documents = (await store.documentsLearnedAfter(cursor, until.sequence)).filter(
    // A seeded document (first stored silently by a subscribed feed's first fetch) is known, never a new story.
    (document) => document.firstLearned > cursor && !document.seeded && (!story || ofStory.has(document.id) || storyFor(document, only) !== null),
  );
  const stories = storyEntries(documents);
  const candidates: DigestEntry[] = [...figureChanges(toll), ...events.entries, ...stories.map((s) => s.entry)];
  const entries: DigestEntry[] = [];
  const excluded: Digest['excluded'] = [];
  const reasonFor = compileFilters(request.filters);
  for (const entry of candidates) {
    const reason = reasonFor([entry.text, entry.summary, ...entry.sources.map((s) => s.title ?? '')].join('\n'));
    if (reason) excluded.push({ text: entry.text, reason });
    else entries.push(entry);
  }
  entries.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.weight - a.weight);
  const limits: Record<DigestEntryKind, number> = { figure_change: Infinity, event: request.maxEvents ?? 15, story: request.maxStories ?? 10 };
  const kept = entries.filter((entry, index) => entries.slice(0, index).filter((e) => e.kind === entry.kind).length < limits[entry.kind]);
  // The most important events are kept; a timeline reads best in date order.
  const byDate = (entry: DigestEntry) => (entry.kind === 'event' ? entry.date ?? '' : '');
  kept.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byDate(a).localeCompare(byDate(b)));
  // Summaries cost (an LLM call each when one is configured): only for the stories that are posted.
  for (const { entry, texts } of stories) if (kept.includes(entry)) entry.summary = await request.summarize(texts, known);
  return { ...empty, entries: kept, excluded, omitted: entries.length - kept.length };
}

/**
 * The toll before the cursor and after the window. With a story, from its stored view: only the days holding a
 * figure learned after the cursor (or after the window) are recomputed.
 */
async function tollChange(store: Store, story: Story | null, cursor: number, upTo: number): Promise<TollChange & { knownQuotes: string[] }> {
  const fresh = await store.listFigures({ ...(story ? { story: story.id } : {}), unknownAt: cursor, learnedUpTo: upTo });
  if (!story) {
    const figures = await store.listFigures({ learnedUpTo: upTo });
    return { ...tollChangeOf(figures, cursor, null), knownQuotes: figures.filter((f) => knownAt(f, cursor)).map((f) => f.quote) };
  }
  const later = await store.listFigures({ story: story.id, kinds: ['deaths'], learnedAfter: upTo });
  const daysOf = (figures: StoredFigureRecord[]) => [...new Set(figures.filter((f) => f.kind === 'deaths' && f.asOf).map((f) => f.asOf!))];
  const learnedBy = (figure: StoredFigureRecord) => figure.learned <= upTo;
  // One read of the stored points for both. The days the new figures are about are recomputed on both sides (their
  // figures are read for the "before" anyway) with every report: a stored point keeps only its best few, and a report
  // the digest tells is new (its quote), or the sources it cites, may be among the others.
  const touched = daysOf([...fresh, ...later]);
  const [after, before] = await deathsWithEach(
    store,
    story,
    [
      { changedDays: touched, kept: learnedBy },
      { changedDays: touched, kept: (figure) => learnedBy(figure) && knownAt(figure, cursor) },
    ],
    { sources: Number.POSITIVE_INFINITY },
  );
  // What the summaries must not repeat: the latest known statements of the days the new figures are about (known.ts).
  const knownQuotes = fresh.length ? await store.figureQuotes({ story: story.id, dates: daysOf(fresh), learnedUpTo: upTo, knownAt: cursor }, knownBound) : [];
  return { before, after, newQuotes: new Set(fresh.map((figure) => figure.quote)), knownQuotes };
}

/** One entry per story (its summary is written once the entry is kept); `summary` holds the lead until then, for filters. */
function storyEntries(documents: LearnedDocument[]): { entry: DigestEntry; texts: string[] }[] {
  return groupStories(documents).map((group) => {
    const lead = [...group].sort((a, b) => b.copies.length - a.copies.length || (a.published ?? '').localeCompare(b.published ?? ''))[0]!;
    const sources = uniqueSources(
      group.flatMap((document) =>
        document.copies.map((copy) => ({ title: copy.title ?? document.title, url: copy.url, source: copy.sourceName, published: copy.published ?? document.published })),
      ),
    );
    const newest = Math.max(...group.map((document) => Date.parse(document.published ?? '') || 0));
    const entry: DigestEntry = {
      kind: 'story',
      text: lead.title ?? lead.text.slice(0, 120),
      summary: lead.text.slice(0, 300),
      sources,
      weight: new Set(sources.map((source) => source.source)).size + newest / 1e13,
    };
    return { entry, texts: group.map((document) => document.text) };
  });
}
