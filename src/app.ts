/**
 * The composition root: the one place that chooses the store (SQLite), the chat platforms and the
 * commands, and wires them together (the CLI calls it; nothing else imports it, see .dependency-cruiser.cjs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import type { CommandDefinition } from './core/command.ts';
import type { Dispatcher } from './core/dispatch.ts';
import { channelPostHook } from './pipeline/channel-posts.ts';
import type { ServiceWiring } from './pipeline/service.ts';
import { sourceAccess } from './pipeline/source-access.ts';
import { createDiscordPlatform } from './platforms/discord/bot.ts';
import type { Platform, PlatformFactory, PlatformHooks } from './platforms/platform.ts';
import { createTelegramPlatform } from './platforms/telegram/bot.ts';
import { loadStories, type StoryConfig } from './facts/story.ts';
import { ConfigError } from './core/config.ts';
import { CronistaError, errorMessage } from './core/errors.ts';
import { SqliteStore } from './stores/sqlite/sqlite-store.ts';
import type { AppContext } from './core/context.ts';
import { llmConfigFromEnv, type LlmConfig } from './core/llm-config.ts';
import { createLogger } from './core/logger.ts';
import { bundledStoriesDir } from './core/paths.ts';
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

/**
 * Opens the embedded default: a SQLite file in the data directory, the bundled stories, and the model endpoint
 * of CRONISTA_LLM_* for extraction (`llm` overrides it; null runs the rules alone).
 */
export function openApp(dataDir: string, options: { llm?: LlmConfig | null } = {}): AppContext {
  const logger = createLogger();
  // CRONISTA_STORIES: a directory of the operator's own story files instead of the bundled ones.
  const storiesDir = process.env.CRONISTA_STORIES || bundledStoriesDir;
  if (process.env.CRONISTA_STORIES && !existsSync(storiesDir)) throw new ConfigError(`${storiesDir}: no such stories directory (CRONISTA_STORIES)`);
  const bundled = existsSync(storiesDir) ? loadStories(storiesDir) : []; // a typo: StoryConfigError, one line
  const path = join(dataDir, 'cronista.db');
  let store: SqliteStore;
  try {
    store = new SqliteStore(path);
  } catch (error) {
    throw new CronistaError(`${path}: cannot open the data store: ${errorMessage(error).split('\n')[0]} (check --data / CRONISTA_DATA)`);
  }
  try {
    const settings = Settings.open(store, { logger });
    const stories = followed(bundled, settings.followedStories);
    // Keywords and places added from chat (/story set) apply to the loaded stories from the start.
    if (!applyStoredStoryOverridesSync(store, stories)) {
      void applyStoredStoryOverrides(store, stories).catch((err: unknown) => logger.warn({ err }, 'story overrides not applied'));
    }
    const llm = options.llm === undefined ? llmConfigFromEnv() : options.llm;
    return { store, logger, dataDir, stories, settings, llm, sources: sourceAccess, now: () => new Date() };
  } catch (error) {
    void store.close();
    throw error;
  }
}

/** Every command, in the order /help lists them (commands/index.ts). */
export const allCommands: readonly CommandDefinition[] = commands;

/** Chat platforms `cronista start` runs when their tokens are set (the console always runs). */
const PLATFORMS: readonly PlatformFactory[] = [createTelegramPlatform, createDiscordPlatform];

/** The configured chat platforms, each handing what it receives for the pipeline (channel posts) to the pipeline. */
export function chatPlatforms(app: AppContext, dispatcher: Dispatcher, extra: Pick<PlatformHooks, 'http'> = {}, env: NodeJS.ProcessEnv = process.env): Platform[] {
  const hooks: PlatformHooks = { channelPost: channelPostHook(app), ...extra };
  return PLATFORMS.map((create) => create(app, dispatcher, env, hooks)).filter((platform): platform is Platform => platform !== null);
}

/** What `cronista start` runs: this store, these commands, these platforms. */
export const serviceWiring: ServiceWiring = { openApp: (dataDir) => openApp(dataDir), commands: allCommands, platforms: chatPlatforms };
