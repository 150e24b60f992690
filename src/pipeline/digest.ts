import type { Answer } from '../core/answer.ts';
import { digestAnswer } from '../answers/digest/answer.ts';
import { archiveDigest } from '../answers/digest/archive.ts';
import { storyPageLink } from '../answers/story-link.ts';
import { buildDigest, type DigestCursor } from '../answers/digest/build.ts';
import { createDigestSummarizer, createLlmSummarizer, llmConfigFromEnv } from '../answers/summary/index.ts';
import type { Digest } from '../answers/digest/types.ts';
import type { AppContext } from '../core/context.ts';
import { DeliveryError, errorMessage, InputError } from '../core/errors.ts';
import type { Destination } from './destination.ts';
import { clearOutbox, cursorKey, drainOutbox, lastErrorKey, readOutbox, saveOutbox, type LastError, type Outbox } from './outbox.ts';
import { asMessageSender, senderFor, type MessageSender, type Send, type SenderOptions } from './senders.ts';

export async function readCursor(app: AppContext, destination: string): Promise<DigestCursor> {
  return ((await app.store.kv.get(cursorKey(destination))) as DigestCursor | undefined) ?? { sequence: 0, at: null };
}

/** The next digest for a destination, without delivering it or moving its cursor. */
export async function previewDigest(app: AppContext, destination: Destination): Promise<{ digest: Digest & { omitted: number }; answer: Answer | null }> {
  const story = destination.story ? (app.stories.find((s) => s.id === destination.story) ?? null) : (app.stories[0] ?? null);
  // An unknown story would otherwise mean every story mixed together: refuse and name it.
  if (destination.story && !story) {
    throw new InputError(`Destination ${destination.id} names story "${destination.story}", which is not loaded (stories: ${app.stories.map((s) => s.id).join(', ') || 'none'}).`);
  }
  const digest = await buildDigest(app.store, {
    destination: destination.id,
    story,
    cursor: await readCursor(app, destination.id),
    filters: destination.filters,
    summarize: digestSummarizer(app),
  });
  const link = storyPageLink(story?.id, {}, 'Story page: chart and timeline');
  return { digest, answer: digestAnswer(digest, { storyName: story?.name, nothingNew: destination.nothingNew, ...(link ? { link } : {}) }) };
}

export interface DeliveryResult {
  destination: string;
  /** This run's digest (built after any pending outbox was finished). */
  digest: Digest & { omitted: number };
  /** Something was posted in this call (a resumed outbox or this run's digest). */
  delivered: boolean;
  /** Messages the platform confirmed in this call. */
  sent: number;
  /** A digest left pending by an earlier run (crash, transient failure) that this call finished first. */
  resumed: { fromSequence: number; toSequence: number; sent: number } | null;
}

const running = new WeakMap<AppContext, Map<string, Promise<unknown>>>();

/** One delivery at a time per destination within a process (a schedule and a CLI call must not interleave). */
async function exclusive<T>(app: AppContext, destination: string, work: () => Promise<T>): Promise<T> {
  const byDestination = running.get(app) ?? new Map<string, Promise<unknown>>();
  running.set(app, byDestination);
  const before = byDestination.get(destination) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  byDestination.set(destination, mine);
  try {
    return await mine;
  } finally {
    if (byDestination.get(destination) === mine) byDestination.delete(destination);
  }
}

/**
 * Delivers a destination's digest crash-safely (see outbox.ts). First finishes a pending outbox left by an
 * earlier run (resumed, not rebuilt); then builds this run's digest (one digest, however many items),
 * renders it for the destination's platform, saves the messages as the outbox, sends them one by one and
 * moves the cursor once all were confirmed. A crash at any point loses nothing; at most the message in
 * flight is repeated.
 *
 * On failure it records `destination:<id>:last_error` and throws the DeliveryError. A permanent refusal
 * (deleted webhook, chat not found, bot blocked) also drops the pending outbox so the destination is not
 * retried forever; its cursor stays (unless part of the digest was already sent: then it moves past that
 * digest), so the next run after the fix rebuilds the digest. A transient failure
 * keeps the outbox for the next run.
 */
export async function deliverDigest(app: AppContext, destination: Destination, send: Send | MessageSender, options: DeliveryFence = {}): Promise<DeliveryResult> {
  return exclusive(app, destination.id, async () => {
    const sender = asMessageSender(send);
    const kv = app.store.kv;
    const fence = () => {
      if (options.mayWrite && !options.mayWrite()) throw new DeliveryError(LEASE_LOST, { permanent: false });
    };
    let current: Outbox | undefined;
    try {
      let resumed: DeliveryResult['resumed'] = null;
      const pending = await readOutbox(kv, destination.id);
      if (pending && pending.platform !== sender.platform) {
        app.logger.warn({ destination: destination.id, was: pending.platform, now: sender.platform }, 'pending digest was rendered for another platform; rebuilding it');
        fence();
        await clearOutbox(kv, destination.id);
      } else if (pending) {
        current = pending;
        const sent = await drainOutbox(kv, pending, sender.sendMessage, fence);
        resumed = { fromSequence: pending.fromSequence, toSequence: pending.toSequence, sent };
        app.logger.info({ destination: destination.id, sent, of: pending.messages.length }, 'resumed a pending digest');
      }

      const { digest, answer } = await previewDigest(app, destination);
      let sent = 0;
      if (answer) {
        current = {
          destination: destination.id,
          platform: sender.platform,
          fromSequence: digest.fromSequence,
          toSequence: digest.toSequence,
          until: digest.until,
          messages: sender.render(answer),
          next: 0,
          createdAt: app.now().toISOString(),
        };
        // Building took a while: a run paused past its lease must not overwrite the outbox of the run that took over.
        fence();
        await saveOutbox(kv, current);
        // Written once it is committed to be sent: the web feed offers the bot's digests (unfiltered ones).
        if (!destination.filters?.include?.length && !destination.filters?.exclude?.length) await archiveDigest(kv, digest, app.now());
        sent = await drainOutbox(kv, current, sender.sendMessage, fence);
      } else if (digest.toSequence > digest.fromSequence) {
        fence();
        await kv.set(cursorKey(destination.id), { sequence: digest.toSequence, at: digest.until } satisfies DigestCursor);
      }
      await kv.delete(lastErrorKey(destination.id));
      const total = sent + (resumed?.sent ?? 0);
      return { destination: destination.id, digest, delivered: answer !== null || total > 0, sent, resumed };
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(errorMessage(error), { permanent: false, cause: error });
      // No longer ours to write: the outbox, cursor and last error are the new holder's.
      if (options.mayWrite && !options.mayWrite()) throw failure;
      let dropped = 0;
      if (failure.permanent) {
        const left = (await readOutbox(kv, destination.id)) ?? current;
        dropped = left ? left.messages.length - left.next : 0;
        // Part of that digest already went out: move past it, or every later run would post that part again
        // and fail again. The dropped remainder is reported in last_error.
        if (left && left.next > 0) {
          const cursor = (await kv.get(cursorKey(destination.id))) as DigestCursor | undefined;
          if (!cursor || cursor.sequence < left.toSequence) await kv.set(cursorKey(destination.id), { sequence: left.toSequence, at: left.until } satisfies DigestCursor);
        }
        await clearOutbox(kv, destination.id);
      }
      const record: LastError = { at: app.now().toISOString(), reason: failure.message, permanent: failure.permanent, droppedMessages: dropped };
      await kv.set(lastErrorKey(destination.id), record);
      app.logger.warn({ destination: destination.id, permanent: failure.permanent, droppedMessages: dropped }, `digest delivery failed: ${failure.message}`);
      throw failure;
    }
  });
}

/**
 * Distributed mode: `mayWrite` is false once this run's lease on the destination may have passed to another process.
 * It is asked before every write of the outbox, the cursor and the last error (and, through the sender, before every
 * message), so a run paused between building its digest and saving it leaves the state of the run that took over
 * alone. What is left is the time between the question and the write (one store round trip, no pause detected).
 */
export interface DeliveryFence {
  mayWrite?: () => boolean;
}

/** The failure of a run that stopped because its lease may have passed on (not permanent: the next run goes on). */
export const LEASE_LOST = 'this run no longer holds the destination (its lease may have passed to another process): the rest is left for the next run';

export type DestinationReport =
  | ({ ok: true } & DeliveryResult)
  | { ok: false; destination: string; reason: string; permanent: boolean; droppedMessages: number };

/**
 * Delivers to every destination in turn; one that fails (permanently or not) is reported with its
 * reason and does not stop the others.
 */
export async function deliverDigests(
  app: AppContext,
  destinations: Destination[],
  options: { senderFor?: (app: AppContext, destination: Destination) => Promise<Send | MessageSender>; senderOptions?: SenderOptions } & DeliveryFence = {},
): Promise<DestinationReport[]> {
  const reports: DestinationReport[] = [];
  for (const destination of destinations) {
    try {
      const send = options.senderFor ? await options.senderFor(app, destination) : await senderFor(app, destination, options.senderOptions);
      reports.push({ ok: true, ...(await deliverDigest(app, destination, send, options.mayWrite ? { mayWrite: options.mayWrite } : {})) });
    } catch (error) {
      if (options.mayWrite && !options.mayWrite()) {
        // Its last error is no longer this run's to record.
        reports.push({ ok: false, destination: destination.id, reason: errorMessage(error), permanent: false, droppedMessages: 0 });
        continue;
      }
      const last = (await app.store.kv.get(lastErrorKey(destination.id))) as LastError | undefined;
      const permanent = error instanceof DeliveryError ? error.permanent : error instanceof InputError;
      if (!(error instanceof DeliveryError) || !last || last.reason !== error.message) {
        // Failed before delivery started (no sender for it, missing token): record it the same way.
        const record: LastError = { at: app.now().toISOString(), reason: errorMessage(error), permanent, droppedMessages: 0 };
        await app.store.kv.set(lastErrorKey(destination.id), record);
        app.logger.warn({ destination: destination.id, permanent }, `digest delivery failed: ${record.reason}`);
        reports.push({ ok: false, destination: destination.id, reason: record.reason, permanent, droppedMessages: 0 });
      } else {
        reports.push({ ok: false, destination: destination.id, reason: last.reason, permanent: last.permanent, droppedMessages: last.droppedMessages });
      }
    }
  }
  return reports;
}

/** Extractive summaries, or an OpenAI-compatible model's when CRONISTA_LLM_* is set (checked against the sources). */
function digestSummarizer(app: AppContext) {
  const config = llmConfigFromEnv();
  const llm = config ? createLlmSummarizer({ ...config, onError: (reason) => app.logger.warn({ reason }, 'LLM summary unavailable; using the extractive one') }) : null;
  return createDigestSummarizer({ llm });
}
