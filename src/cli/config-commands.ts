import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../core/config.ts';
import type { AppContext } from '../core/context.ts';
import { CronistaError, errorMessage } from '../core/errors.ts';
import { redactUrl } from '../core/redact.ts';
import { Settings } from '../core/settings.ts';
import { describeSchedule, type TaskDescription } from '../pipeline/scheduler.ts';

/** What a console command prints: `output` on stdout, `error` on stderr, and its exit code. */
export interface CommandOutcome {
  output: string;
  error?: string;
  exitCode: number;
}

/** Configuration problems are the user's to fix: one clear message, no stack trace. */
async function guarded(run: () => Promise<string>): Promise<CommandOutcome> {
  try {
    return { output: await run(), exitCode: 0 };
  } catch (error) {
    if (error instanceof CronistaError) return { output: '', error: errorMessage(error), exitCode: 1 };
    throw error;
  }
}

export function scheduleText(tasks: TaskDescription[]): string {
  if (tasks.length === 0) return 'No scheduled tasks.';
  const lines = [`${tasks.length} scheduled task${tasks.length === 1 ? '' : 's'}:`];
  for (const task of tasks) {
    lines.push('');
    lines.push(`${task.kind === 'digest' ? 'digest to' : 'poll of'} ${redactUrl(task.target)}  [${task.name}]`);
    lines.push(`  cron "${task.cron}" in ${task.timezone}`);
    lines.push(`  next: ${task.next.join(', ')}`);
  }
  return lines.join('\n');
}

/** `cronista schedule`: every task the effective configuration gives, with its next three runs. */
export function scheduleCommand(app: AppContext, options: { json?: boolean }): Promise<CommandOutcome> {
  return guarded(async () => {
    const settings = Settings.open(app.store, { logger: app.logger });
    // Sources the store disabled after repeated failures are not polled, so they are not listed.
    const disabled = new Set((await app.store.listSources()).filter((source) => !source.enabled).map((source) => source.url));
    const tasks = await describeSchedule(await settings.effective(), { logger: app.logger, isSourceEnabled: (source) => !disabled.has(source.url) });
    return options.json ? JSON.stringify(tasks.map((task) => ({ ...task, target: redactUrl(task.target) })), null, 2) : scheduleText(tasks);
  });
}

/** `cronista config export`: the effective configuration (file + stored changes) as YAML. */
export function configExportCommand(app: AppContext): Promise<CommandOutcome> {
  return guarded(async () => (await Settings.open(app.store, { logger: app.logger }).exportYaml()).trimEnd());
}

/** `cronista config import <file>`: validates the file and stores it; its sources and destinations replace the current ones. */
export function configImportCommand(app: AppContext, file: string): Promise<CommandOutcome> {
  return guarded(async () => {
    const path = resolve(file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`${path}: cannot read: ${errorMessage(error)}`);
    }
    const config = await Settings.open(app.store, { logger: app.logger }).importYaml(text, path, { from: 'console' });
    return `Imported ${config.sources.length} source${config.sources.length === 1 ? '' : 's'} and ${config.destinations.length} destination${config.destinations.length === 1 ? '' : 's'} from ${file}.`;
  });
}

/** Prints an outcome the way every console command does: the answer on stdout, problems on stderr. */
export function printOutcome(outcome: CommandOutcome): void {
  if (outcome.output) process.stdout.write(`${outcome.output}\n`);
  if (outcome.error) process.stderr.write(`error: ${outcome.error}\n`);
  process.exitCode = outcome.exitCode;
}
