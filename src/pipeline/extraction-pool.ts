/**
 * The extraction pool: the CPU-heavy steps of ingest (reading a source's body — decoding, feed parsing,
 * HTML → text, Readability — an item → its draft, and extraction, `factsOf`) run in worker threads
 * (piscina), so the event loop keeps answering commands while thousands of items are imported. Sized to the
 * cores (`os.availableParallelism()`); CRONISTA_WORKERS sets the count, 0 runs everything in-process (the test
 * runner does, see scripts/run-tests.mjs). The same functions run either way (src/pipeline/extraction-worker.ts),
 * on plain data: the results are identical.
 *
 * One pool per process, started at its first task; idle workers leave after a minute and never keep the process
 * alive. `closeExtraction()` ends it (the service does on shutdown).
 */
import { Piscina } from 'piscina';
import type { AppContext } from '../core/context.ts';
import { SourceError } from '../core/errors.ts';
import type { DocumentDraft, RawItem } from '../documents/types.ts';
import type { ModelInput } from '../facts/extract.ts';
import type { Story } from '../facts/types.ts';
import type { DraftFacts } from '../stores/store.ts';
import { draftFacts, prepareDraft, type ExtractedFacts, type FactsTask, type Outcome, type PreparedDraft, type PrepareTask, type SharedStories } from './extraction-worker.ts';
import { readBody, type BodyRequest, type SourceBody } from './read-source.ts';
import { workerEntryFor, workersFromEnv } from './workers.ts';

export { workersFromEnv };

/** The followed stories as the workers get them: the objects (in-process), or their plain config as shared JSON. */
export interface StoriesSnapshot {
  readonly list: readonly Story[];
  /** Null in-process (the objects are used as they are). */
  readonly shared: SharedStories | null;
}

export interface Extraction {
  /** Worker threads; 0: in-process. */
  readonly workers: number;
  read(request: BodyRequest): Promise<SourceBody>;
  /** Taken once per batch of items: what the workers extract with (a story edited meanwhile applies to the next batch). */
  stories(list: readonly Story[]): StoriesSnapshot;
  prepare(item: RawItem, stories: StoriesSnapshot, now: Date): Promise<PreparedDraft>;
  /** The draft's facts; a model's answer (`model`) is verified in the worker and `model.onVerified` told here. */
  facts(draft: DocumentDraft, stories: StoriesSnapshot, model: ModelInput | null): Promise<DraftFacts>;
  close(): Promise<void>;
}

/** The extraction worker's entry (compiled, or the tsx bootstrap: see `workerEntryFor`). */
export function workerEntry(moduleUrl: string = import.meta.url): URL {
  return workerEntryFor('extraction-worker', moduleUrl);
}

/** In-process: the worker's functions called directly, on the stories' own objects. */
function inProcess(): Extraction {
  return {
    workers: 0,
    read: (request) => readBody(request),
    stories: (list) => ({ list, shared: null }),
    prepare: async (item, stories, now) => prepareDraft(item, stories.list, now),
    facts: async (draft, stories, model) => factsOf(draftFacts(draft, stories.list, model?.answer ?? null), model),
    close: async () => {},
  };
}

function factsOf(extracted: ExtractedFacts, model: ModelInput | null): DraftFacts {
  if (extracted.verified) model?.onVerified?.(extracted.verified);
  return extracted.facts;
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { name, message, source } = outcome.error;
  if (name === 'SourceError') throw new SourceError(source ?? '', message);
  const error = new Error(message);
  error.name = name;
  throw error;
}

let versions = 0;
/**
 * The stories' JSON in shared memory: every task refers to it (no copy of some 60 KB per task, on either side);
 * a worker parses it once per version.
 */
function shareStories(list: readonly Story[]): SharedStories {
  const bytes = Buffer.from(JSON.stringify(list));
  const json = new Uint8Array(new SharedArrayBuffer(bytes.length));
  json.set(bytes);
  return { version: ++versions, json };
}

function pooled(workers: number): Extraction {
  let pool: Piscina | null = null;
  let closed = false;
  const run = async <T>(name: 'read' | 'prepare' | 'facts', task: unknown): Promise<T> => {
    if (closed) throw new Error('the extraction pool is closed');
    pool ??= new Piscina({
      filename: workerEntry().href,
      maxThreads: workers,
      // Workers start with the first tasks and leave after a minute without any (unref'd while idle).
      minThreads: 0,
      idleTimeout: 60_000,
      // A task's garbage is short-lived: a small young generation saves ~25 MB per worker at no measured cost.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    return unwrap((await pool.run(task, { name })) as Outcome<T>);
  };
  return {
    workers,
    read: (request) => run('read', request),
    stories: (list) => ({ list, shared: shareStories(list) }),
    prepare: (item, stories, now) => run('prepare', { item, stories: stories.shared ?? shareStories(stories.list), now } satisfies PrepareTask),
    facts: async (draft, stories, model) =>
      factsOf(await run<ExtractedFacts>('facts', { draft, stories: stories.shared ?? shareStories(stories.list), answer: model?.answer ?? null } satisfies FactsTask), model),
    async close() {
      closed = true;
      const running = pool;
      pool = null;
      await running?.destroy();
    },
  };
}

/** An extraction with `workers` threads (0: in-process). Tests and benches make their own; the pipeline uses `extractionFor`. */
export function createExtraction(workers: number): Extraction {
  return workers > 0 ? pooled(workers) : inProcess();
}

let shared: Extraction | null = null;
const chosen = new WeakMap<AppContext, Extraction>();

/** The process's extraction (CRONISTA_WORKERS), created on first use. */
export function sharedExtraction(): Extraction {
  return (shared ??= createExtraction(workersFromEnv()));
}

/** What the app's ingest runs on: the one `useExtraction` chose for it, else the process's. */
export function extractionFor(app: AppContext): Extraction {
  return chosen.get(app) ?? sharedExtraction();
}

/** Runs this app's ingest on `extraction` (tests compare pooled and in-process ingests side by side). */
export function useExtraction(app: AppContext, extraction: Extraction): void {
  chosen.set(app, extraction);
}

/** Ends the process's pool (its workers exit); a later ingest starts a new one. */
export async function closeExtraction(): Promise<void> {
  const current = shared;
  shared = null;
  await current?.close();
}
