import { createInterface } from 'node:readline';
import { commands } from '../../commands/index.ts';
import { openApp } from '../core/app.ts';
import type { AppContext } from '../core/context.ts';
import { Dispatcher } from '../core/dispatch.ts';
import { errorMessage } from '../core/errors.ts';
import { bundledSampleDir } from '../core/paths.ts';
import { formatAnswer, runConsoleLine } from '../platforms/console/console.ts';
import { configuredPlatforms } from '../platforms/index.ts';
import { PlatformSupervisor, type SupervisorOptions } from '../platforms/supervisor.ts';
import { ingestTargets } from './ingest.ts';
import { CONSOLE_DESTINATION, deliverDigest } from './digest.ts';
import { digestJob, pollJob } from './jobs.ts';
import { Scheduler } from './scheduler.ts';
import { senderFor } from './senders.ts';
import { saveServiceStatus, type ServiceStatus } from './service-status.ts';

const SAMPLE_FLAG = 'sample:ingested';

/** Supervisor timings from the environment (seconds can be fractions): start deadline, first retry delay. */
export function supervisorTimings(env: NodeJS.ProcessEnv): Pick<SupervisorOptions, 'startTimeoutMs' | 'retryDelayMs'> {
  const seconds = (value: string | undefined) => (value && Number(value) > 0 ? Number(value) * 1000 : undefined);
  const startTimeoutMs = seconds(env.CRONISTA_PLATFORM_START_TIMEOUT);
  const retryDelayMs = seconds(env.CRONISTA_PLATFORM_RETRY_DELAY);
  return { ...(startTimeoutMs ? { startTimeoutMs } : {}), ...(retryDelayMs ? { retryDelayMs } : {}) };
}

/**
 * `cronista start`: the bot as a service. Console lines typed before start-up finishes are queued,
 * not dropped; stdin closing does not stop the service; SIGINT/SIGTERM finish in-flight work, close
 * the store and exit 0 — also during start-up. Chat platforms run under a supervisor: one that cannot
 * start is reported once, left out of the readiness line and retried in the background (`cronista status`).
 */
export async function runService(dataDir: string): Promise<number> {
  const queued: string[] = [];
  let handle: ((line: string) => void) | null = null;
  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => (handle ? handle(line) : queued.push(line)));

  const app = openApp(dataDir);
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

  await enqueue(() => ingestSampleOnce(app));
  const scheduler = new Scheduler({ digest: digestJob(app), poll: await pollJob(app), logger: app.logger });
  await scheduler.follow(app.settings);
  const dispatcher = new Dispatcher(app, commands);
  const answerLine = (line: string) => {
    if (!line.trim()) return;
    void enqueue(async () => process.stdout.write(`${formatAnswer(await runConsoleLine(dispatcher, line), false)}\n`));
  };
  handle = answerLine;
  queued.splice(0).forEach(answerLine);
  const status: ServiceStatus = { pid: process.pid, startedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), platforms: [] };
  let saving: Promise<unknown> = Promise.resolve();
  const saveStatus = () => {
    const snapshot = { ...status, updatedAt: new Date().toISOString() };
    saving = saving.then(() => saveServiceStatus(app.store, snapshot)).catch((error) => app.logger.warn(`could not save the service status: ${errorMessage(error)}`));
    return saving;
  };
  const supervisor = new PlatformSupervisor(configuredPlatforms(app, dispatcher), {
    logger: app.logger,
    ...supervisorTimings(process.env),
    onChange: (platforms) => {
      status.platforms = platforms;
      void saveStatus();
    },
  });
  await saveStatus();
  let signalled = false;
  void stopped.then(() => (signalled = true));
  await Promise.race([supervisor.start(), stopped]);
  if (!signalled) {
    const running = ['console', ...supervisor.running()].join(', ');
    process.stderr.write(`cronista ready (${running}; data ${dataDir}; ${await app.store.countDocuments()} documents)\n`);
  }

  await stopped;
  await supervisor.stop();
  status.stoppedAt = new Date().toISOString();
  await saveStatus();
  await scheduler.stop();
  await work;
  clearInterval(keepAlive);
  await app.store.close();
  return 0;
}

async function ingestSampleOnce(app: AppContext): Promise<void> {
  if (await app.store.kv.get(SAMPLE_FLAG)) return;
  const reports = await ingestTargets(app, [bundledSampleDir]);
  for (const report of reports.filter((r) => r.failure)) app.logger.warn({ source: report.location }, report.failure!);
  const added = reports.reduce((sum, report) => sum + report.added, 0);
  process.stdout.write(`Cronista ingested the bundled sample: ${added} documents from ${reports.length} sources.\n\n`);
  await app.store.kv.set(SAMPLE_FLAG, new Date().toISOString());
  await deliverDigest(app, CONSOLE_DESTINATION, await senderFor(app, CONSOLE_DESTINATION));
}
