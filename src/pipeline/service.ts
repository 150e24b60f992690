import { createInterface } from 'node:readline';
import { commands } from '../../commands/index.ts';
import { openApp } from '../core/app.ts';
import type { AppContext } from '../core/context.ts';
import { Dispatcher } from '../core/dispatch.ts';
import { errorMessage } from '../core/errors.ts';
import { plural } from '../core/text.ts';
import { refreshStoryOverrides } from '../core/story-overrides.ts';
import { formatAnswer, runConsoleLine } from '../platforms/console/console.ts';
import { configuredPlatforms } from '../platforms/index.ts';
import { sampleNote, sampleOnStart, type SampleState } from './sample.ts';
import { CONSOLE_DESTINATION, deliverDigest } from './digest.ts';
import { digestJob, pollJob } from './jobs.ts';
import { Scheduler } from './scheduler.ts';
import { senderFor } from './senders.ts';


/**
 * `cronista start`: the bot as a service. Console lines typed before start-up finishes are queued,
 * not dropped; stdin closing does not stop the service; SIGINT/SIGTERM finish in-flight work, close
 * the store and exit 0.
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
  const scheduler = new Scheduler({ digest: digestJob(app), poll: await pollJob(app), logger: app.logger });
  await scheduler.follow(app.settings);
  const dispatcher = new Dispatcher(app, commands);
  const answerLine = (line: string) => {
    if (!line.trim()) return;
    void enqueue(async () => process.stdout.write(`${formatAnswer(await runConsoleLine(dispatcher, line), false)}\n`));
  };
  handle = answerLine;
  queued.splice(0).forEach(answerLine);
  const platforms = configuredPlatforms(app, dispatcher);
  for (const platform of platforms) {
    try {
      await platform.start();
    } catch (error) {
      app.logger.error({ platform: platform.name, err: error }, `${platform.name} did not start: ${errorMessage(error)}`);
    }
  }
  const running = ['console', ...platforms.map((platform) => platform.name)].join(', ');
  process.stderr.write(`cronista ready (${running}; data ${dataDir}; ${plural(await app.store.countDocuments(), 'document')}${sampleNote(sample)})\n`);

  await stopped;
  await Promise.allSettled(platforms.map((platform) => platform.stop()));
  stopWatching();
  await scheduler.stop();
  await work;
  clearInterval(keepAlive);
  await app.store.close();
  return 0;
}

/** How often a running service looks for configuration and story changes another process stored. */
const WATCH_INTERVAL_MS = 2000;

async function watchStoredChanges(app: AppContext): Promise<() => void> {
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
