import { textAnswer } from '../core/answer.ts';
import type { DestinationConfig, SourceConfig } from '../core/config.ts';
import type { AppContext } from '../core/context.ts';
import { DeliveryError, errorMessage } from '../core/errors.ts';
import { redactUrl, redactUrlsIn } from '../core/redact.ts';
import { fetchGuarded } from '../sources/ssrf.ts';
import { fetchResource, type Fetcher } from '../sources/http.ts';
import type { SourceRecord } from '../stores/store.ts';
import { deliverDigests, LEASE_LOST } from './digest.ts';
import { destinationFromConfig, type Destination } from './destination.ts';
import { HostLimiter, type RequestLimiter } from './host-limiter.ts';
import { pollSource } from './poll.ts';
import type { RunContext } from './scheduler.ts';
import { asMessageSender, messageSender, senderFor, type MessageSender } from './senders.ts';

/**
 * A run of a digest: what the scheduler says of it, and `mayDeliver`, asked before every message and every write of
 * the outbox, cursor or last error when given: false stops the delivery (not permanently: the outbox stays for the
 * next run), as when the lease this run holds on the destination may have passed to another process.
 */
export type DigestRun = Partial<RunContext> & { mayDeliver?: () => boolean };

/** A destination's scheduled digest: delivered, or its failure logged (and kept for /sources). */
export function digestJob(app: AppContext) {
  return async (destination: DestinationConfig, run: DigestRun = {}): Promise<void> => {
    const senders = run.mayDeliver ? { senderFor: guardedSenderFor(run.mayDeliver), mayWrite: run.mayDeliver } : {};
    for (const report of await deliverDigests(app, [destinationFromConfig(destination)], senders)) {
      if (report.ok) app.logger.info({ destination: destination.id, entries: report.digest.entries.length, delivered: report.delivered }, 'digest run');
      else app.logger.warn({ destination: destination.id, permanent: report.permanent }, `digest not delivered: ${report.reason}`);
    }
  };
}

/** The destination's sender, each message sent only while `mayDeliver()` says so. */
function guardedSenderFor(mayDeliver: () => boolean) {
  return async (app: AppContext, destination: Destination): Promise<MessageSender> => {
    const sender = asMessageSender(await senderFor(app, destination));
    return messageSender(sender.platform, sender.render, async (message) => {
      if (!mayDeliver()) throw new DeliveryError(LEASE_LOST, { permanent: false });
      await sender.sendMessage(message);
    });
  };
}

/**
 * The fetcher for a source's polls, by where the source came from (`Settings.sourceOrigin`). Feeds that
 * came from chat (`/feeds add`, or a chat `/config import` of YAML or OPML) go through the SSRF guard at
 * every poll — every redirect and every connection is checked, honoring CRONISTA_ALLOW_HOSTS — so a feed
 * that was public when added cannot later redirect or rebind to an internal address. What the operator
 * configured (the configuration file, the console, `cronista config import`) is trusted; a source of
 * unknown origin is guarded.
 */
export async function fetcherFor(app: AppContext, url: string): Promise<Fetcher> {
  const origin = await app.settings.sourceOrigin(url);
  return origin === 'file' || origin === 'console' ? fetchResource : fetchGuarded;
}

/**
 * A subscribed source's scheduled poll, polite per host; a source that keeps failing is disabled out loud. `limiter`
 * makes the per-host limit (`polling.per_host`) hold somewhere else than in this process (across workers, in Redis).
 */
export async function pollJob(app: AppContext, options: { limiter?: (perHost: number) => RequestLimiter } = {}) {
  const { polling } = await app.settings.effective();
  const limiter = options.limiter ? options.limiter(polling.per_host) : new HostLimiter({ perHost: polling.per_host });
  return async (source: SourceConfig): Promise<void> => {
    const result = await pollSource(app, source.url, {
      limiter,
      fetch: await fetcherFor(app, source.url),
      timeoutMs: polling.timeout_seconds * 1000,
      maxBytes: polling.max_bytes,
      disableAfterFailures: polling.disable_after_failures,
      onDisabled: (record, reason) => announceDisabled(app, source, record, reason),
    });
    app.logger.info({ source: source.url, status: result.status, added: result.added }, result.message ?? 'poll');
  };
}

/** Tells every destination following the source's story (all of them when it names none) why it stopped. */
async function announceDisabled(app: AppContext, source: SourceConfig, record: SourceRecord, reason: string): Promise<void> {
  const { destinations } = await app.settings.effective();
  const shown = redactUrl(source.url);
  const text = `Cronista stopped reading ${record.title ?? shown} (${shown}): ${redactUrlsIn(reason)}. An admin can re-enable it with /feeds add ${shown}.`;
  const following = destinations.filter((destination) => !source.story || !destination.story || destination.story === source.story);
  const failures: string[] = [];
  for (const destination of following) {
    try {
      await (await senderFor(app, destinationFromConfig(destination)))(textAnswer(text));
    } catch (error) {
      failures.push(`${destination.id}: ${errorMessage(error)}`);
    }
  }
  if (following.length > 0 && failures.length === following.length) throw new Error(`could not tell any destination: ${failures.join('; ')}`);
}
