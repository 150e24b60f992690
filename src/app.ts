/**
 * The composition root: the one place that chooses the store (SQLite, or Postgres with CRONISTA_DATABASE_URL), the
 * chat platforms and the commands, and wires them together (the CLI calls it; nothing else imports it, see .dependency-cruiser.cjs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import type { CommandDefinition } from './core/command.ts';
import type { Dispatcher } from './core/dispatch.ts';
import type { ServiceWiring } from './pipeline/service.ts';
import { queueOptionsFromEnv, type QueueOptions } from './pipeline/queue/options.ts';
import type { WorkerWiring } from './pipeline/queue/worker.ts';
import { sourceAccess } from './pipeline/source-access.ts';
import { discordShardsFromEnv } from './platforms/discord/shards.ts';
import type { Platform, PlatformFactory, PlatformHooks } from './platforms/platform.ts';
import { loadStories, readParsedStories, type StoryConfig } from './facts/story.ts';
import { ConfigError } from './core/config.ts';
import { CronistaError, errorMessage } from './core/errors.ts';
import { redactUrl } from './core/redact.ts';
import { SqliteStore } from './stores/sqlite/sqlite-store.ts';
import type { Store } from './stores/store.ts';
import type { AppContext } from './core/context.ts';
import { llmConfigFromEnv, type LlmConfig } from './core/llm-config.ts';
import { createLogger } from './core/logger.ts';
import { bundledStoriesDir, bundledStoriesParsed } from './core/paths.ts';
import { Settings } from './core/settings.ts';
import { applyStoredStoryOverrides, applyStoredStoryOverridesSync } from './pipeline/story-overrides.ts';

/** The story of the bundled sample (config/sample): the default story when the configuration names none. */
const SAMPLE_STORY = 'peru-crisis';

/**
 * The stories the configuration names (`stories:`), in its order (the first is the default of story-scoped
 * commands); all bundled ones when it names none, the sample's story first.
 */
function followed(stories: StoryConfig[], ids: readonly string[] | undefined): StoryConfig[] {
  if (!ids) return [...stories].sort((a, b) => Number(b.id === SAMPLE_STORY) - Number(a.id === SAMPLE_STORY));
  const unknown = ids.filter((id) => !stories.some((story) => story.id === id));
  if (unknown.length) throw new ConfigError(`stories: unknown story ${unknown.join(', ')} (known: ${stories.map((story) => story.id).join(', ')})`);
  return ids.map((id) => stories.find((story) => story.id === id)!);
}

/** The bundled or operator's stories (CRONISTA_STORIES), read from files the build already validated where it can. */
function storyConfigs(): StoryConfig[] {
  // CRONISTA_STORIES: a directory of the operator's own story files instead of the bundled ones.
  const storiesDir = process.env.CRONISTA_STORIES || bundledStoriesDir;
  if (process.env.CRONISTA_STORIES && !existsSync(storiesDir)) throw new ConfigError(`${storiesDir}: no such stories directory (CRONISTA_STORIES)`);
  // a typo: StoryConfigError, one line; files the build already validated are not parsed again
  return existsSync(storiesDir) ? loadStories(storiesDir, readParsedStories(bundledStoriesParsed)) : [];
}

/** The app over an open store; the store is closed again when the configuration cannot be read. */
function appOn(store: Store, dataDir: string, options: { llm?: LlmConfig | null }): { app: AppContext; overrides: Promise<void> | null } {
  const logger = createLogger();
  try {
    const settings = Settings.open(store, { logger });
    const stories = followed(storyConfigs(), settings.followedStories);
    const llm = options.llm === undefined ? llmConfigFromEnv() : options.llm;
    const app: AppContext = { store, logger, dataDir, stories, settings, llm, sources: sourceAccess, now: () => new Date() };
    // Keywords and places added from chat (/story set) apply to the loaded stories from the start: at once where the
    // store reads synchronously (SQLite), else before openConfiguredApp returns.
    const overrides = applyStoredStoryOverridesSync(store, stories) ? null : applyStoredStoryOverrides(store, stories);
    return { app, overrides };
  } catch (error) {
    void store.close();
    throw error;
  }
}

/**
 * Opens the embedded default: a SQLite file in the data directory, the bundled stories, and the model endpoint
 * of CRONISTA_LLM_* for extraction (`llm` overrides it; null runs the rules alone).
 */
export function openApp(dataDir: string, options: { llm?: LlmConfig | null } = {}): AppContext {
  const path = join(dataDir, 'cronista.db');
  let store: SqliteStore;
  try {
    store = new SqliteStore(path);
  } catch (error) {
    throw new CronistaError(`${path}: cannot open the data store: ${errorMessage(error).split('\n')[0]} (check --data / CRONISTA_DATA)`);
  }
  const { app, overrides } = appOn(store, dataDir, options);
  if (overrides) void overrides.catch((err: unknown) => app.logger.warn({ err }, 'story overrides not applied'));
  return app;
}

/**
 * CRONISTA_DATABASE_URL: a PostgreSQL server (postgres:// or postgresql://) instead of the SQLite file; unset or
 * empty, the embedded default.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.CRONISTA_DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new ConfigError(`CRONISTA_DATABASE_URL: ${redactUrl(url)} is not a postgres:// URL (unset it to keep the data in the SQLite file of the data directory)`);
  }
  return url;
}

/** The Postgres store of `url`, migrated and reachable (its driver loads only when a server is configured). */
async function openPostgres(url: string): Promise<Store> {
  const { PostgresStore } = await import('./stores/postgres/postgres-store.ts');
  return PostgresStore.open(url);
}

/**
 * The app as the CLI and the service open it: on the Postgres server of CRONISTA_DATABASE_URL when it is set, else
 * on the SQLite file of the data directory (`openApp`). The data directory keeps the charts either way.
 */
export async function openConfiguredApp(dataDir: string, options: { llm?: LlmConfig | null; env?: NodeJS.ProcessEnv } = {}): Promise<AppContext> {
  const url = databaseUrlFromEnv(options.env);
  const queue = queueOptionsFromEnv(options.env);
  // The queues' figures for operators (/sources); their reader, and BullMQ with it, loads on the first read.
  const withQueues = (app: AppContext) => (queue ? Object.assign(app, { queueStatus: async () => (await import('./pipeline/queue/status.ts')).readQueueStatus(queue) }) : app);
  if (!url) return withQueues(openApp(dataDir, options));
  const { app, overrides } = appOn(await openPostgres(url), dataDir, options);
  try {
    await overrides;
  } catch (error) {
    app.logger.warn({ err: error }, 'story overrides not applied');
  }
  return withQueues(app);
}

/**
 * `cronista db copy --to <url>`: copies the SQLite data of `dataDir` into the empty Postgres database of `url`
 * (src/stores/copy-to-postgres.ts); `onProgress` is told the rows copied so far of the total.
 */
export async function copyDataToPostgres(dataDir: string, url: string, onProgress?: (done: number, total: number, table: string) => void) {
  const { copySqliteToPostgres } = await import('./stores/copy-to-postgres.ts');
  return copySqliteToPostgres(join(dataDir, 'cronista.db'), url, onProgress ? { onProgress } : {});
}

/** Every command, in the order /help lists them (commands/index.ts). */
export const allCommands: readonly CommandDefinition[] = commands;

/**
 * Chat platforms `cronista start` runs when their tokens are set (the console always runs). A platform's module,
 * and with it its chat library (grammY, discord.js), is loaded only when its token is set; its factory then
 * reads the rest of its settings (and may still decline: null).
 */
const PLATFORMS: readonly { token: string; load: () => Promise<PlatformFactory> }[] = [
  { token: 'TELEGRAM_BOT_TOKEN', load: async () => (await import('./platforms/telegram/bot.ts')).createTelegramPlatform },
  { token: 'DISCORD_TOKEN', load: async () => (await import('./platforms/discord/bot.ts')).createDiscordPlatform },
];

/**
 * The configured chat platforms, each handing what it receives for the pipeline (channel posts) to the pipeline: in
 * this process, unless `extra.channelPost` sends them elsewhere (distributed mode: to the workers' queue).
 */
export async function chatPlatforms(app: AppContext, dispatcher: Dispatcher, extra: Pick<PlatformHooks, 'http' | 'channelPost'> = {}, env: NodeJS.ProcessEnv = process.env): Promise<Platform[]> {
  const factories = await Promise.all(PLATFORMS.filter(({ token }) => env[token]?.trim()).map(({ load }) => load()));
  if (factories.length === 0) return [];
  const channelPost = extra.channelPost ?? (await import('./pipeline/channel-posts.ts')).channelPostHook(app);
  const hooks: PlatformHooks = { ...extra, channelPost };
  return factories.map((create) => create(app, dispatcher, env, hooks)).filter((platform): platform is Platform => platform !== null);
}

/**
 * Distributed mode (CRONISTA_REDIS_URL): its queue settings, or null without it. Several processes share one database,
 * so it needs the Postgres store: with the SQLite file it is a one-line ConfigError.
 */
export function distributedFromEnv(env: NodeJS.ProcessEnv = process.env): QueueOptions | null {
  const queue = queueOptionsFromEnv(env);
  if (queue && !databaseUrlFromEnv(env)) {
    throw new ConfigError('CRONISTA_REDIS_URL needs CRONISTA_DATABASE_URL (a PostgreSQL server): the coordinator and its workers share one database, which a SQLite file cannot be');
  }
  return queue;
}

/**
 * What `cronista start` runs: this store, these commands, these platforms; with CRONISTA_REDIS_URL it is a
 * coordinator, whose schedules go on the queue (src/pipeline/queue/coordinator.ts) for `cronista worker` to run. Several
 * may run: one holds the schedules (a lease in Redis), the others stand by.
 */
export function serviceWiring(env: NodeJS.ProcessEnv = process.env): ServiceWiring {
  const queue = distributedFromEnv(env);
  if (queue && env.TELEGRAM_BOT_TOKEN?.trim() && env.TELEGRAM_WEBHOOK_URL?.trim() && !env.TELEGRAM_WEBHOOK_SECRET?.trim()) {
    // Each process would otherwise make up its own secret and refuse the updates Telegram signs with another's.
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET: set it in distributed mode (CRONISTA_REDIS_URL): every cronista start serves the webhook and must accept the same secret');
  }
  // A bad DISCORD_SHARDS is one line before anything opens (shards.ts loads no discord.js).
  if (env.DISCORD_TOKEN?.trim()) discordShardsFromEnv(env);
    const wiring: ServiceWiring = { openApp: (dataDir) => openConfiguredApp(dataDir, { env }), commands: allCommands, platforms: chatPlatforms };
  if (!queue) return wiring;
  return {
    ...wiring,
    // Redis is checked before anything opens: an unreachable one is one line, not a service that never gets ready.
    openApp: async (dataDir) => {
      await (await import('./pipeline/queue/processor.ts')).checkRedis(queue);
      const app = await openConfiguredApp(dataDir, { env });
      // Paging buttons and cooldowns in Redis: whichever coordinator answers, the same state (runService closes it).
      return Object.assign(app, { shared: (await import('./pipeline/queue/shared-state.ts')).redisState(queue) });
    },
    schedules: async (app) => (await import('./pipeline/queue/coordinator.ts')).queueSchedules(app, queue),
  };
}

/** What `cronista worker` runs on: the Postgres store and the queue of CRONISTA_REDIS_URL (both required). */
export function workerWiring(env: NodeJS.ProcessEnv = process.env): WorkerWiring {
  const queue = distributedFromEnv(env);
  if (!queue) throw new ConfigError('cronista worker needs CRONISTA_REDIS_URL (the job queue) and CRONISTA_DATABASE_URL (the shared PostgreSQL store)');
  return { openApp: (dataDir) => openConfiguredApp(dataDir, { env }), queue };
}
