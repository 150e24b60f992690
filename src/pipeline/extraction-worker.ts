/**
 * The extraction pool's worker (src/pipeline/extraction-pool.ts): the CPU-heavy steps of ingest, on plain data
 * in and out — reading a source's body, an item → its draft and sentence fingerprints, a draft → its facts.
 * Stories arrive as JSON (in shared memory) and are parsed once per version: whatever a story caches (gazetteer indexes, compiled
 * place patterns, keyword weights, all in WeakMaps keyed by the story object) is rebuilt here from that plain
 * config. Errors come back as data ({ ok: false }), so the caller rebuilds a SourceError with its message.
 *
 * piscina loads this file from compiled JS (dist/), or from the TypeScript sources through
 * extraction-worker.mjs, which registers tsx in the worker first. With CRONISTA_WORKERS=0 the same functions
 * (`prepareDraft`, `draftFacts`, `readBody`) run in-process.
 */
import { sentenceHashes } from '../documents/dedup.ts';
import type { DocumentDraft, RawItem } from '../documents/types.ts';
import { factsOf, type ModelInput } from '../facts/extract.ts';
import type { ModelAnswer } from '../facts/model/answer.ts';
import type { Story } from '../facts/types.ts';
import type { DraftFacts } from '../stores/store.ts';
import { datedByStory, toDraft } from './drafts.ts';
import { readBody, type BodyRequest, type SourceBody } from './read-source.ts';

/** An item ready for the store's checks: its draft and the draft's sentence fingerprints. */
export interface PreparedDraft {
  draft: DocumentDraft;
  hashes: number[];
}

/** What model verification reported (ModelInput.onVerified), handed back to be logged where the model was asked. */
export type Verified = Parameters<NonNullable<ModelInput['onVerified']>>[0];

export interface ExtractedFacts {
  facts: DraftFacts;
  verified: Verified | null;
}

/** A task's result as data: errors keep their name, message and (SourceError) source. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { name: string; message: string; source?: string } };

/** The followed stories' plain config, as UTF-8 JSON in shared memory (no copy per task), and its version. */
export interface SharedStories {
  version: number;
  json: Uint8Array;
}

export interface PrepareTask {
  item: RawItem;
  stories: SharedStories;
  now: Date;
}

export interface FactsTask {
  draft: DocumentDraft;
  stories: SharedStories;
  /** The model's answer for the draft (src/pipeline/model-extraction.ts), verified here against the text; or null. */
  answer: ModelAnswer | null;
}

/** An item as the store is offered it (`toDraft`, a year for a bare dateline), with its sentence fingerprints. */
export function prepareDraft(item: RawItem, stories: readonly Story[], now: Date): PreparedDraft {
  const draft = datedByStory(toDraft(item), item, stories, now);
  return { draft, hashes: sentenceHashes(draft.text) };
}

/** The draft's facts (`factsOf`), with what verifying a model's answer reported. */
export function draftFacts(draft: DocumentDraft, stories: readonly Story[], answer: ModelAnswer | null): ExtractedFacts {
  let verified: Verified | null = null;
  const facts = factsOf(draft, stories, answer ? { answer, onVerified: (outcome) => (verified = outcome) } : null);
  return { facts, verified };
}

/** The last stories parsed (one version at a time: they change only when an admin edits a story). */
let parsed: { version: number; stories: Story[] } | null = null;
function storiesOf(shared: SharedStories): Story[] {
  if (parsed?.version !== shared.version) parsed = { version: shared.version, stories: JSON.parse(Buffer.from(shared.json).toString('utf8')) as Story[] };
  return parsed.stories;
}

async function settle<T>(run: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    const source = error instanceof Error && 'source' in error && typeof error.source === 'string' ? error.source : undefined;
    return { ok: false, error: { name, message, ...(source !== undefined ? { source } : {}) } };
  }
}

// The handlers piscina calls by name.
export const read = (task: BodyRequest): Promise<Outcome<SourceBody>> => settle(() => readBody(task));
export const prepare = (task: PrepareTask): Promise<Outcome<PreparedDraft>> => settle(() => prepareDraft(task.item, storiesOf(task.stories), task.now));
export const facts = (task: FactsTask): Promise<Outcome<ExtractedFacts>> => settle(() => draftFacts(task.draft, storiesOf(task.stories), task.answer));
