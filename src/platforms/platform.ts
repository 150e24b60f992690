import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../core/context.ts';
import type { Dispatcher } from '../core/dispatch.ts';

/**
 * A chat platform the service runs (Telegram, Discord): it turns its users' input into dispatcher
 * requests and renders the answers. Started once the store is open (by the supervisor, which retries a
 * platform that fails); stopped on SIGINT/SIGTERM after which it must not accept new work, and must
 * finish what it started.
 */
export interface Platform {
  readonly name: string;
  /**
   * Takes its updates over a connection only one process may hold at a time (Telegram long polling, the Discord
   * gateway): with several `cronista start` processes, only the one holding the schedules runs it.
   */
  readonly exclusive?: boolean;
  /**
   * Connects and starts taking updates; resolves once it does. Rejects (with a PlatformError saying why
   * and what to check, when it can tell) if it cannot, having cleaned up after itself; gives up as soon as
   * `signal` aborts. start() may be tried again after a failure.
   */
  start(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
  /** Set by the supervisor: called when a started platform stops working (token revoked, another poller). */
  onFailure?: (error: unknown) => void;
  /** Set by the supervisor: called when a platform whose start failed got going by itself after all. */
  onRecovered?: () => void;
}

/** Why a platform cannot run, as one line: what went wrong and what the operator should check. */
export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly reason: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason} — ${hint}`, options);
  }
}

/**
 * A post in a channel the bot belongs to, in neutral terms: `item` has a RawItem's shape. Whether the
 * channel is a source, and storing the post, is the pipeline's job (src/pipeline/channel-posts.ts).
 */
export interface ChannelPost {
  /** `internalId`: the id in `https://t.me/c/<internalId>` links (Telegram's chat id without its -100). */
  channel: { id: number; internalId: string; username?: string | undefined; title?: string | undefined };
  item: { key: string; url: string; title: string | null; published: string; text: string; outlet: string | null };
}

export type ChannelPostOutcome =
  | { status: 'ignored'; reason: string }
  /** Distributed mode: handed to a worker as a job (src/pipeline/queue/channel-post-jobs.ts), stored when it runs. */
  | { status: 'queued'; job: string }
  | { status: 'added' | 'merged' | 'duplicate' | 'updated' | 'unchanged' | 'kept'; sourceId: string; documentId: number | null };

/** What a platform hands on to the pipeline, set by the composition root (src/app.ts). */
export interface PlatformHooks {
  /** A channel post, or its edit (`edited`): stored when its channel is a subscribed source. */
  channelPost?: (post: ChannelPost, options: { edited: boolean }) => Promise<ChannelPostOutcome>;
  /** The story pages' HTTP server, when the service runs it: a platform may serve its own POSTs there (a webhook). */
  http?: HttpMount;
}

/** Where a platform mounts a raw request handler on the service's HTTP server; the returned function unmounts it. */
export interface HttpMount {
  mount(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void): () => void;
}

/** Creates a platform from the environment, or returns null when it is not configured (no token). */
export type PlatformFactory = (app: AppContext, dispatcher: Dispatcher, env: NodeJS.ProcessEnv, hooks?: PlatformHooks) => Platform | null;
