/**
 * The chat platforms of a service, split by whether several processes may run them at once. A platform marked
 * `exclusive` (Telegram long polling: Telegram answers a second poller with 409; the Discord gateway: every session
 * receives every event, so each command would be answered twice) runs only while this process holds `role` — in
 * distributed mode, the schedules' lease of the coordinators. The others (a Telegram webhook: Telegram posts each update
 * once, to whichever process the address reaches) run on every process. Without a role (one process) every platform
 * runs, as before.
 */
import { PlatformSupervisor, type PlatformStatus, type SupervisorOptions } from '../platforms/supervisor.ts';
import type { Platform } from '../platforms/platform.ts';

/** A role one process holds at a time (the coordinators' schedules lease): whether this one holds it, and changes. */
export interface ServiceRole {
  /** By this process's own clock: cheap enough to ask before every action. */
  held(): boolean;
  /** Called with true when this process takes the role, false when it loses it; returns the unsubscribe. */
  onChange(listener: (held: boolean) => void): () => void;
}

export class ServicePlatforms {
  private readonly everywhere: PlatformSupervisor;
  private readonly exclusive: Platform[];
  /** The exclusive platforms' supervisor while this process holds the role; a new one each time it takes it. */
  private holding: PlatformSupervisor | null = null;
  /** The last holding supervisor's stop: a new one starts only after it (the platforms are the same objects). */
  private released: Promise<void> = Promise.resolve();
  private starting: Promise<void> = Promise.resolve();
  private unfollow: (() => void) | null = null;
  private stopped = false;

  constructor(
    platforms: readonly Platform[],
    private readonly role: ServiceRole | undefined,
    private readonly options: SupervisorOptions,
  ) {
    const bound = (platform: Platform) => role !== undefined && platform.exclusive === true;
    this.exclusive = platforms.filter(bound);
    this.everywhere = new PlatformSupervisor(platforms.filter((platform) => !bound(platform)), { ...options, onChange: () => this.changed() });
  }

  /** Starts the platforms every process runs, and the exclusive ones when the role is held; follows the role after. */
  async start(): Promise<void> {
    this.unfollow = this.role?.onChange((held) => (held ? this.take() : this.release())) ?? null;
    if (this.role?.held()) this.take();
    await Promise.all([this.everywhere.start(), this.starting]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unfollow?.();
    this.release();
    await Promise.all([this.everywhere.stop(), this.released]);
  }

  running(): string[] {
    return [...this.everywhere.running(), ...(this.holding?.running() ?? [])];
  }

  /** Every platform; an exclusive one this process does not run now is `standby`. */
  statuses(): PlatformStatus[] {
    const since = new Date().toISOString();
    const exclusive = this.holding?.statuses() ?? this.exclusive.map((platform): PlatformStatus => ({ name: platform.name, state: 'standby', since, failures: 0 }));
    return [...this.everywhere.statuses(), ...exclusive];
  }

  private take(): void {
    if (this.stopped || this.holding) return;
    if (this.exclusive.length === 0) return this.changed();
    const supervisor = new PlatformSupervisor(this.exclusive, { ...this.options, onChange: () => this.changed() });
    this.holding = supervisor;
    this.starting = this.released.then(async () => {
      if (this.holding === supervisor) await supervisor.start();
    });
    this.changed();
  }

  private release(): void {
    const supervisor = this.holding;
    if (!supervisor) return;
    this.holding = null;
    // Stopped at once (a start in flight is aborted), not after the start: a process that lost the role must not poll on.
    this.released = Promise.all([this.released, supervisor.stop()]).then(() => undefined);
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.(this.statuses());
  }
}
