import { yaml } from './yaml.ts';
import type { Store } from '../stores/store.ts';
import {
  ConfigError,
  configSchema,
  destinationSchema,
  loadConfigFile,
  sourceSchema,
  type CronistaConfig,
  type DestinationConfig,
  type SourceConfig,
} from './config.ts';
import {
  checkUnique,
  emptyOverrides,
  mergeOverrides,
  normalizeOverrides,
  OVERRIDES_KEY,
  upsertBy,
  validate,
  withoutKey,
  type ChangeListener,
  type ChangeOrigin,
  type ConfigOverrides,
  type DestinationInput,
  type FiltersInput,
  type SourceInput,
  type SourceOrigin,
} from './config-overrides.ts';
import { errorMessage } from './errors.ts';
import type { Logger } from './logger.ts';

/**
 * The effective configuration: the configuration file plus the changes made later (from chat or
 * `cronista config import`), which are kept in the store under `config:overrides` and win over the
 * file, also after a restart. Every change is an edit function applied atomically to the stored value
 * (`Store.updateKv`: compare-and-set, so two changes at once — in this process or from another one —
 * never lose one another), validated with the config schema, then announced to `onChange` listeners
 * (the scheduler reschedules at once). `watch` announces changes another process stored.
 */
export class Settings {
  private readonly listeners = new Set<ChangeListener>();
  /** Changes of this process run one after another (fewer compare-and-set retries). */
  private queue: Promise<unknown> = Promise.resolve();
  /** The stored revision last announced to the listeners (see `watch`). */
  private seenRevision: number | undefined;

  private merged: { key: string; config: CronistaConfig } | null = null;

  constructor(
    private readonly store: Pick<Store, 'kv' | 'updateKv'>,
    private readonly file: CronistaConfig,
    private readonly logger?: Logger,
  ) {}

  /** Ids of the stories the configuration file follows (`stories:`), or undefined for all bundled ones. */
  get followedStories(): readonly string[] | undefined {
    return this.file.stories;
  }

  /** Settings over the configuration file (CRONISTA_CONFIG, else config/cronista.yaml, else none). */
  static open(store: Pick<Store, 'kv' | 'updateKv'>, options: { configPath?: string; logger?: Logger } = {}): Settings {
    return new Settings(store, loadConfigFile(options.configPath), options.logger);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async overrides(): Promise<ConfigOverrides> {
    return normalizeOverrides(await this.store.kv.get(OVERRIDES_KEY));
  }

  async effective(): Promise<CronistaConfig> {
    return this.merge(await this.overrides());
  }

  /** Where a subscribed source came from, or null when no such source is subscribed. */
  async sourceOrigin(url: string): Promise<SourceOrigin | null> {
    const overrides = await this.overrides();
    if (!this.merge(overrides).sources.some((source) => source.url === url)) return null;
    return this.originIn(overrides, url);
  }

  private originIn(overrides: ConfigOverrides, url: string): SourceOrigin {
    const recorded = overrides.origins[url];
    if (recorded) return recorded;
    if (overrides.sources.some((source) => source.url === url) || overrides.base) return 'chat';
    return 'file';
  }

  /** Subscribes a source, or replaces the settings of the one with the same URL (see `editSource`). */
  async addSource(source: SourceInput, options: { origin?: ChangeOrigin } = {}): Promise<SourceConfig> {
    return (await this.editSource(String(source.url ?? ''), () => source, options))!;
  }

  /**
   * Applies `edit` atomically to the source subscribed under `url` now (undefined when none) and
   * subscribes what it returns; null leaves everything as it is (and returns null). The URL's origin
   * becomes `origin` (default 'chat': untrusted unless said otherwise), except that a change from chat
   * keeps the trusted origin of an address the operator subscribed: it changes the schedule or story,
   * not what is fetched.
   */
  async editSource(
    url: string,
    edit: (current: SourceConfig | undefined) => SourceInput | null,
    options: { origin?: ChangeOrigin } = {},
  ): Promise<SourceConfig | null> {
    const target = url.trim();
    const origin = options.origin ?? 'chat';
    let result: SourceConfig | null = null;
    await this.change((overrides) => {
      const current = this.merge(overrides).sources.find((source) => source.url === target);
      const input = edit(current);
      if (input === null) {
        result = current ?? null;
        return overrides;
      }
      const valid = validate(sourceSchema, input, 'source');
      if (valid.url !== target) throw new ConfigError(`source: url: an edit of "${target}" cannot change its address`);
      const existing = current ? this.originIn(overrides, target) : null;
      result = valid;
      return {
        ...overrides,
        sources: upsertBy(overrides.sources, valid, (s) => s.url),
        removedSources: overrides.removedSources.filter((removed) => removed !== target),
        origins: { ...overrides.origins, [target]: origin === 'chat' && existing && existing !== 'chat' ? existing : origin },
      };
    });
    return result;
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
        origins: withoutKey(overrides.origins, target),
      };
    });
  }

  /** Adds a destination or replaces the one with the same id (see `editOrAddDestination`). */
  async upsertDestination(destination: DestinationInput): Promise<DestinationConfig> {
    return this.editOrAddDestination(String((destination as { id?: unknown })?.id ?? ''), () => destination);
  }

  /** Applies `edit` atomically to the destination stored under `id` now (undefined when none) and stores what it returns. */
  async editOrAddDestination(id: string, edit: (current: DestinationConfig | undefined) => DestinationInput): Promise<DestinationConfig> {
    const target = id.trim();
    let result: DestinationConfig | undefined;
    await this.change((overrides) => {
      const current = this.merge(overrides).destinations.find((candidate) => candidate.id === target);
      const valid = validate(destinationSchema, edit(current), `destination ${target}`.trim());
      if (valid.id !== target) throw new ConfigError(`destination: id: an edit of "${target}" cannot change its id`);
      result = valid;
      return {
        ...overrides,
        destinations: upsertBy(overrides.destinations, valid, (d) => d.id),
        removedDestinations: overrides.removedDestinations.filter((removed) => removed !== valid.id),
      };
    });
    return result!;
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

  /** Sets a destination's digest schedule; without `timezone` it keeps the one it has. */
  async setSchedule(destinationId: string, cron: string, timezone?: string): Promise<DestinationConfig> {
    return this.editDestination(destinationId, (current) => ({ ...current, schedule: cron, timezone: timezone ?? current.timezone }));
  }

  /** Replaces a destination's include/exclude filters; `null` removes them. */
  async setFilters(destinationId: string, filters: FiltersInput | null): Promise<DestinationConfig> {
    return this.editFilters(destinationId, () => filters);
  }

  /**
   * Applies `edit` atomically to a destination's current filters (empty lists when it has none); what it
   * returns replaces them, and `null` or two empty lists remove them. An edit that throws changes nothing.
   */
  async editFilters(destinationId: string, edit: (current: { include: string[]; exclude: string[] }) => FiltersInput | null): Promise<DestinationConfig> {
    return this.editDestination(destinationId, (current) => {
      const { filters: old, ...rest } = current;
      const next = edit({ include: [...(old?.include ?? [])], exclude: [...(old?.exclude ?? [])] });
      const empty = next === null || ((next.include?.length ?? 0) === 0 && (next.exclude?.length ?? 0) === 0);
      return empty ? rest : { ...rest, filters: next };
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
    return yaml().stringify(await this.effective(), { lineWidth: 0 });
  }

  /**
   * Validates a whole configuration and stores it: its sources and destinations replace the file's
   * and every earlier chat change; `polling` and `stories`, when the document has them, win too.
   */
  async importYaml(text: string, origin = 'import', options: { from?: ChangeOrigin } = {}): Promise<CronistaConfig> {
    let data: unknown;
    try {
      data = yaml().parse(text);
    } catch (error) {
      throw new ConfigError(`${origin}: not valid YAML: ${errorMessage(error)}`);
    }
    if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
      throw new ConfigError(`${origin}: (top level): expected a mapping with sources: and destinations:`);
    }
    const parsed = validate(configSchema, data ?? {}, origin);
    checkUnique(parsed, origin);
    const raw = (data ?? {}) as Record<string, unknown>;
    const from = options.from ?? 'chat';
    await this.change(() => ({
      ...emptyOverrides(),
      origins: Object.fromEntries(parsed.sources.map((source) => [source.url, from])),
      base: {
        sources: parsed.sources,
        destinations: parsed.destinations,
        ...('polling' in raw ? { polling: parsed.polling } : {}),
        ...('stories' in raw && parsed.stories ? { stories: parsed.stories } : {}),
      },
    }));
    return this.effective();
  }

  /**
   * Announces (to the `onChange` listeners) the configuration another process stored since the last
   * change this object made or announced — `cronista ask "/feeds add …"` while `cronista start` runs —
   * by comparing the stored revision every `intervalMs`. Returns a function that stops watching.
   */
  async watch(intervalMs = 2000): Promise<() => void> {
    this.seenRevision ??= (await this.overrides()).revision;
    const timer = setInterval(() => {
      void this.refresh().catch((error: unknown) => this.logger?.warn({ err: error }, `configuration not re-read: ${errorMessage(error)}`));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Announces the stored configuration if its revision is not the last one seen; true when it did. */
  async refresh(): Promise<boolean> {
    const overrides = await this.overrides();
    if (overrides.revision === this.seenRevision) return false;
    this.seenRevision = overrides.revision;
    await this.emit(this.merge(overrides));
    return true;
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

  /**
   * File (or imported base), then removals, then chat upserts; validated as a whole. The last result is kept by the
   * overrides' text (every job of a worker asks for the configuration, and validating thousands of sources each time
   * was most of a poll's CPU); each caller gets its own copy, free to change.
   */
  private merge(overrides: ConfigOverrides): CronistaConfig {
    const key = JSON.stringify(overrides);
    if (this.merged?.key !== key) this.merged = { key, config: mergeOverrides(this.file, overrides) };
    return structuredClone(this.merged.config);
  }

  /**
   * Applies `edit` to the stored overrides atomically (`Store.updateKv`: it runs again on the newer value
   * when another writer got there first), validates the result, then announces it. An edit that throws,
   * or a result that would not load on restart, stores nothing.
   */
  private change(edit: (overrides: ConfigOverrides) => ConfigOverrides | Promise<ConfigOverrides>): Promise<void> {
    const run = async () => {
      let config: CronistaConfig | undefined;
      const stored = await this.store.updateKv<ConfigOverrides>(OVERRIDES_KEY, async (value) => {
        const current = normalizeOverrides(value);
        const next = await edit(current);
        config = this.merge(next); // refuses anything that would not load on restart
        return { ...next, revision: current.revision + 1 };
      });
      this.seenRevision = stored.revision;
      await this.emit(config!);
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
