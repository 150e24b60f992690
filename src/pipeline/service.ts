import { createInterface } from 'node:readline';
import type { CommandDefinition } from '../core/command.ts';
import type { AppContext } from '../core/context.ts';
import { Dispatcher } from '../core/dispatch.ts';
import { errorMessage } from '../core/errors.ts';
import { plural } from '../core/text.ts';
import { refreshStoryOverrides } from './story-overrides.ts';
import { formatAnswer, runConsoleLine } from '../platforms/console/console.ts';
import type { HttpMount, Platform, PlatformHooks } from '../platforms/platform.ts';
import type { SupervisorOptions } from '../platforms/supervisor.ts';
import { webOptionsFromEnv, type WebAddress } from '../platforms/web/options.ts';
import type { WebOptions, WebServer } from '../platforms/web/server.ts';
import { sampleNote, sampleOnStart, type SampleState } from './sample.ts';
import { deliverDigest } from './digest.ts';
import { CONSOLE_DESTINATION } from './destination.ts';
import { closeExtraction } from './extraction-pool.ts';
import { closeCharts } from './chart-pool.ts';
import { digestJob, pollJob } from './jobs.ts';
import { readOutbox } from './outbox.ts';
import { Scheduler } from './scheduler.ts';
import { senderFor } from './senders.ts';
import { ServicePlatforms, type ServiceRole } from './service-platforms.ts';
import { saveServiceStatus, type ServiceStatus } from './service-status.ts';


/** Supervisor timings from the environment (seconds can be fractions): start deadline, first retry delay. */
export function supervisorTimings(env: NodeJS.ProcessEnv): Pick<SupervisorOptions, 'startTimeoutMs' | 'retryDelayMs'> {
  const seconds = (value: string | undefined) => (value && Number(value) > 0 ? Number(value) * 1000 : undefined);
  const startTimeoutMs = seconds(env.CRONISTA_PLATFORM_START_TIMEOUT);
  const retryDelayMs = seconds(env.CRONISTA_PLATFORM_RETRY_DELAY);
  return { ...(startTimeoutMs ? { startTimeoutMs } : {}), ...(retryDelayMs ? { retryDelayMs } : {}) };
}

/** What the service runs, chosen by the composition root (src/app.ts): the store, the commands, the chat platforms. */
export interface ServiceWiring {
  openApp(dataDir: string): AppContext | Promise<AppContext>;
  commands: readonly CommandDefinition[];
  /** The configured chat platforms (async: a platform's module and chat library load only when it is configured). */
  platforms(app: AppContext, dispatcher: Dispatcher, hooks?: Pick<PlatformHooks, 'http' | 'channelPost'>): Platform[] | Promise<Platform[]>;
  /**
   * Where the schedules run: absent, in this process (node-cron, the embedded default); in distributed mode
   * (CRONISTA_REDIS_URL) on the job queue, run by `cronista worker` processes (src/pipeline/queue/).
   */
  schedules?: (app: AppContext) => Promise<Schedules>;
}

/** The running schedules of a service: what the readiness line says of them, and how they stop. */
export interface Schedules {
  /** For the readiness line, e.g. "schedules on redis://127.0.0.1:6379/ (prefix cronista)"; null in-process. */
  description: string | null;
  /** Stops scheduling and waits for the runs in flight in this process. */
  stop(): Promise<void>;
  /**
   * Several `cronista start` processes (distributed mode): the role of holding the schedules, which one of them has at
   * a time. Exclusive chat platforms (Telegram long polling, the Discord gateway) run only while it is held. Absent: this
   * process is the only one.
   */
  role?: ServiceRole;
  /** Where channel posts go instead of this process's pipeline: distributed mode queues them for a worker. */
  channelPost?: PlatformHooks['channelPost'];
}

/** The embedded default: node-cron tasks in this process, following configuration changes. */
async function localSchedules(app: AppContext): Promise<Schedules> {
  const scheduler = new Scheduler({ digest: digestJob(app), poll: await pollJob(app), logger: app.logger });
  await scheduler.follow(app.settings);
  return { description: null, stop: () => scheduler.stop() };
}

/**
 * `cronista start`: the bot as a service. Console lines typed before start-up finishes are queued,
 * not dropped; stdin closing does not stop the service; SIGINT/SIGTERM finish in-flight work, close
 * the store and exit 0 — also during start-up. Chat platforms run under a supervisor: one that cannot
 * start is reported once, left out of the readiness line and retried in the background (`cronista status`).
 */
export async function runService(dataDir: string, wiring: ServiceWiring): Promise<number> {
  const queued: string[] = [];
  let handle: ((line: string) => void) | null = null;
  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => (handle ? handle(line) : queued.push(line)));

  const webOptions = webOptionsFromEnv();
  const app = await wiring.openApp(dataDir);
  const keepAlive = setInterval(() => {}, 1 << 30);
  let work: Promise<unknown> = Promise.resolve();
  const enqueue = (job: () => Promise<unknown>) => {
    work = work.then(job).catch((error) => app.logger.error({ err: error }, errorMessage(error)));
    return work;
  };

  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.logger.info({ signal }, 'stopping: finishing in-flight work');
      input.close();
      handle = () => {};
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

  let sample: SampleState = 'skipped';
  await enqueue(async () => {
    sample = await sampleOnStart(app, async (line) => {
      process.stdout.write(`${line}\n\n`);
      await deliverDigest(app, CONSOLE_DESTINATION, await senderFor(app, CONSOLE_DESTINATION));
    });
  });
  // Changes stored by another process (`cronista ask "/feeds add …"`, a second instance) reach the
  // scheduler and the stories too; watching starts before the scheduler reads the configuration.
  const stopWatching = await watchStoredChanges(app);
  let schedules: Schedules;
  try {
    schedules = wiring.schedules ? await wiring.schedules(app) : await localSchedules(app);
  } catch (error) {
    // Nothing is scheduled (a bad cron expression, an unreachable queue): close what is open, so the process can exit.
    input.close();
    stopWatching();
    clearInterval(keepAlive);
    await work;
    await Promise.all([closeExtraction(), closeCharts()]);
    await app.store.close();
    await app.shared?.close();
    throw error;
  }
  const dispatcher = new Dispatcher(app, wiring.commands);
  // What the commands answer with loads now, in the background, not in their first answer.
  void Promise.all(wiring.commands.map((command) => command.preload?.())).catch((error: unknown) => app.logger.warn(`loading the commands' modules: ${errorMessage(error)}`));
  const answerLine = (line: string) => {
    if (!line.trim()) return;
    void enqueue(async () => process.stdout.write(`${formatAnswer(await runConsoleLine(dispatcher, line), false)}\n`));
  };
  handle = answerLine;
  queued.splice(0).forEach(answerLine);
  const status: ServiceStatus = { pid: process.pid, startedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), platforms: [] };
  let saving: Promise<unknown> = Promise.resolve();
  const saveStatus = () => {
    // Several coordinators share the store: the one holding the schedules (and the exclusive platforms) speaks for them.
    if (schedules.role && !schedules.role.held()) return saving;
    const snapshot = { ...status, updatedAt: new Date().toISOString() };
    saving = saving.then(() => saveServiceStatus(app.store, snapshot)).catch((error) => app.logger.warn(`could not save the service status: ${errorMessage(error)}`));
    return saving;
  };
  // The story pages' server also serves what platforms mount on it (a Telegram webhook without a port of its own).
  const mounted = new Map<string, Parameters<HttpMount['mount']>[1]>();
  const http: HttpMount = { mount: (path, handler) => (mounted.set(path, handler), () => mounted.delete(path)) };
  const hooks = { ...(webOptions ? { http } : {}), ...(schedules.channelPost ? { channelPost: schedules.channelPost } : {}) };
  const platforms = new ServicePlatforms(await wiring.platforms(app, dispatcher, hooks), schedules.role, {
    logger: app.logger,
    ...supervisorTimings(process.env),
    onChange: (platforms) => {
      status.platforms = platforms;
      void saveStatus();
    },
  });
  await saveStatus();
  let signaled = false;
  void stopped.then(() => (signaled = true));
  await Promise.race([platforms.start(), stopped]);
  // A platform standing by (another process runs it) is no failure of this one.
  const platformsUp = () => Object.fromEntries(platforms.statuses().filter((p) => p.state !== 'standby').map((p) => [p.name, p.state === 'running']));
  const web = !signaled && webOptions ? await startWeb(app, { ...webOptions, mounted }, platformsUp) : null;
  if (!signaled) {
    const running = ['console', ...platforms.running(), ...(web ? ['web'] : [])].join(', ');
    const queue = schedules.description ? `; ${schedules.description}` : '';
    process.stderr.write(`cronista ready (${running}; data ${app.store.description}${queue}; ${plural(await app.store.countDocuments(), 'document')}${sampleNote(sample)})${web?.url ? ` — open ${web.url}` : ''}\n`);
  }

  await stopped;
  await Promise.allSettled([platforms.stop(), web?.stop()]);
  stopWatching();
  status.stoppedAt = new Date().toISOString();
  await saveStatus();
  await schedules.stop();
  await work;
  // In-flight polls and ingests are done: the extraction pool's workers can go.
  await Promise.all([closeExtraction(), closeCharts()]);
  clearInterval(keepAlive);
  await app.store.close();
  await app.shared?.close();
  return 0;
}

/** How often a running service looks for configuration and story changes another process stored. */
const WATCH_INTERVAL_MS = 2000;

export async function watchStoredChanges(app: AppContext): Promise<() => void> {
  const stopSettings = await app.settings.watch(WATCH_INTERVAL_MS);
  await refreshStoryOverrides(app);
  const timer = setInterval(() => {
    void refreshStoryOverrides(app).catch((error: unknown) => app.logger.warn({ err: error }, `story changes not re-read: ${errorMessage(error)}`));
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => {
    stopSettings();
    clearInterval(timer);
  };
}

/** The story pages (CRONISTA_HTTP_PORT, CRONISTA_HTTP_HOST); a port in use is logged and the bot runs on without them. */
async function startWeb(app: AppContext, options: WebAddress & Pick<WebOptions, 'mounted'>, platforms: () => Record<string, boolean>): Promise<WebServer | null> {
  const queues = async () => {
    const depths: Record<string, number> = {};
    for (const { id } of [{ id: CONSOLE_DESTINATION.id }, ...(await app.settings.effective()).destinations]) {
      const outbox = await readOutbox(app.store.kv, id);
      depths[id] = outbox ? outbox.messages.length - outbox.next : 0;
    }
    return depths;
  };
  // Loaded here, not at the top: Fastify and the pages' renderer stay out of a service run with CRONISTA_HTTP_PORT=off.
  const { WebServer } = await import('../platforms/web/server.ts');
  const web = new WebServer(app, { ...options, platforms, queues });
  try {
    await web.start();
    return web;
  } catch (error) {
    app.logger.error({ err: error }, `web pages did not start: ${errorMessage(error)}`);
    return null;
  }
}
