import type Keyv from 'keyv';
import { digestJson } from './answer.ts';
import type { Digest } from './types.ts';

/**
 * The digests Cronista wrote, newest first, kept in the store's key-value space so the web server can offer
 * them as a feed (/feed.xml). Only digests of destinations without filters are kept: a filtered digest is
 * one chat's selection, not the bot's output. The same learned range of the same story is kept once,
 * whichever destination it went to.
 */
const KEY = 'digest:archive';
const KEEP = 100;

export type ArchivedDigest = Omit<ReturnType<typeof digestJson>, 'destination' | 'excluded' | 'omitted'> & {
  /** story + learned range: the same for every destination whose digest covered the same facts. */
  id: string;
  writtenAt: string;
};

interface ArchiveRecord {
  /** Digests ever archived (the list keeps the latest KEEP). */
  total: number;
  digests: ArchivedDigest[];
}

export async function archiveDigest(kv: Keyv, digest: Digest, writtenAt: Date): Promise<void> {
  if (digest.entries.length === 0) return;
  const id = `${digest.story ?? 'all'}:${digest.fromSequence}-${digest.toSequence}`;
  const archive = await readDigestArchive(kv);
  if (archive.digests.some((kept) => kept.id === id)) return;
  const { story, since, until, entries } = digestJson(digest);
  const entry: ArchivedDigest = { id, story, since, until, entries, writtenAt: writtenAt.toISOString() };
  await kv.set(KEY, { total: archive.total + 1, digests: [entry, ...archive.digests].slice(0, KEEP) } satisfies ArchiveRecord);
}

export async function readDigestArchive(kv: Keyv): Promise<ArchiveRecord> {
  return ((await kv.get(KEY)) as ArchiveRecord | undefined) ?? { total: 0, digests: [] };
}
