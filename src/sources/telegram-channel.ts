/**
 * Links that name a Telegram channel. Such a source is not polled: the bot, as a member (admin) of the
 * channel, receives its posts (src/platforms/telegram/channel-posts.ts) and hands them to the pipeline
 * (src/pipeline/channel-posts.ts).
 */
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
/** t.me paths that are not channels. */
const RESERVED = new Set(['joinchat', 'addstickers', 'addemoji', 'share', 'proxy', 'socks', 'setlanguage', 'addtheme', 'iv', 'login', 'invoice', 'boost', 'contact', 'addlist']);

export type ChannelRef = { username: string } | { internalId: string };

/** What a Telegram channel URL names, or null when the URL is not one. */
export function channelRef(url: string): ChannelRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(parsed.protocol) || !/^(www\.)?(t\.me|telegram\.me|telegram\.dog)$/i.test(parsed.hostname)) return null;
  const parts = parsed.pathname.split('/').filter(Boolean);
  if (parts[0] === 's' && parts.length === 2) parts.shift(); // t.me/s/<name>: the web preview of a channel
  if (parts[0] === 'c' && parts.length === 2 && /^\d{5,20}$/.test(parts[1]!)) return { internalId: parts[1]! };
  if (parts.length !== 1) return null;
  const name = parts[0]!;
  if (!USERNAME.test(name) || RESERVED.has(name.toLowerCase()) || name.startsWith('+')) return null;
  return { username: name };
}

/** True for a source URL that names a Telegram channel (`https://t.me/<username>`, `https://t.me/c/<id>`): the feed poller must skip it. */
export function isTelegramChannelUrl(url: string): boolean {
  return channelRef(url) !== null;
}

/**
 * The canonical source URL for what an admin typed: `@name`, `t.me/name`, `https://t.me/s/name`,
 * `https://telegram.me/name` → `https://t.me/name`; `https://t.me/c/123…` kept; a channel chat id
 * `-100123…` → `https://t.me/c/123…`. Null when the input is not a channel.
 */
export function telegramChannelUrl(input: string): string | null {
  const text = input.trim();
  if (/^-100\d{5,20}$/.test(text)) return `https://t.me/c/${text.slice(4)}`;
  if (text.startsWith('@')) return USERNAME.test(text.slice(1)) ? `https://t.me/${text.slice(1)}` : null;
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`;
  const ref = channelRef(withScheme);
  if (!ref) return null;
  return 'username' in ref ? `https://t.me/${ref.username}` : `https://t.me/c/${ref.internalId}`;
}

/** Whether a source URL names this channel (usernames compare case-insensitively; `internalId` as in t.me/c/ links). */
export function matchesChannel(url: string, channel: { internalId: string; username?: string | undefined }): boolean {
  const ref = channelRef(url);
  if (!ref) return false;
  if ('username' in ref) return channel.username !== undefined && ref.username.toLowerCase() === channel.username.toLowerCase();
  return ref.internalId === channel.internalId;
}
