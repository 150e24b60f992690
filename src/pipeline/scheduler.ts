import cron, { type Logger as CronLogger, type ScheduledTask, type TaskContext } from 'node-cron';
import { ConfigError, type CronistaConfig, type DestinationConfig, type SourceConfig } from '../core/config.ts';
import { pad } from '../core/calendar.ts';
import { errorMessage } from '../core/errors.ts';
import { redactUrl, safeUrlName } from '../core/redact.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import type { Settings } from '../core/settings.ts';
import { isTelegramChannelUrl } from '../sources/telegram-channel.ts';

export type TaskKind = 'digest' | 'poll';

/** What a job is told about the run it serves. */
export interface RunContext {
  /** The task's name: `digest:<destination id>` or `poll:<source url, redacted>` (see pollTaskName). */
  name: string;
  /** The slot the run was scheduled for. */
  scheduledAt: Date;
}

export type DigestJob = (destination: DestinationConfig, run: RunContext) => unknown;
export type PollJob = (source: SourceConfig, run: RunContext) => unknown;

export interface SchedulerOptions {
  /** Builds and delivers a destination's digest (e.g. `deliverDigest` with `destinationFromConfig`). */
  digest: DigestJob;
  /** Polls one subscribed source. */
  poll: PollJob;
  logger?: Logger;
  /** Sources for which this answers false get no task (e.g. disabled after repeated failures). */
  isSourceEnabled?: (source: SourceConfig) => boolean;
  /** false: tasks are created but never started (for `cronista schedule`, which only describes). */
  autoStart?: boolean;
}

export interface TaskDescription {
  name: string;
  kind: TaskKind;
  /** The destination id or the source URL (whole: redact it before showing it). */
  target: string;
  cron: string;
  timezone: string;
  /** The next three runs, ISO 8601 in the task's own timezone (with its UTC offset). */
  next: string[];
}

export interface ApplyResult {
  created: string[];
  /** Timing changed: the old task was destroyed and a new one created. */
  rescheduled: string[];
  removed: string[];
  /** Same timing: the task was kept (its job sees the new settings on its next run). */
  unchanged: string[];
}

interface Wanted {
  name: string;
  kind: TaskKind;
  target: string;
  cron: string;
  timezone: string;
  config: DestinationConfig | SourceConfig;
}

interface Entry extends Wanted {
  task: ScheduledTask;
}

/** A source's poll task name: safe to show and log (a key in the URL is hidden), unique per URL. */
export function pollTaskName(url: string): string {
  return `poll:${safeUrlName(url)}`;
}

/** Why a cron expression or timezone cannot be scheduled (and which of the two), or null when it can. */
export function timingProblem(expression: string, timezone: string): { field: 'cron' | 'timezone'; message: string } | null {
  const result = cron.validateDetailed(expression);
  if (!result.valid) return { field: 'cron', message: `invalid cron expression "${expression}": ${result.errors.map((e) => e.message).join('; ')}` };
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return { field: 'timezone', message: `unknown IANA timezone "${timezone}" (e.g. America/Lima, UTC)` };
  }
  return null;
}

/** `date` as ISO 8601 in `timezone`, e.g. 2026-11-26T08:00:00-05:00. */
export function isoInZone(date: Date, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMinutes = Math.round((asUtc - (date.getTime() - date.getMilliseconds())) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function cronLogger(logger: Logger, name: string): CronLogger {
  const text = (message: string | Error) => (typeof message === 'string' ? message : message.message);
  return {
    info: (message) => logger.debug({ task: name }, `node-cron: ${message}`),
    warn: (message) => logger.warn({ task: name }, `node-cron: ${message}`),
    error: (message, err) => logger.error({ task: name, err: err ?? (message instanceof Error ? message : undefined) }, `node-cron: ${text(message)}`),
    debug: (message, err) => logger.debug({ task: name, err }, `node-cron: ${text(message)}`),
  };
}

/**
 * One node-cron task per destination (its digest) and per enabled source (its poll). `apply` moves
 * the tasks to a new configuration touching only what changed; jobs never throw out of here (their
 * errors are logged); `stop` stops every task and waits for the runs in flight.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  /** Runs in flight by task name: a task never overlaps itself, even across a reschedule. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly logger: Logger;
  private stopped = false;
  private last: Pick<CronistaConfig, 'sources' | 'destinations'> | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.logger = options.logger ?? createLogger();
  }

  /** Schedules `settings`' effective configuration and follows its changes; returns the unsubscribe. */
  async follow(settings: Pick<Settings, 'effective' | 'onChange'>): Promise<() => void> {
    const unsubscribe = settings.onChange((config) => {
      this.apply(config);
    });
    this.apply(await settings.effective());
    return unsubscribe;
  }

  /**
   * Creates, reschedules and destroys tasks so they match `config`. Nothing changes when any
   * expression or timezone is invalid: a ConfigError names each bad field and why.
   */
  apply(config: Pick<CronistaConfig, 'sources' | 'destinations'>): ApplyResult {
    if (this.stopped) throw new Error('the scheduler is stopped');
    const wanted = this.wanted(config);
    const result: ApplyResult = { created: [], rescheduled: [], removed: [], unchanged: [] };

    for (const [name, entry] of this.entries) {
      if (wanted.has(name)) continue;
      this.destroy(entry);
      this.entries.delete(name);
      result.removed.push(name);
    }
    for (const want of wanted.values()) {
      const existing = this.entries.get(want.name);
      if (existing && existing.cron === want.cron && existing.timezone === want.timezone) {
        existing.config = want.config;
        result.unchanged.push(want.name);
        continue;
      }
      if (existing) this.destroy(existing);
      this.entries.set(want.name, { ...want, task: this.create(want) });
      (existing ? result.rescheduled : result.created).push(want.name);
    }
    this.last = { sources: config.sources, destinations: config.destinations };
    const changed = result.created.length + result.rescheduled.length + result.removed.length;
    if (changed > 0 && this.options.autoStart !== false) this.logger.info({ ...result, unchanged: undefined }, `schedule updated: ${this.entries.size} tasks`);
    return result;
  }

  /** Applies the last configuration again (e.g. after a source was disabled or re-enabled). */
  refresh(): ApplyResult | null {
    return this.last ? this.apply(this.last) : null;
  }

  describe(): TaskDescription[] {
    return [...this.entries.values()]
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'digest' ? -1 : 1))
      .map((entry) => ({
        name: entry.name,
        kind: entry.kind,
        target: entry.target,
        cron: entry.cron,
        timezone: entry.timezone,
        next: entry.task.getNextRuns(3).map((date) => isoInZone(date, entry.timezone)),
      }));
  }

  /** Names of the runs in flight right now. */
  busy(): string[] {
    return [...this.running.keys()];
  }

  /** Stops and destroys every task, then waits until the runs in flight have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) this.destroy(entry);
    this.entries.clear();
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private wanted(config: Pick<CronistaConfig, 'sources' | 'destinations'>): Map<string, Wanted> {
    const wanted = new Map<string, Wanted>();
    const problems: string[] = [];
    const add = (want: Wanted, where: string, cronField: string) => {
      const problem = timingProblem(want.cron, want.timezone);
      if (problem) problems.push(`${where}.${problem.field === 'cron' ? cronField : 'timezone'}: ${problem.message}`);
      else if (wanted.has(want.name)) problems.push(`${where}: a second task named ${want.name}`);
      else wanted.set(want.name, want);
    };
    config.destinations.forEach((destination, index) =>
      add(
        { name: `digest:${destination.id}`, kind: 'digest', target: destination.id, cron: destination.schedule, timezone: destination.timezone, config: destination },
        `destinations[${index}] (${destination.id})`,
        'schedule',
      ),
    );
    config.sources.forEach((source, index) => {
      // A Telegram channel's posts arrive through the bot; there is nothing to poll.
      if (isTelegramChannelUrl(source.url)) return;
      if (this.options.isSourceEnabled && !this.options.isSourceEnabled(source)) return;
      add({ name: pollTaskName(source.url), kind: 'poll', target: source.url, cron: source.poll, timezone: source.timezone, config: source }, `sources[${index}] (${redactUrl(source.url)})`, 'poll');
    });
    if (problems.length > 0) throw new ConfigError(`cannot schedule:\n${problems.join('\n')}`);
    return wanted;
  }

  private create(want: Wanted): ScheduledTask {
    const task: ScheduledTask = cron.createTask(want.cron, (context: TaskContext) => this.run(want.name, task, context), {
      timezone: want.timezone,
      name: want.name,
      noOverlap: true,
      logger: cronLogger(this.logger, want.name),
    });
    if (this.options.autoStart !== false) void task.start();
    return task;
  }

  private destroy(entry: Entry): void {
    try {
      void entry.task.destroy();
    } catch (error) {
      this.logger.warn({ task: entry.name, err: error }, `could not destroy task: ${errorMessage(error)}`);
    }
  }

  /** A task's callback: resolves whatever the job does, never rejects. */
  private async run(name: string, task: ScheduledTask | undefined, context: TaskContext): Promise<void> {
    const entry = this.entries.get(name);
    if (this.stopped || !entry || entry.task !== task) return;
    if (this.running.has(name)) {
      this.logger.warn({ task: name }, `${name}: previous run still in progress, this one is skipped`);
      return;
    }
    const run: RunContext = { name, scheduledAt: context.date };
    const job = (async () => {
      const started = Date.now();
      try {
        if (entry.kind === 'digest') await this.options.digest(entry.config as DestinationConfig, run);
        else await this.options.poll(entry.config as SourceConfig, run);
        this.logger.debug({ task: name, ms: Date.now() - started }, `${name} done`);
      } catch (error) {
        this.logger.error({ task: name, err: error }, `${name} failed: ${errorMessage(error)}`);
      }
    })();
    this.running.set(name, job);
    try {
      await job;
    } finally {
      if (this.running.get(name) === job) this.running.delete(name);
    }
  }
}

/** The tasks a configuration gives, with their next runs, without starting anything. */
export async function describeSchedule(
  config: Pick<CronistaConfig, 'sources' | 'destinations'>,
  options: Pick<SchedulerOptions, 'logger' | 'isSourceEnabled'> = {},
): Promise<TaskDescription[]> {
  const scheduler = new Scheduler({ ...options, digest: () => {}, poll: () => {}, autoStart: false });
  try {
    scheduler.apply(config);
    return scheduler.describe();
  } finally {
    await scheduler.stop();
  }
}
