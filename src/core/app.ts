import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadStories } from '../facts/story.ts';
import { SqliteStore } from '../stores/sqlite/sqlite-store.ts';
import type { AppContext } from './context.ts';
import { createLogger } from './logger.ts';
import { bundledStoriesDir } from './paths.ts';
import { Settings } from './settings.ts';
import { applyStoredStoryOverrides, applyStoredStoryOverridesSync } from './story-overrides.ts';

/** Opens the embedded default: a SQLite file in the data directory, the bundled stories. */
export function openApp(dataDir: string): AppContext {
  const logger = createLogger();
  const store = new SqliteStore(join(dataDir, 'cronista.db'));
  const stories = existsSync(bundledStoriesDir) ? loadStories(bundledStoriesDir) : [];
  try {
    const settings = Settings.open(store, { logger });
    // Keywords and places added from chat (/story set) apply to the loaded stories from the start.
    if (!applyStoredStoryOverridesSync(store, stories)) {
      void applyStoredStoryOverrides(store, stories).catch((err: unknown) => logger.warn({ err }, 'story overrides not applied'));
    }
    return { store, logger, dataDir, stories, settings, now: () => new Date() };
  } catch (error) {
    void store.close();
    throw error;
  }
}
