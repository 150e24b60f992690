/**
 * Storing one draft: the near-duplicate policy and extraction run here, before the store's transaction;
 * the store (Store.ingest) only stores what was decided. A draft is, in order: its own item again
 * (nothing to do), exactly a stored text (a copy of that document), a near duplicate of a stored document
 * (wire copy, a teaser of it, the fuller article around it: `compareTexts`), or a new document. Facts are
 * extracted only when a document takes the draft's text (new, or the fuller text of a near duplicate).
 *
 * Another process may store something between these reads and the transaction: the store re-checks the
 * item and the exact text itself, and answers `replan` when a document stored after the plan was made
 * (`IngestPlan.basedOn`) shares sentences with the draft, so a near duplicate stored meanwhile is merged, not
 * kept apart; the plan is then made again (at most MAX_PLANS times, the last one stored as it is).
 */
import { compareTexts, sentenceHashes } from '../documents/dedup.ts';
import type { DocumentDraft, StoredOutcome } from '../documents/types.ts';
import type { DraftFacts, DraftLookup, IngestPlan, Store, UpdateItemOutcome } from '../stores/store.ts';

/** How many candidate documents sharing sentences with a new one are compared in full. */
const MAX_CANDIDATES = 8;
/** Share of the shorter text's sentences a candidate must have in common before texts are compared in full. */
const MIN_SHARED_SENTENCES = 0.3;
/** Plans made for one draft when other writers keep storing near duplicates of it; the last is stored as it is. */
const MAX_PLANS = 5;

/** A draft's facts, computed here or awaited from the extraction pool (src/pipeline/extraction-pool.ts). */
export type FactsOf = (draft: DocumentDraft) => DraftFacts | Promise<DraftFacts>;

/**
 * The stored document a draft is a copy of (same, contained in it, or containing it: then `replaceText`), or null;
 * with the learned sequence these candidates were read at (the plan's `basedOn`).
 */
export async function nearDuplicateOf(
  store: Pick<Store, 'nearDuplicateCandidates'>,
  draft: DocumentDraft,
  hashes: readonly number[],
): Promise<{ copyOf: IngestPlan['copyOf']; basedOn: number }> {
  const { sequence, candidates } = await store.nearDuplicateCandidates(hashes, MAX_CANDIDATES);
  for (const candidate of candidates) {
    // Copies share most of the shorter text's sentences; one or two common sentences (a boilerplate
    // line, a quote both outlets used) are not worth a full comparison.
    if (candidate.sharedSentences < Math.max(1, Math.ceil(MIN_SHARED_SENTENCES * Math.min(hashes.length, candidate.sentences)))) continue;
    const overlap = compareTexts(draft.text, candidate.text);
    if (overlap === 'same' || overlap === 'contained') return { copyOf: { documentId: candidate.documentId, replaceText: false }, basedOn: sequence };
    if (overlap === 'contains') return { copyOf: { documentId: candidate.documentId, replaceText: true }, basedOn: sequence };
  }
  return { copyOf: null, basedOn: sequence };
}

/** What a plan is made of: the draft's own item already stored, else the document it joins (or null) and `basedOn`. */
type PlanReads = { knownItem: number } | { knownItem: null; copyOf: IngestPlan['copyOf']; basedOn: number };

/**
 * The reads a plan is made on, in as few round trips as are needed (each store answer carries the learned sequence
 * it was read at, so no separate `learnedSequence`). `earlier`: this item's `lookupDraft` answer from before its
 * turn (the ingest stage's, src/pipeline/ingest.ts), used instead of asking again only where that is as good as a
 * fresh answer, whatever other writers (this process's earlier items, other processes) stored since:
 * - a known item stays known (a stored copy is never deleted nor moved: see DraftLookup.knownItem);
 * - neither known nor a stored text: Store.ingest re-checks both under its lock, and a known item or an exact text
 *   stored since wins there over the plan (the same outcome as a fresh answer; at worst a near-duplicate read and an
 *   extraction that go unused). The near duplicates are read now, and the plan is based on that read's sequence.
 * A same-text answer is asked again: that document's text may have changed since (a fuller text, an edited post),
 * and the transaction would merge into the planned document all the same.
 */
async function planReads(store: Store, sourceId: string, draft: DocumentDraft, hashes: readonly number[], earlier?: EarlierLookup): Promise<PlanReads> {
  if (earlier && earlier.knownItem !== null) return { knownItem: earlier.knownItem };
  if (!earlier || earlier.sameText !== null) {
    const { knownItem, sameText, sequence } = await store.lookupDraft(sourceId, draft.key, draft.contentHash);
    if (knownItem !== null) return { knownItem };
    if (sameText !== null) return { knownItem: null, copyOf: { documentId: sameText, replaceText: false }, basedOn: sequence };
  }
  return { knownItem: null, ...(await nearDuplicateOf(store, draft, hashes)) };
}

/** A `lookupDraft` answer read before the item's turn (its sequence is not used: too early to base a plan on). */
export type EarlierLookup = Pick<DraftLookup, 'knownItem' | 'sameText'>;

/**
 * Stores one item with its facts (`factsOf`, called only when a document takes this draft's text).
 * `sentenceHashes`: the draft's fingerprints when already computed (in a worker), else computed here.
 * `earlierLookup`: this item's `lookupDraft` answer when the caller already asked (see `planReads`).
 */
export async function ingestDraft(
  store: Store,
  sourceId: string,
  draft: DocumentDraft,
  at: Date,
  factsOf?: FactsOf,
  options: { silent?: boolean; sentenceHashes?: readonly number[]; earlierLookup?: EarlierLookup } = {},
): Promise<StoredOutcome> {
  const hashes = options.sentenceHashes ?? sentenceHashes(draft.text);
  const storeOptions = options.silent === undefined ? {} : { silent: options.silent };
  let facts: DraftFacts | null = null;
  for (let attempt = 1; ; attempt++) {
    // A plan made again (`replan`: another writer stored a near duplicate meanwhile) reads everything afresh.
    const reads = await planReads(store, sourceId, draft, hashes, attempt === 1 ? options.earlierLookup : undefined);
    if (reads.knownItem !== null) return { status: 'duplicate', documentId: reads.knownItem };
    const { copyOf, basedOn } = reads;
    // Extraction depends on the draft alone: done once, whichever plan needs it first.
    if (factsOf && !facts && (!copyOf || copyOf.replaceText)) facts = await factsOf(draft);
    const plan = { sentenceHashes: hashes, copyOf, facts: !copyOf || copyOf.replaceText ? facts : null, basedOn: attempt < MAX_PLANS ? basedOn : null };
    const outcome = await store.ingest(sourceId, draft, at, plan, storeOptions);
    if (outcome.status !== 'replan') return outcome;
  }
}

/** A known item changed at its source (an edited channel post): see Store.updateItem. */
export async function updateDraft(store: Store, sourceId: string, draft: DocumentDraft, at: Date, factsOf?: FactsOf): Promise<UpdateItemOutcome> {
  return store.updateItem(sourceId, draft, at, { sentenceHashes: sentenceHashes(draft.text), facts: factsOf ? await factsOf(draft) : null });
}
