/**
 * Telegram channels as sources, the platform's half. A source whose URL is a channel link
 * (`https://t.me/<username>`, or `https://t.me/c/<id>` for a channel without a public username) is not
 * polled: the bot, once a member (admin) of that channel, receives each `channel_post` (and
 * `edited_channel_post`), turns it into a ChannelPost here and hands it to the pipeline
 * (`PlatformHooks.channelPost`, src/pipeline/channel-posts.ts), which stores it when the channel is a source.
 */
import type { Chat, Message } from 'grammy/types';
import type { ChannelPost, ChannelPostOutcome } from '../platform.ts';

/** Channel chat ids are -100<internal id>; t.me/c/ links use the internal id. */
function internalId(chatId: number): string {
  const text = String(chatId);
  return text.startsWith('-100') ? text.slice(4) : text.replace(/^-/, '');
}

/** A channel post as a RawItem-shaped item (null when it carries no text: a photo without caption, a poll, a service message). */
export function channelPostItem(post: Message): ChannelPost['item'] | null {
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

/** A channel post for the pipeline, or why it is none (not a channel, no text). */
export function channelPost(post: Message): ChannelPost | { ignored: string } {
  if (post.chat.type !== 'channel') return { ignored: 'not a channel' };
  const item = channelPostItem(post);
  if (!item) return { ignored: 'post without text' };
  const chat = post.chat;
  return { channel: { id: chat.id, internalId: internalId(chat.id), username: chat.username, title: chat.title }, item };
}

export function describeOutcome(outcome: ChannelPostOutcome): string {
  if (outcome.status === 'queued') return `queued for a worker (job ${outcome.job})`;
  return outcome.status === 'ignored' ? `ignored (${outcome.reason})` : `${outcome.status} (source ${outcome.sourceId}, document ${outcome.documentId ?? '-'})`;
}
