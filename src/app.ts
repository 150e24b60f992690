/**
 * The composition root: the one place that chooses the store (SQLite), the chat platforms and the
 * commands, and wires them together (the CLI calls it; nothing else imports it, see .dependency-cruiser.cjs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import type { CommandDefinition } from './core/command.ts';
import type { Dispatcher } from './core/dispatch.ts';
import type { ServiceWiring } from './pipeline/service.ts';
import { sourceAccess } from './pipeline/source-access.ts';
import type { Platform, PlatformFactory, PlatformHooks } from './platforms/platform.ts';
import { loadStories, readParsedStories, type StoryConfig } from './facts/story.ts';
import { ConfigError } from './core/config.ts';
import { CronistaError, errorMessage } from './core/errors.ts';
import { SqliteStore } from './stores/sqlite/sqlite-store.ts';
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

/**
 * Opens the embedded default: a SQLite file in the data directory, the bundled stories, and the model endpoint
 * of CRONISTA_LLM_* for extraction (`llm` overrides it; null runs the rules alone).
 */
export function openApp(dataDir: string, options: { llm?: LlmConfig | null } = {}): AppContext {
  const logger = createLogger();
  // CRONISTA_STORIES: a directory of the operator's own story files instead of the bundled ones.
  const storiesDir = process.env.CRONISTA_STORIES || bundledStoriesDir;
  if (process.env.CRONISTA_STORIES && !existsSync(storiesDir)) throw new ConfigError(`${storiesDir}: no such stories directory (CRONISTA_STORIES)`);
  // a typo: StoryConfigError, one line; files the build already validated are not parsed again
  const bundled = existsSync(storiesDir) ? loadStories(storiesDir, readParsedStories(bundledStoriesParsed)) : [];
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

/**
 * Chat platforms `cronista start` runs when their tokens are set (the console always runs). A platform's module,
 * and with it its chat library (grammY, discord.js), is loaded only when its token is set; its factory then
 * reads the rest of its settings (and may still decline: null).
 */
const PLATFORMS: readonly { token: string; load: () => Promise<PlatformFactory> }[] = [
  { token: 'TELEGRAM_BOT_TOKEN', load: async () => (await import('./platforms/telegram/bot.ts')).createTelegramPlatform },
  { token: 'DISCORD_TOKEN', load: async () => (await import('./platforms/discord/bot.ts')).createDiscordPlatform },
];

/** The configured chat platforms, each handing what it receives for the pipeline (channel posts) to the pipeline. */
export async function chatPlatforms(app: AppContext, dispatcher: Dispatcher, extra: Pick<PlatformHooks, 'http'> = {}, env: NodeJS.ProcessEnv = process.env): Promise<Platform[]> {
  const factories = await Promise.all(PLATFORMS.filter(({ token }) => env[token]?.trim()).map(({ load }) => load()));
  if (factories.length === 0) return [];
  const { channelPostHook } = await import('./pipeline/channel-posts.ts');
  const hooks: PlatformHooks = { channelPost: channelPostHook(app), ...extra };
  return factories.map((create) => create(app, dispatcher, env, hooks)).filter((platform): platform is Platform => platform !== null);
}

/** What `cronista start` runs: this store, these commands, these platforms. */
export const serviceWiring: ServiceWiring = { openApp: (dataDir) => openApp(dataDir), commands: allCommands, platforms: chatPlatforms };
