/**
 * Runs the chat platforms so that none of them can take the service down: each is started with a deadline
 * and can be canceled; one that fails (bad token, API out of reach, a gateway that never gets ready, or
 * later a revoked token / another poller) is reported once in one line — why, and what to check — and
 * started again in the background with a growing delay, while everything else keeps running. `stop()`
 * always returns: starts in flight are aborted and a platform that does not stop in time is left behind.
 *
 * Written here: it is the policy of this service (what to report, when to retry) over our Platform
 * interface; no library knows either.
 */
import type { Logger } from '../core/logger.ts';
import { errorMessage } from '../core/errors.ts';
import { redactUrlsIn } from '../core/redact.ts';
import { PlatformError, type Platform } from './platform.ts';

/** `standby`: not run by this process because another holds the connection (ServicePlatforms, several coordinators). */
export type PlatformState = 'starting' | 'running' | 'retrying' | 'stopped' | 'standby';

export interface PlatformStatus {
  name: string;
  state: PlatformState;
  /** When it entered this state (ISO 8601). */
  since: string;
  /** Failed attempts in a row (0 once it runs). */
  failures: number;
  /** The last failure: what went wrong, and what to check. */
  reason?: string;
  hint?: string;
  /** When the next attempt starts (retrying only). */
  nextAttempt?: string;
}

export interface SupervisorOptions {
  logger: Logger;
  /** A start that has not finished after this long is canceled and counts as failed. Default 60 s. */
  startTimeoutMs?: number;
  /** Delay before the first retry, doubled each time up to maxRetryDelayMs. Defaults 5 s and 5 min. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A platform that has not stopped after this long is left behind on shutdown. Default 10 s. */
  stopTimeoutMs?: number;
  /** Told whenever a platform changes state. */
  onChange?: (statuses: PlatformStatus[]) => void;
  now?: () => Date;
}

interface Entry {
  platform: Platform;
  status: PlatformStatus;
  controller?: AbortController;
  timer?: NodeJS.Timeout;
  /** The attempt in flight, if any. */
  attempt?: Promise<void>;
}

const wait = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(resolve, ms, 'timeout').unref());

export class PlatformSupervisor {
  private readonly entries: Entry[];
  private stopping = false;
  private readonly now: () => Date;

  constructor(
    platforms: readonly Platform[],
    private readonly options: SupervisorOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.entries = platforms.map((platform) => ({ platform, status: { name: platform.name, state: 'stopped', since: this.now().toISOString(), failures: 0 } }));
    for (const entry of this.entries) {
      entry.platform.onFailure = (error) => void this.lost(entry, error);
      entry.platform.onRecovered = () => this.recovered(entry);
    }
  }

  /** Starts every platform at once; resolves when each has started or failed once (failures are retried). */
  async start(): Promise<void> {
    await Promise.all(this.entries.map((entry) => this.attempt(entry)));
  }

  /** Names of the platforms running now. */
  running(): string[] {
    return this.entries.filter((entry) => entry.status.state === 'running').map((entry) => entry.platform.name);
  }

  statuses(): PlatformStatus[] {
    return this.entries.map((entry) => ({ ...entry.status }));
  }

  /** Cancels retries and starts in flight, then stops every platform (each given stopTimeoutMs). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const entry of this.entries) {
      clearTimeout(entry.timer);
      entry.controller?.abort(new PlatformError('the service is stopping', 'nothing to check'));
    }
    await Promise.all(
      this.entries.map(async (entry) => {
        await entry.attempt?.catch(() => undefined);
        await this.stopPlatform(entry);
        this.set(entry, { state: 'stopped', failures: entry.status.failures });
      }),
    );
  }

  private attempt(entry: Entry): Promise<void> {
    const run = this.tryStart(entry).finally(() => {
      if (entry.attempt === run) entry.attempt = undefined;
    });
    entry.attempt = run;
    return run;
  }

  private async tryStart(entry: Entry): Promise<void> {
    if (this.stopping) return;
    const { platform } = entry;
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    const controller = new AbortController();
    entry.controller = controller;
    this.set(entry, { state: 'starting', failures: entry.status.failures, ...this.lastFailure(entry) });
    const timer = setTimeout(
      () => controller.abort(new PlatformError(`no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, `check that ${platform.name}'s API can be reached (network, proxy, firewall)`)),
      timeoutMs,
    );
    // A platform that ignores the signal still loses the race.
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
    aborted.catch(() => undefined);
    try {
      await Promise.race([platform.start(controller.signal), aborted]);
    } catch (error) {
      clearTimeout(timer);
      if (this.stopping) return;
      // The platform cleaned up after itself (see Platform.start).
      this.failed(entry, controller.signal.aborted ? controller.signal.reason : error, 'did not start');
      return;
    } finally {
      clearTimeout(timer);
      if (entry.controller === controller) entry.controller = undefined;
    }
    if (this.stopping) return;
    if (entry.status.failures > 0) this.options.logger.info(`${platform.name} started after ${entry.status.failures} failed attempt${entry.status.failures === 1 ? '' : 's'}`);
    this.set(entry, { state: 'running', failures: 0 });
  }

  /** A platform whose start failed got going by itself (e.g. READY came late). */
  private recovered(entry: Entry): void {
    if (this.stopping || entry.status.state === 'running') return;
    clearTimeout(entry.timer);
    this.options.logger.info(`${entry.platform.name} started after ${entry.status.failures} failed attempt${entry.status.failures === 1 ? '' : 's'}`);
    this.set(entry, { state: 'running', failures: 0 });
  }

  /** A running platform stopped working. */
  private async lost(entry: Entry, error: unknown): Promise<void> {
    if (this.stopping || entry.status.state !== 'running') return;
    await this.stopPlatform(entry);
    if (!this.stopping) this.failed(entry, error, 'stopped working');
  }

  private failed(entry: Entry, error: unknown, what: string): void {
    const { reason, hint } = explain(error);
    const failures = entry.status.failures + 1;
    const delay = Math.min(this.options.maxRetryDelayMs ?? 300_000, (this.options.retryDelayMs ?? 5000) * 2 ** (failures - 1));
    const retryIn = delay >= 1000 ? `${Math.round(delay / 1000)} s` : `${delay} ms`;
    // Said once: again only when the reason changes.
    const repeated = entry.status.failures > 0 && entry.status.reason === reason;
    const line = `${entry.platform.name} ${what}: ${reason} — ${hint}. Retrying in the background (next in ${retryIn}); see cronista status.`;
    if (repeated) this.options.logger.debug({ platform: entry.platform.name, failures }, line);
    else this.options.logger.error({ platform: entry.platform.name }, line);
    this.set(entry, { state: 'retrying', failures, reason, hint, nextAttempt: new Date(this.now().getTime() + delay).toISOString() });
    entry.timer = setTimeout(() => void this.attempt(entry), delay);
    entry.timer.unref();
  }

  private async stopPlatform(entry: Entry): Promise<void> {
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000;
    try {
      const outcome = await Promise.race([entry.platform.stop().then(() => 'stopped' as const), wait(timeoutMs)]);
      if (outcome === 'timeout') this.options.logger.warn(`${entry.platform.name} did not stop within ${Math.round(timeoutMs / 1000)} s; left behind`);
    } catch (error) {
      this.options.logger.warn(`${entry.platform.name}: stopping failed: ${redactUrlsIn(errorMessage(error))}`);
    }
  }

  private lastFailure(entry: Entry): Partial<PlatformStatus> {
    const { reason, hint } = entry.status;
    return reason ? { reason, ...(hint ? { hint } : {}) } : {};
  }

  private set(entry: Entry, status: Omit<PlatformStatus, 'name' | 'since'>): void {
    entry.status = { name: entry.platform.name, since: this.now().toISOString(), ...status };
    this.options.onChange?.(this.statuses());
  }
}

function explain(error: unknown): { reason: string; hint: string } {
  if (error instanceof PlatformError) return { reason: redactUrlsIn(error.reason), hint: error.hint };
  return { reason: redactUrlsIn(errorMessage(error)), hint: 'see the logs' };
}
