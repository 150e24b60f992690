import type { Answer } from '../answers/answer.ts';
import { digestAnswer } from '../answers/digest/answer.ts';
import { buildDigest, type DigestCursor } from '../answers/digest/build.ts';
import type { DigestFilters } from '../answers/digest/filters.ts';
import { defaultSummarizer } from '../answers/digest/summarizer.ts';
import type { Digest } from '../answers/digest/types.ts';
import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';

/** Where digests go. Console is built in; issue-5 configuration adds Discord and Telegram destinations. */
export interface Destination {
  id: string;
  kind: 'console' | 'discord_webhook' | 'telegram_chat' | 'discord_channel';
  story?: string;
  filters?: DigestFilters;
  /** Post a one-line "nothing new" instead of staying silent. */
  nothingNew?: boolean;
}

export const CONSOLE_DESTINATION: Destination = { id: 'console', kind: 'console' };

const cursorKey = (destination: string) => `digest:cursor:${destination}`;

export async function destinationById(app: AppContext, id: string): Promise<Destination> {
  if (id === CONSOLE_DESTINATION.id) return CONSOLE_DESTINATION;
  const configured = ((await app.store.kv.get('destinations')) as Destination[] | undefined) ?? [];
  const found = configured.find((destination) => destination.id === id);
  if (!found) throw new InputError(`Unknown destination "${id}". Destinations: ${['console', ...configured.map((d) => d.id)].join(', ')}.`);
  return found;
}

export async function readCursor(app: AppContext, destination: string): Promise<DigestCursor> {
  return ((await app.store.kv.get(cursorKey(destination))) as DigestCursor | undefined) ?? { sequence: 0, at: null };
}

/** The next digest for a destination, without delivering it or moving its cursor. */
export async function previewDigest(app: AppContext, destination: Destination): Promise<{ digest: Digest & { omitted: number }; answer: Answer | null }> {
  const story = destination.story ? (app.stories.find((s) => s.id === destination.story) ?? null) : (app.stories[0] ?? null);
  const digest = await buildDigest(app.store, {
    destination: destination.id,
    story,
    cursor: await readCursor(app, destination.id),
    filters: destination.filters,
    summarize: defaultSummarizer(app),
  });
  return { digest, answer: digestAnswer(digest, { storyName: story?.name, nothingNew: destination.nothingNew }) };
}

/**
 * Builds the next digest, hands it to `send`, and moves the cursor only once `send` has resolved (the
 * platform confirmed delivery). A crash before that re-sends the digest; nothing is lost.
 */
export async function deliverDigest(
  app: AppContext,
  destination: Destination,
  send: (answer: Answer) => Promise<void>,
): Promise<{ digest: Digest & { omitted: number }; delivered: boolean }> {
  const { digest, answer } = await previewDigest(app, destination);
  if (answer) await send(answer);
  if (digest.toSequence > digest.fromSequence) {
    await app.store.kv.set(cursorKey(destination.id), { sequence: digest.toSequence, at: digest.until } satisfies DigestCursor);
  }
  return { digest, delivered: answer !== null };
}
