/** Who asks: `console` (the operator, trusted) or a chat platform (its URLs pass the address guard). */
export interface Asker {
  platform: 'console' | 'telegram' | 'discord';
}

/** What one read may take: the budget for the whole fetch and the largest body accepted. */
export interface ReadLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** A feed read once (nothing stored): where it ended up after redirects, its title and items. */
export interface FeedRead {
  finalUrl: string;
  title: string | null;
  items: { title: string | null; published: string | null; url: string | null }[];
}

/**
 * What commands may ask of the sources: reading a URL as the caller may (the console, the operator, is
 * trusted; chat callers go through the address guard) and recognising Telegram channel links.
 * Implemented by src/pipeline/source-access.ts and handed to commands as `AppContext.sources` by the
 * composition root, so that commands never import fetching or parsing.
 */
export interface SourceAccess {
  /** Refuses (InputError) a URL a chat caller may not have Cronista fetch; the console is trusted. */
  checkUrl(caller: Asker, url: string): Promise<void>;
  /** Reads and parses a feed; a failure is an InputError naming the URL and ending with `outcome` ("nothing was stored"). */
  readFeed(caller: Asker, url: string, limits: ReadLimits, outcome: string): Promise<FeedRead>;
  /** Reads and decodes a text (YAML, OPML); a failure is an InputError naming the URL. */
  readText(caller: Asker, url: string, limits: ReadLimits): Promise<string>;
  /** The canonical source URL for a channel as typed (`@name`, `t.me/name`, `-100…`), or null when it is not one. */
  telegramChannelUrl(input: string): string | null;
  /** A source URL that names a Telegram channel (its posts reach the bot; nothing is fetched). */
  isTelegramChannelUrl(url: string): boolean;
}
