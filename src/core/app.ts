import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadStories, type StoryConfig } from '../facts/story.ts';
import { ConfigError } from './config.ts';
import { CronistaError, errorMessage } from './errors.ts';
import { SqliteStore } from '../stores/sqlite/sqlite-store.ts';
import type { AppContext } from './context.ts';
import { llmConfigFromEnv, type LlmConfig } from './llm-config.ts';
import { createLogger } from './logger.ts';
import { bundledStoriesDir } from './paths.ts';
import { Settings } from './settings.ts';
import { applyStoredStoryOverrides, applyStoredStoryOverridesSync } from './story-overrides.ts';

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
    return { store, logger, dataDir, stories, settings, llm, now: () => new Date() };
  } catch (error) {
    void store.close();
    throw error;
  }
}
