import type Keyv from 'keyv';
import type { DigestCursor } from '../answers/digest/build.ts';

/**
 * The outbox makes digest delivery crash-safe. A digest is rendered for its destination's platform and
 * saved here BEFORE anything is sent; `next` moves after each message the platform confirmed; when all
 * are sent the cursor moves and only then the outbox is cleared. Every write is one SQLite statement
 * (keyv over our own table), so a crash at any point leaves either the old or the new value:
 *
 * - before the outbox is saved: nothing was sent, the cursor did not move → rebuilt next time;
 * - after a confirmed send, before `next` is saved: that one message is sent again on resume;
 * - after the last `next`, before the cursor: resume sends nothing, moves the cursor, clears;
 * - after the cursor, before the clear: resume sees `toSequence <= cursor`, just clears.
 *
 * So at most the one message in flight at the crash can repeat, and nothing is lost.
 */
export interface Outbox<M = unknown> {
  destination: string;
  /** What the messages were rendered for; an outbox for another platform (config changed) is dropped. */
  platform: string;
  fromSequence: number;
  toSequence: number;
  until: string | null;
  messages: M[];
  /** Index of the first message not yet confirmed by the platform. */
  next: number;
  createdAt: string;
}

export interface LastError {
  at: string;
  reason: string;
  permanent: boolean;
  /** Pending messages dropped so that a refusing destination is not retried forever. */
  droppedMessages: number;
}

export const cursorKey = (destination: string) => `digest:cursor:${destination}`;
export const outboxKey = (destination: string) => `digest:outbox:${destination}`;
export const lastErrorKey = (destination: string) => `destination:${destination}:last_error`;

export async function readOutbox<M = unknown>(kv: Keyv, destination: string): Promise<Outbox<M> | undefined> {
  return (await kv.get(outboxKey(destination))) as Outbox<M> | undefined;
}

export async function saveOutbox(kv: Keyv, outbox: Outbox): Promise<void> {
  await kv.set(outboxKey(outbox.destination), outbox);
}

export async function clearOutbox(kv: Keyv, destination: string): Promise<void> {
  await kv.delete(outboxKey(destination));
}

export async function readLastError(kv: Keyv, destination: string): Promise<LastError | undefined> {
  return (await kv.get(lastErrorKey(destination))) as LastError | undefined;
}

/**
 * Sends an outbox's remaining messages in order, saving `next` after each confirmed send, then moves the
 * cursor to `toSequence` and clears the outbox (in that order). Returns how many messages it sent. A
 * failing send leaves the outbox as it is (with `next` at the failed message) and rethrows. `fence` runs before
 * each write and throws when this run may no longer write (its lease passed on: see deliverDigest).
 */
export async function drainOutbox<M>(kv: Keyv, outbox: Outbox<M>, send: (message: M) => Promise<void>, fence: () => void = () => {}): Promise<number> {
  let sent = 0;
  while (outbox.next < outbox.messages.length) {
    await send(outbox.messages[outbox.next]!);
    sent++;
    outbox.next++;
    fence();
    await saveOutbox(kv, outbox);
  }
  fence();
  const current = (await kv.get(cursorKey(outbox.destination))) as DigestCursor | undefined;
  if (!current || current.sequence < outbox.toSequence) {
    await kv.set(cursorKey(outbox.destination), { sequence: outbox.toSequence, at: outbox.until } satisfies DigestCursor);
  }
  await clearOutbox(kv, outbox.destination);
  return sent;
}
