/**
 * Changes to the configuration made after the file (from chat, `cronista config import`): their stored
 * shape (keyv `config:overrides`), and how they merge with the file into the effective configuration.
 * `Settings` (./settings.ts) applies and announces them.
 */
import type { z } from 'zod';
import {
  ConfigError,
  DEFAULT_DIGEST_SCHEDULE,
  configSchema,
  describeIssues,
  type CronistaConfig,
  type DestinationConfig,
  type SourceConfig,
  type destinationSchema,
  type sourceSchema,
} from './config.ts';

/** What a caller may pass: the schema's input (defaults such as `poll` or `timezone` may be left out). */
export type SourceInput = z.input<typeof sourceSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;
export type FiltersInput = { include?: string[]; exclude?: string[] };

/**
 * Where a subscribed source came from: the operator's configuration `file`, the operator's `console`
 * (`cronista ask`, `cronista config import`, stdin of `cronista start`), or a `chat` platform. Feeds that
 * came from chat are polled through the address guard (src/sources/ssrf.ts); the others are trusted.
 */
export type SourceOrigin = 'file' | 'console' | 'chat';
/** Changes say who made them: the console (the operator) or a chat user. */
export type ChangeOrigin = Exclude<SourceOrigin, 'file'>;

/** The keyv key holding every change made from chat (or `config import`); it wins over the file. */
export const OVERRIDES_KEY = 'config:overrides';

/** Used when neither the file (nor an import) defines any destination. */
export const DEFAULT_CONSOLE_DESTINATION: DestinationConfig = {
  id: 'console',
  console: true,
  schedule: DEFAULT_DIGEST_SCHEDULE,
  timezone: 'UTC',
  nothing_new: false,
};

/**
 * Persisted shape. `base` (set by `importYaml`) replaces the file's sources and destinations; the
 * upserts replace entries with the same url/id (or are appended); removals hide entries of the file
 * (or of `base`) so that a removal made from chat sticks across restarts.
 */
export interface ConfigOverrides {
  version: 1;
  /** Grows with every stored change: a running service compares it to notice changes made by another process. */
  revision: number;
  base?: {
    sources: SourceConfig[];
    destinations: DestinationConfig[];
    polling?: CronistaConfig['polling'];
    stories?: string[];
  };
  sources: SourceConfig[];
  destinations: DestinationConfig[];
  removedSources: string[];
  removedDestinations: string[];
  /**
   * Origin of each source that `sources` or `base` holds, by URL ('file' when a change kept a file
   * source's trust). Overrides stored before origins were recorded have none: their sources count as
   * 'chat' (guarded); sources only the file lists are 'file'.
   */
  origins: Record<string, SourceOrigin>;
}

export type ChangeListener = (config: CronistaConfig) => void | Promise<void>;

export function emptyOverrides(revision = 0): ConfigOverrides {
  return { version: 1, revision, sources: [], destinations: [], removedSources: [], removedDestinations: [], origins: {} };
}

/** The stored overrides with every field present (older data may lack some). */
export function normalizeOverrides(value: unknown): ConfigOverrides {
  const stored = value as Partial<ConfigOverrides> | undefined;
  if (!stored || typeof stored !== 'object') return emptyOverrides();
  return {
    version: 1,
    revision: typeof stored.revision === 'number' ? stored.revision : 0,
    ...(stored.base ? { base: stored.base } : {}),
    sources: stored.sources ?? [],
    destinations: stored.destinations ?? [],
    removedSources: stored.removedSources ?? [],
    removedDestinations: stored.removedDestinations ?? [],
    origins: stored.origins && typeof stored.origins === 'object' ? stored.origins : {},
  };
}

export function withoutKey<V>(record: Record<string, V>, key: string): Record<string, V> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, origin: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(describeIssues(result.error, origin));
  return result.data;
}

/** Two sources with one url, or two destinations with one id, are refused (naming the second). */
export function checkUnique(config: Pick<CronistaConfig, 'sources' | 'destinations'>, origin: string): void {
  const problems: string[] = [];
  const seenUrls = new Set<string>();
  config.sources.forEach((source, index) => {
    if (seenUrls.has(source.url)) problems.push(`${origin}: sources[${index}].url: "${source.url}" is listed twice`);
    seenUrls.add(source.url);
  });
  const seenIds = new Set<string>();
  config.destinations.forEach((destination, index) => {
    if (seenIds.has(destination.id)) problems.push(`${origin}: destinations[${index}].id: "${destination.id}" is listed twice`);
    seenIds.add(destination.id);
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}

export function upsertBy<T>(list: T[], item: T, key: (value: T) => string): T[] {
  const index = list.findIndex((entry) => key(entry) === key(item));
  if (index === -1) return [...list, item];
  const copy = [...list];
  copy[index] = item;
  return copy;
}

/** The effective configuration: `file` (or the imported base), then removals, then chat upserts; validated as a whole. */
export function mergeOverrides(file: CronistaConfig, overrides: ConfigOverrides): CronistaConfig {
  const base = overrides.base;
  let sources = base ? base.sources : file.sources;
  let destinations = base ? base.destinations : file.destinations;
  if (destinations.length === 0) destinations = [DEFAULT_CONSOLE_DESTINATION];
  const removedSources = new Set(overrides.removedSources);
  const removedDestinations = new Set(overrides.removedDestinations);
  sources = sources.filter((source) => !removedSources.has(source.url));
  destinations = destinations.filter((destination) => !removedDestinations.has(destination.id));
  for (const source of overrides.sources) sources = upsertBy(sources, source, (s) => s.url);
  for (const destination of overrides.destinations) destinations = upsertBy(destinations, destination, (d) => d.id);
  const merged = {
    ...file,
    ...(base?.polling ? { polling: base.polling } : {}),
    ...(base?.stories ? { stories: base.stories } : {}),
    sources,
    destinations,
  };
  const origin = 'configuration (file + changes stored in the data directory)';
  const config = validate(configSchema, merged, origin);
  checkUnique(config, origin);
  return config;
}
