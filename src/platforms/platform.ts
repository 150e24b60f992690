import type { AppContext } from '../core/context.ts';
import type { Dispatcher } from '../core/dispatch.ts';

/**
 * A chat platform the service runs (Telegram, Discord): it turns its users' input into dispatcher
 * requests and renders the answers. Started once the store is open; stopped on SIGINT/SIGTERM after
 * which it must not accept new work, and must finish what it started.
 */
export interface Platform {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates a platform from the environment, or returns null when it is not configured (no token). */
export type PlatformFactory = (app: AppContext, dispatcher: Dispatcher, env: NodeJS.ProcessEnv) => Platform | null;
