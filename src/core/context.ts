import type { Story } from '../facts/types.ts';
import type { Store } from '../stores/store.ts';
import type { LlmConfig } from './llm-config.ts';
import type { Logger } from './logger.ts';
import type { QueueStatus } from './queue-status.ts';
import type { Settings } from './settings.ts';
import type { SharedState } from './shared-state.ts';
import type { SourceAccess } from './source-access.ts';

/** What every command, job and platform shares: the store, the stories followed, a logger, the clock. */
export interface AppContext {
  store: Store;
  logger: Logger;
  dataDir: string;
  stories: Story[];
  /** The effective configuration: the config file plus changes made from chat (which win). */
  settings: Settings;
  /** The operator's OpenAI-compatible model (CRONISTA_LLM_*) for model-assisted extraction; absent or null: rules alone. */
  llm?: LlmConfig | null;
  /** Reading URLs as a caller may, and Telegram channel links: what commands may ask of the sources. */
  sources: SourceAccess;
  /** Distributed mode (CRONISTA_REDIS_URL): reads the job queues' figures for operators; absent when one process does everything. */
  queueStatus?: () => Promise<QueueStatus>;
  /**
   * Distributed mode: paging buttons' option sets and cooldowns, shared by every `cronista start` (Redis). Absent: each
   * keeps its own in memory, bounded and expiring.
   */
  shared?: SharedState;
  now(): Date;
}
