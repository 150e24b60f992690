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
import type { DraftFacts, IngestPlan, Store, UpdateItemOutcome } from '../stores/store.ts';

/** How many candidate documents sharing sentences with a new one are compared in full. */
const MAX_CANDIDATES = 8;
/** Share of the shorter text's sentences a candidate must have in common before texts are compared in full. */
const MIN_SHARED_SENTENCES = 0.3;
/** Plans made for one draft when other writers keep storing near duplicates of it; the last is stored as it is. */
const MAX_PLANS = 5;

/** A draft's facts, computed here or awaited from the extraction pool (src/pipeline/extraction-pool.ts). */
export type FactsOf = (draft: DocumentDraft) => DraftFacts | Promise<DraftFacts>;

/** The stored document a draft is a copy of (same, contained in it, or containing it: then `replaceText`), or null. */
export async function nearDuplicateOf(store: Pick<Store, 'nearDuplicateCandidates'>, draft: DocumentDraft, hashes: readonly number[]): Promise<IngestPlan['copyOf']> {
  for (const candidate of await store.nearDuplicateCandidates(hashes, MAX_CANDIDATES)) {
    // Copies share most of the shorter text's sentences; one or two common sentences (a boilerplate
    // line, a quote both outlets used) are not worth a full comparison.
    if (candidate.sharedSentences < Math.max(1, Math.ceil(MIN_SHARED_SENTENCES * Math.min(hashes.length, candidate.sentences)))) continue;
    const overlap = compareTexts(draft.text, candidate.text);
    if (overlap === 'same' || overlap === 'contained') return { documentId: candidate.documentId, replaceText: false };
    if (overlap === 'contains') return { documentId: candidate.documentId, replaceText: true };
  }
  return null;
}

/**
 * Stores one item with its facts (`factsOf`, called only when a document takes this draft's text).
 * `sentenceHashes`: the draft's fingerprints when already computed (in a worker), else computed here.
 */
export async function ingestDraft(
  store: Store,
  sourceId: string,
  draft: DocumentDraft,
  at: Date,
  factsOf?: FactsOf,
  options: { silent?: boolean; sentenceHashes?: readonly number[] } = {},
): Promise<StoredOutcome> {
  const hashes = options.sentenceHashes ?? sentenceHashes(draft.text);
  const storeOptions = options.silent === undefined ? {} : { silent: options.silent };
  let facts: DraftFacts | null = null;
  for (let attempt = 1; ; attempt++) {
    const { sequence: basedOn } = await store.learnedSequence();
    const { knownItem, sameText } = await store.lookupDraft(sourceId, draft.key, draft.contentHash);
    if (knownItem !== null) return { status: 'duplicate', documentId: knownItem };
    const copyOf = sameText !== null ? { documentId: sameText, replaceText: false } : await nearDuplicateOf(store, draft, hashes);
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
