import { InputError, errorMessage } from '../core/errors.ts';
import { redactUrl, redactUrlsIn } from '../core/redact.ts';
import type { Asker, ReadLimits, SourceAccess } from '../core/source-access.ts';
import type { FetchedResource } from '../sources/http.ts';
import { isTelegramChannelUrl, telegramChannelUrl } from '../sources/telegram-channel.ts';

// Fetching (undici), the address guard and feed parsing load when a command first reads a URL: the
// composition root hands this object to every command, and a CLI start should not pay for them.

/** A URL read as `caller` may: the console (the operator) directly, chat callers through the address guard. */
async function fetchAs(caller: Asker, url: string, limits: ReadLimits): Promise<FetchedResource> {
  if (caller.platform === 'console') return (await import('../sources/http.ts')).fetchResource(url, limits);
  const { checkUrlFor, fetchGuarded } = await import('../sources/ssrf.ts');
  await checkUrlFor(caller, url);
  return fetchGuarded(url, limits);
}

/** The sources as commands see them (`AppContext.sources`, set by the composition root). */
export const sourceAccess: SourceAccess = {
  async checkUrl(caller, url) {
    await (await import('../sources/ssrf.ts')).checkUrlFor(caller, url);
  },

  async readFeed(caller, url, limits, outcome) {
    const shown = redactUrl(url);
    let fetched: FetchedResource;
    try {
      fetched = await fetchAs(caller, url, limits);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`Could not read ${shown}: ${redactUrlsIn(errorMessage(error))}; ${outcome}.`);
    }
    try {
      const { parseFetchedFeed } = await import('./poll.ts');
      const feed = await parseFetchedFeed(fetched, url);
      return { finalUrl: fetched.url, title: feed.title, items: feed.items };
    } catch (error) {
      throw new InputError(`${shown} was read but is not a usable feed: ${redactUrlsIn(errorMessage(error))}; ${outcome}.`);
    }
  },

  async readText(caller, url, limits) {
    try {
      const fetched = await fetchAs(caller, url, limits);
      const { decodeBytes } = await import('../sources/decode.ts');
      return decodeBytes(fetched.bytes, fetched.contentType).text;
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`Could not read ${redactUrl(url)}: ${redactUrlsIn(errorMessage(error))}.`);
    }
  },

  telegramChannelUrl,
  isTelegramChannelUrl,
};
