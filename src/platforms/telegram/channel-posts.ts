/**
 * Telegram channels as sources. A source whose URL is a channel link (`https://t.me/<username>`, or
 * `https://t.me/c/<id>` for a channel without a public username) is not polled: the bot, once a member
 * (admin) of that channel, receives each `channel_post` and stores it like a feed item (source kind
 * 'telegram'); an `edited_channel_post` replaces the stored text and facts of that post.
 */
import type { Chat, Message } from 'grammy/types';
import type { AppContext } from '../../core/context.ts';
import type { RawItem } from '../../documents/types.ts';
import { factsOf } from '../../facts/extract.ts';
import { storeItems, toDraft } from '../../pipeline/ingest.ts';

export { channelRef, isTelegramChannelUrl, telegramChannelUrl, type ChannelRef } from '../../sources/telegram-channel.ts';
import { channelRef, type ChannelRef } from '../../sources/telegram-channel.ts';

/** Channel chat ids are -100<internal id>. */
function internalId(chatId: number): string {
  const text = String(chatId);
  return text.startsWith('-100') ? text.slice(4) : text.replace(/^-/, '');
}

/** Whether a source URL names this channel chat (usernames compare case-insensitively). */
export function matchesChannel(url: string, chat: Pick<Chat.ChannelChat, 'id' | 'username'>): boolean {
  const ref = channelRef(url);
  if (!ref) return false;
  if ('username' in ref) return chat.username !== undefined && ref.username.toLowerCase() === chat.username.toLowerCase();
  return ref.internalId === internalId(chat.id);
}

/** A channel post as a RawItem (null when it carries no text: a photo without caption, a poll, a service message). */
export function channelPostItem(post: Message): RawItem | null {
  const body = (post.text ?? post.caption ?? '').trim();
  const entities = post.entities ?? post.caption_entities ?? [];
  const links = [...new Set(entities.flatMap((entity) => (entity.type === 'text_link' && entity.url && !body.includes(entity.url) ? [entity.url] : [])))];
  if (!body) return null;
  const text = links.length > 0 ? `${body}\n\n${links.join('\n')}` : body;
  const firstLine = body.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
  const title = firstLine.length > 200 ? `${firstLine.slice(0, 199).replace(/\s+\S*$/, '')}…` : firstLine;
  const chat = post.chat as Chat.ChannelChat;
  const url = chat.username ? `https://t.me/${chat.username}/${post.message_id}` : `https://t.me/c/${internalId(chat.id)}/${post.message_id}`;
  return {
    key: `${chat.id}/${post.message_id}`,
    url,
    title: title || null,
    published: new Date(post.date * 1000).toISOString(),
    text,
    outlet: chat.title ?? null,
  };
}

export type ChannelPostOutcome =
  | { status: 'ignored'; reason: string }
  | { status: 'added' | 'merged' | 'duplicate' | 'updated' | 'unchanged' | 'kept'; sourceId: string; documentId: number | null };

/**
 * Stores a channel post (or its edit) when an admin subscribed to that channel; otherwise ignores it.
 * An edit replaces the stored text and facts (`Store.updateItem`); an edit of a post never seen is stored as new.
 */
export async function ingestChannelPost(app: AppContext, post: Message, options: { edited?: boolean } = {}): Promise<ChannelPostOutcome> {
  if (post.chat.type !== 'channel') return { status: 'ignored', reason: 'not a channel' };
  const chat = post.chat;
  const config = await app.settings.effective();
  const source = config.sources.find((candidate) => matchesChannel(candidate.url, chat));
  if (!source) return { status: 'ignored', reason: `channel ${chat.username ? `@${chat.username}` : chat.id} is not a source` };
  const item = channelPostItem(post);
  if (!item) return { status: 'ignored', reason: 'post without text' };
  const record = await app.store.ensureSource({ kind: 'telegram', url: source.url, title: chat.title ?? null });
  if (!record.title && chat.title) await app.store.setSourceTitle(record.id, chat.title);
  if (options.edited) {
    const outcome = await app.store.updateItem(record.id, toDraft(item), app.now(), (draft) => factsOf(draft, app.stories));
    if (outcome.status !== 'missing') {
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

export function describeOutcome(outcome: ChannelPostOutcome): string {
  return outcome.status === 'ignored' ? `ignored (${outcome.reason})` : `${outcome.status} (source ${outcome.sourceId}, document ${outcome.documentId ?? '-'})`;
}
