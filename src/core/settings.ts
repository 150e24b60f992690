import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { z } from 'zod';
import type { Store } from '../stores/store.ts';
import {
  ConfigError,
  DEFAULT_DIGEST_SCHEDULE,
  configSchema,
  describeIssues,
  destinationSchema,
  loadConfigFile,
  sourceSchema,
  type CronistaConfig,
  type DestinationConfig,
  type SourceConfig,
} from './config.ts';
import { errorMessage } from './errors.ts';
import type { Logger } from './logger.ts';

/** What a caller may pass: the schema's input (defaults such as `poll` or `timezone` may be left out). */
export type SourceInput = z.input<typeof sourceSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;
export type FiltersInput = { include?: string[]; exclude?: string[] };

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
}

export type ChangeListener = (config: CronistaConfig) => void | Promise<void>;

function emptyOverrides(): ConfigOverrides {
  return { version: 1, sources: [], destinations: [], removedSources: [], removedDestinations: [] };
}

function validate<S extends z.ZodType>(schema: S, value: unknown, origin: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(describeIssues(result.error, origin));
  return result.data;
}

/** Two sources with one url, or two destinations with one id, are refused (naming the second). */
function checkUnique(config: Pick<CronistaConfig, 'sources' | 'destinations'>, origin: string): void {
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

function upsertBy<T>(list: T[], item: T, key: (value: T) => string): T[] {
  const index = list.findIndex((entry) => key(entry) === key(item));
  if (index === -1) return [...list, item];
  const copy = [...list];
  copy[index] = item;
  return copy;
}

/**
 * The effective configuration: the configuration file plus the changes made later (from chat or
 * `cronista config import`), which are kept in the store under `config:overrides` and win over the
 * file, also after a restart. Every change is validated with the config schema, persisted, then
 * announced to `onChange` listeners (the scheduler reschedules at once).
 */
export class Settings {
  private readonly listeners = new Set<ChangeListener>();
  /** Changes run one after another, so two concurrent edits never lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<Store, 'kv'>,
    private readonly file: CronistaConfig,
    private readonly logger?: Logger,
  ) {}

  /** Ids of the stories the configuration file follows (`stories:`), or undefined for all bundled ones. */
  get followedStories(): readonly string[] | undefined {
    return this.file.stories;
  }

  /** Settings over the configuration file (CRONISTA_CONFIG, else config/cronista.yaml, else none). */
  static open(store: Pick<Store, 'kv'>, options: { configPath?: string; logger?: Logger } = {}): Settings {
    return new Settings(store, loadConfigFile(options.configPath), options.logger);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async overrides(): Promise<ConfigOverrides> {
    const stored = (await this.store.kv.get(OVERRIDES_KEY)) as Partial<ConfigOverrides> | undefined;
    if (!stored) return emptyOverrides();
    return {
      version: 1,
      ...(stored.base ? { base: stored.base } : {}),
      sources: stored.sources ?? [],
      destinations: stored.destinations ?? [],
      removedSources: stored.removedSources ?? [],
      removedDestinations: stored.removedDestinations ?? [],
    };
  }

  async effective(): Promise<CronistaConfig> {
    return this.merge(await this.overrides());
  }

  /** Subscribes a source, or replaces the settings of one with the same URL. */
  async addSource(source: SourceInput): Promise<SourceConfig> {
    const valid = validate(sourceSchema, source, 'source');
    await this.change((overrides) => ({
      ...overrides,
      sources: upsertBy(overrides.sources, valid, (s) => s.url),
      removedSources: overrides.removedSources.filter((url) => url !== valid.url),
    }));
    return valid;
  }

  async removeSource(url: string): Promise<void> {
    const target = url.trim();
    await this.change(async (overrides) => {
      const current = this.merge(overrides);
      if (!current.sources.some((source) => source.url === target)) {
        throw new ConfigError(`source: url: no source "${target}" (sources: ${current.sources.map((s) => s.url).join(', ') || 'none'})`);
      }
      return {
        ...overrides,
        sources: overrides.sources.filter((source) => source.url !== target),
        removedSources: [...new Set([...overrides.removedSources, target])],
      };
    });
  }

  /** Adds a destination or replaces the one with the same id. */
  async upsertDestination(destination: DestinationInput): Promise<DestinationConfig> {
    const valid = validate(destinationSchema, destination, `destination ${String((destination as { id?: unknown })?.id ?? '')}`.trim());
    await this.change((overrides) => ({
      ...overrides,
      destinations: upsertBy(overrides.destinations, valid, (d) => d.id),
      removedDestinations: overrides.removedDestinations.filter((id) => id !== valid.id),
    }));
    return valid;
  }

  async removeDestination(id: string): Promise<void> {
    const target = id.trim();
    await this.change(async (overrides) => {
      this.findDestination(this.merge(overrides), target);
      return {
        ...overrides,
        destinations: overrides.destinations.filter((destination) => destination.id !== target),
        removedDestinations: [...new Set([...overrides.removedDestinations, target])],
      };
    });
  }

  async setSchedule(destinationId: string, cron: string, timezone: string): Promise<DestinationConfig> {
    return this.editDestination(destinationId, (current) => ({ ...current, schedule: cron, timezone }));
  }

  /** Replaces a destination's include/exclude filters; `null` removes them. */
  async setFilters(destinationId: string, filters: FiltersInput | null): Promise<DestinationConfig> {
    return this.editDestination(destinationId, (current) => {
      const { filters: _old, ...rest } = current;
      return filters === null ? rest : { ...rest, filters };
    });
  }

  async setPoll(url: string, cron: string, timezone: string): Promise<SourceConfig> {
    const target = url.trim();
    let result: SourceConfig | undefined;
    await this.change((overrides) => {
      const current = this.merge(overrides).sources.find((source) => source.url === target);
      if (!current) throw new ConfigError(`source: url: no source "${target}"`);
      result = validate(sourceSchema, { ...current, poll: cron, timezone }, `source ${target}`);
      return { ...overrides, sources: upsertBy(overrides.sources, result, (s) => s.url) };
    });
    return result!;
  }

  async exportYaml(): Promise<string> {
    return stringifyYaml(await this.effective(), { lineWidth: 0 });
  }

  /**
   * Validates a whole configuration and stores it: its sources and destinations replace the file's
   * and every earlier chat change; `polling` and `stories`, when the document has them, win too.
   */
  async importYaml(text: string, origin = 'import'): Promise<CronistaConfig> {
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (error) {
      throw new ConfigError(`${origin}: not valid YAML: ${errorMessage(error)}`);
    }
    if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
      throw new ConfigError(`${origin}: (top level): expected a mapping with sources: and destinations:`);
    }
    const parsed = validate(configSchema, data ?? {}, origin);
    checkUnique(parsed, origin);
    const raw = (data ?? {}) as Record<string, unknown>;
    await this.change(() => ({
      ...emptyOverrides(),
      base: {
        sources: parsed.sources,
        destinations: parsed.destinations,
        ...('polling' in raw ? { polling: parsed.polling } : {}),
        ...('stories' in raw && parsed.stories ? { stories: parsed.stories } : {}),
      },
    }));
    return this.effective();
  }

  private async editDestination(destinationId: string, edit: (current: DestinationConfig) => DestinationInput): Promise<DestinationConfig> {
    const target = destinationId.trim();
    let result: DestinationConfig | undefined;
    await this.change((overrides) => {
      const current = this.findDestination(this.merge(overrides), target);
      result = validate(destinationSchema, edit(current), `destination ${target}`);
      return { ...overrides, destinations: upsertBy(overrides.destinations, result, (d) => d.id) };
    });
    return result!;
  }

  private findDestination(config: CronistaConfig, id: string): DestinationConfig {
    const found = config.destinations.find((destination) => destination.id === id);
    if (!found) {
      throw new ConfigError(`destination: id: no destination "${id}" (destinations: ${config.destinations.map((d) => d.id).join(', ') || 'none'})`);
    }
    return found;
  }

  /** File (or imported base), then removals, then chat upserts; validated as a whole. */
  private merge(overrides: ConfigOverrides): CronistaConfig {
    const base = overrides.base;
    let sources = base ? base.sources : this.file.sources;
    let destinations = base ? base.destinations : this.file.destinations;
    if (destinations.length === 0) destinations = [DEFAULT_CONSOLE_DESTINATION];
    const removedSources = new Set(overrides.removedSources);
    const removedDestinations = new Set(overrides.removedDestinations);
    sources = sources.filter((source) => !removedSources.has(source.url));
    destinations = destinations.filter((destination) => !removedDestinations.has(destination.id));
    for (const source of overrides.sources) sources = upsertBy(sources, source, (s) => s.url);
    for (const destination of overrides.destinations) destinations = upsertBy(destinations, destination, (d) => d.id);
    const merged = {
      ...this.file,
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

  private change(edit: (overrides: ConfigOverrides) => ConfigOverrides | Promise<ConfigOverrides>): Promise<void> {
    const run = async () => {
      const next = await edit(await this.overrides());
      const config = this.merge(next); // refuses anything that would not load on restart
      await this.store.kv.set(OVERRIDES_KEY, next);
      await this.emit(config);
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async emit(config: CronistaConfig): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(config);
      } catch (error) {
        // The change is stored; a listener failing must not make it look refused.
        this.logger?.error({ err: error }, `configuration change listener failed: ${errorMessage(error)}`);
      }
    }
  }
}
