/**
 * Telegram channels as sources, the pipeline's half: the platform (src/platforms/telegram/channel-posts.ts)
 * turns each `channel_post` into a ChannelPost and hands it here through `PlatformHooks.channelPost`; a post
 * of a subscribed channel is stored like a feed item (source kind 'telegram'), and an edit replaces the
 * stored text and facts of that post.
 */
import type { AppContext } from '../core/context.ts';
import type { ChannelPost, ChannelPostOutcome } from '../platforms/platform.ts';
import { matchesChannel } from '../sources/telegram-channel.ts';
import { extractionFor } from './extraction-pool.ts';
import { refreshViews, storeItems, toDraft } from './ingest.ts';
import { updateDraft } from './store-draft.ts';

/**
 * Stores a channel post (or its edit) when an admin subscribed to that channel; otherwise ignores it.
 * An edit replaces the stored text and facts (`Store.updateItem`); an edit of a post never seen is stored as new.
 */
export async function ingestChannelPost(app: AppContext, post: ChannelPost, options: { edited?: boolean } = {}): Promise<ChannelPostOutcome> {
  const { channel, item } = post;
  const config = await app.settings.effective();
  const source = config.sources.find((candidate) => matchesChannel(candidate.url, channel));
  if (!source) return { status: 'ignored', reason: `channel ${channel.username ? `@${channel.username}` : channel.id} is not a source` };
  const record = await app.store.ensureSource({ kind: 'telegram', url: source.url, title: channel.title ?? null });
  if (!record.title && channel.title) await app.store.setSourceTitle(record.id, channel.title);
  if (options.edited) {
    const extraction = extractionFor(app);
    const outcome = await updateDraft(app.store, record.id, toDraft(item), app.now(), (draft) => extraction.facts(draft, extraction.stories(app.stories), null));
    if (outcome.status !== 'missing') {
      // As a new post's storeItems does: the views take the edit now, not on the next read.
      if (outcome.status !== 'unchanged') await refreshViews(app);
      await app.store.recordSuccess(record.id, app.now());
      return { status: outcome.status, sourceId: record.id, documentId: outcome.documentId };
    }
  }
  const report = await storeItems(app, record.id, [item]);
  if (report.errors.length > 0) throw new Error(`channel post ${item.key}: ${report.errors.join('; ')}`);
  await app.store.recordSuccess(record.id, app.now());
  const status = report.added ? 'added' : report.merged ? 'merged' : 'duplicate';
  return { status, sourceId: record.id, documentId: report.touched[0] ?? null };
}

/** The hook the composition root gives the chat platforms. */
export function channelPostHook(app: AppContext): (post: ChannelPost, options: { edited: boolean }) => Promise<ChannelPostOutcome> {
  return (post, options) => ingestChannelPost(app, post, options);
}
