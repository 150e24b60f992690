import { Command, Option } from 'commander';
import { join, relative } from 'node:path';
import { allCommands as commands, distributedFromEnv, openConfiguredApp, serviceWiring, workerWiring } from './app.ts';
import type { AppContext } from './core/context.ts';
import { CronistaError } from './core/errors.ts';
import { redactUrl, redactUrlsIn } from './core/redact.ts';
import type { SourceReport } from './pipeline/ingest.ts';
import type { Answer } from './core/answer.ts';
import type { Digest } from './answers/digest/types.ts';

// Each command loads what it needs when it runs (dynamic imports): `cronista ask "/help"` never loads the
// extraction pipeline, the chat libraries (discord.js, grammY), the web server or the chart renderer.
// tests/cli/lazy-start.test.ts checks which packages a start loads.

const program = new Command()
  .name('cronista')
  .description('News-digest bot: ingests feeds and pages, keeps a dated timeline and casualty figures, answers and posts digests.')
  .addOption(new Option('--data <dir>', 'data directory (SQLite file, charts)').env('CRONISTA_DATA').default('./data'))
  .showHelpAfterError();

function dataDir(): string {
  return program.opts<{ data: string }>().data;
}

async function withApp<T>(run: (app: AppContext) => Promise<T>): Promise<T> {
  const app = await openConfiguredApp(dataDir());
  try {
    return await run(app);
  } finally {
    await app.store.close();
  }
}

program
  .command('ingest')
  .description('Import files, directories (recursively), feeds and pages into the store')
  .argument('<sources...>', 'paths or http(s) URLs; feeds are recognised by their content')
  .action(async (targets: string[]) => {
    const { ingestWithProgress } = await import('./cli/ingest-progress.ts');
    const reports = await withApp((app) => ingestWithProgress(app, targets));
    for (const report of reports) process.stdout.write(`${summaryLine(report)}\n`);
    process.exitCode = reports.every((report) => report.failure === null) ? 0 : 1;
  });

program
  .command('ask')
  .description('Run a slash command as the console platform, e.g. cronista ask "/timeline from:2023-01-01"')
  .argument('<line>', 'the command line, options as name:value or name:"several words"')
  .option('--json', 'print the answer as JSON')
  .action(async (line: string, options: { json?: boolean }) => {
    const { askOnce } = await import('./platforms/console/console.ts');
    const { output, failed } = await withApp((app) => askOnce(app, commands, line, options.json === true));
    process.stdout.write(`${output}\n`);
    process.exitCode = failed ? 1 : 0;
  });

program
  .command('facts')
  .description('List every extracted figure with its sentence and source (the audit trail behind /deaths)')
  .option('--json', 'print as JSON')
  .option('--story <id>', 'only this story')
  .action(async (options: { json?: boolean; story?: string }) => {
    const { factsText, listFacts } = await import('./answers/facts-list.ts');
    const facts = await withApp((app) => listFacts(app.store, options.story));
    process.stdout.write(`${options.json ? JSON.stringify(facts, null, 2) : factsText(facts)}\n`);
  });

program
  .command('digest')
  .description("Build a destination's next digest: what Cronista learned since the last one, against its timeline")
  .option('--destination <id>', 'destination id', 'console')
  .option('--dry-run', 'show it without delivering it or moving the cursor')
  .option('--json', 'print it as JSON')
  .action(async (options: { destination: string; dryRun?: boolean; json?: boolean }) => {
    const [{ digestJson }, { deliverDigest, previewDigest }, { destinationById }, { messageSender, senderFor }, { renderPlain }] = await Promise.all([
      import('./answers/digest/answer.ts'),
      import('./pipeline/digest.ts'),
      import('./pipeline/destination.ts'),
      import('./pipeline/senders.ts'),
      import('./platforms/console/render.ts'),
    ]);
    await withApp(async (app) => {
      const destination = await destinationById(app, options.destination);
      const print = (answer: Answer | null, digest: Digest) =>
        process.stdout.write(`${options.json ? JSON.stringify(digestJson(digest), null, 2) : answer ? renderPlain(answer) : 'Nothing new since the last digest.'}\n`);
      if (options.dryRun) {
        const { digest, answer } = await previewDigest(app, destination);
        print(answer, digest);
        return;
      }
      // With --json the console destination is delivered silently (stdout carries the JSON alone).
      const send = options.json && destination.kind === 'console' ? messageSender('console', (answer: Answer) => [renderPlain(answer)], async () => {}) : await senderFor(app, destination);
      const { digest, delivered, sent, resumed } = await deliverDigest(app, destination, send);
      const count = sent + (resumed?.sent ?? 0);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...digestJson(digest), delivered, messages: count }, null, 2)}\n`);
      } else if (!delivered) {
        print(null, digest);
      } else if (destination.kind !== 'console') {
        process.stdout.write(`Delivered ${count} message${count === 1 ? '' : 's'} to ${destination.id}.\n`);
      }
    });
  });

program
  .command('sample')
  .description('Load the bundled Peru sample (a demo: five pages about the 2022-23 protests) into the store')
  .action(async () => {
    const { loadSample } = await import('./pipeline/sample.ts');
    const { line, reports } = await withApp((app) => loadSample(app));
    process.stdout.write(`${line}\n`);
    process.exitCode = reports.every((report) => report.failure === null) ? 0 : 1;
  });

program
  .command('reindex')
  .description('Rebuild the views derived from the stored facts (the toll per day behind /deaths), after a change of the rules')
  .action(async () => {
    const { reindexViews } = await import('./cli/reindex.ts');
    const lines = await withApp((app) => reindexViews(app));
    process.stdout.write(`${lines.join('\n')}\n`);
  });

program
  .command('db')
  .description('The database: copy the SQLite data of --data to a PostgreSQL server')
  .command('copy')
  .description('Copy the SQLite file of the data directory into an empty PostgreSQL database (then set CRONISTA_DATABASE_URL to it)')
  .requiredOption('--to <url>', 'the postgres:// URL of an empty database')
  .action(async (options: { to: string }) => {
    const { copyToPostgres } = await import('./cli/db-copy.ts');
    const lines = await copyToPostgres(dataDir(), options.to);
    process.stdout.write(`${lines.join('\n')}\n`);
    // The derived views are not copied but marked stale: built now, so the first answer on the new database is not
    // the one that waits for them (tens of seconds at 100,000 documents).
    const { reindexViews } = await import('./cli/reindex.ts');
    const app = await openConfiguredApp(dataDir(), { env: { ...process.env, CRONISTA_DATABASE_URL: options.to } });
    try {
      await reindexViews(app, { reset: false });
      process.stdout.write(`views built: ${app.stories.length} ${app.stories.length === 1 ? 'story' : 'stories'}\n`);
    } finally {
      await app.store.close();
    }
  });

program
  .command('start')
  .description('Run the bot until SIGINT/SIGTERM: ingest, answer commands (stdin on the console), post digests')
  .action(async () => {
    const { runService } = await import('./pipeline/service.ts');
    process.exitCode = await runService(dataDir(), serviceWiring());
  });

program
  .command('worker')
  .description('Run queued polls and digests until SIGINT/SIGTERM (distributed mode: CRONISTA_REDIS_URL and CRONISTA_DATABASE_URL)')
  .option('--check', "exit 0 if the worker running on this data directory beat in the last 30 s, else 1 (compose's healthcheck)")
  .action(async (options: { check?: boolean }) => {
    if (options.check) {
      const { checkWorkerHealth } = await import('./pipeline/queue/worker-health.ts');
      const { healthy, line } = checkWorkerHealth(dataDir());
      process.stdout.write(`${line}\n`);
      process.exitCode = healthy ? 0 : 1;
      return;
    }
    const wiring = workerWiring();
    const { runWorker } = await import('./pipeline/queue/worker.ts');
    process.exitCode = await runWorker(dataDir(), wiring);
  });

program
  .command('status')
  .description('Whether `cronista start` runs on this data directory, and each chat platform: running, or retrying and why; with CRONISTA_REDIS_URL the job queues too')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    const { readServiceStatus, serviceAlive, statusText } = await import('./pipeline/service-status.ts');
    const status = await withApp((app) => readServiceStatus(app.store));
    // Distributed mode: the queues too (depths, workers connected, the latest failures).
    const queue = distributedFromEnv();
    const queueModule = queue ? await import('./pipeline/queue/status.ts') : null;
    const queues = queue && queueModule ? await queueModule.readQueueStatus(queue) : null;
    // Whether it runs: by the schedules' lease in Redis when it can be read (from any machine), else by the pid.
    const holder = queues && !queues.error ? queues.scheduleHolder : undefined;
    const json = status ? { ...status, running: serviceAlive(status, holder), ...(queues ? { queues } : {}) } : queues ? { queues } : null;
    const text = [statusText(status, holder), ...(queues && queueModule ? [queueModule.queueStatusText(queues)] : [])].join('\n');
    process.stdout.write(`${options.json ? JSON.stringify(json, null, 2) : text}\n`);
  });

program
  .command('schedule')
  .description('List every scheduled task (digests, polls) with its next three runs')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    const { printOutcome, scheduleCommand } = await import('./cli/config-commands.ts');
    printOutcome(await withApp((app) => scheduleCommand(app, options)));
  });

const configCommand = program.command('config').description('Show or replace the effective configuration (file + changes made from chat)');
configCommand
  .command('export')
  .description('Print the effective configuration as YAML')
  .action(async () => {
    const { configExportCommand, printOutcome } = await import('./cli/config-commands.ts');
    printOutcome(await withApp((app) => configExportCommand(app)));
  });
configCommand
  .command('import')
  .description('Validate a YAML configuration and store it: its sources and destinations replace the current ones')
  .argument('<file>', 'a YAML file in the format of config/cronista.yaml')
  .action(async (file: string) => {
    const { configImportCommand, printOutcome } = await import('./cli/config-commands.ts');
    printOutcome(await withApp((app) => configImportCommand(app, file)));
  });

const siteCommand = program.command('site').description('The story pages as files');
siteCommand
  .command('export')
  .description('Write the story pages, their JSON and the stylesheet into DIR for any static host (feed.xml too when CRONISTA_PUBLIC_URL is set)')
  .argument('<dir>', 'output folder (created if missing; files already there are overwritten)')
  .action(async (dir: string) => {
    const { exportSite } = await import('./platforms/web/export.ts');
    const report = await withApp((app) => exportSite(app, dir, { publicUrl: process.env.CRONISTA_PUBLIC_URL }));
    process.stdout.write(`Wrote ${report.files.length} files to ${report.dir}: open ${join(report.dir, 'index.html')}\n`);
  });

const discordCommand = program.command('discord').description('Discord bot tasks (DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID)');
discordCommand
  .command('deploy')
  .description('Register the slash commands with Discord: in DISCORD_GUILD_ID when set (immediate), else globally')
  .option('--json', 'print what was deployed as JSON')
  .action(async (options: { json?: boolean }) => {
    const { deployCommands, deployReport } = await import('./platforms/discord/deploy.ts');
    try {
      const result = await deployCommands(commands);
      process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : deployReport(result)}\n`);
    } catch (error) {
      process.stderr.write(`cronista discord deploy: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  });

function summaryLine(report: SourceReport): string {
  const where = /^[a-z]+:\/\//i.test(report.location) ? redactUrl(report.location) : relative(process.cwd(), report.location) || report.location;
  if (report.failure !== null) return `FAILED ${where}: ${redactUrlsIn(report.failure)}`;
  if (report.skipped) return `${where}: ${report.skipped} skipped: unsupported type`;
  const errors = report.errors.length > 0 ? `, ${report.errors.length} errors (${redactUrlsIn(report.errors[0]!)})` : ', 0 errors';
  return `${where}: ${report.added} added, ${report.merged} merged, ${report.duplicates} duplicates skipped${errors} [${report.sourceId}]`;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A problem the user can fix (bad configuration, unknown destination…) is one line, not a stack trace.
  if (!(error instanceof CronistaError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
