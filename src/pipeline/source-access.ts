import { InputError, errorMessage } from '../core/errors.ts';
import { redactUrl, redactUrlsIn } from '../core/redact.ts';
import type { Asker, ReadLimits, SourceAccess } from '../core/source-access.ts';
import { decodeBytes } from '../sources/decode.ts';
import { fetchResource, type FetchedResource } from '../sources/http.ts';
import { checkUrlFor, fetchGuarded } from '../sources/ssrf.ts';
import { isTelegramChannelUrl, telegramChannelUrl } from '../sources/telegram-channel.ts';
import { parseFetchedFeed } from './poll.ts';

/** A URL read as `caller` may: the console (the operator) directly, chat callers through the address guard. */
async function fetchAs(caller: Asker, url: string, limits: ReadLimits): Promise<FetchedResource> {
  if (caller.platform === 'console') return fetchResource(url, limits);
  await checkUrlFor(caller, url);
  return fetchGuarded(url, limits);
}

/** The sources as commands see them (`AppContext.sources`, set by the composition root). */
export const sourceAccess: SourceAccess = {
  checkUrl: checkUrlFor,

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
      const feed = await parseFetchedFeed(fetched, url);
      return { finalUrl: fetched.url, title: feed.title, items: feed.items };
    } catch (error) {
      throw new InputError(`${shown} was read but is not a usable feed: ${redactUrlsIn(errorMessage(error))}; ${outcome}.`);
    }
  },

  async readText(caller, url, limits) {
    try {
      const fetched = await fetchAs(caller, url, limits);
      return decodeBytes(fetched.bytes, fetched.contentType).text;
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`Could not read ${redactUrl(url)}: ${redactUrlsIn(errorMessage(error))}.`);
    }
  },

  telegramChannelUrl,
  isTelegramChannelUrl,
};
