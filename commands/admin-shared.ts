/**
 * Helpers the admin commands share (not a command itself: commands/index.ts lists the commands).
 * Admin answers are ephemeral; configuration errors become one line a person can act on.
 */
import type { Answer, Line, Section } from '../src/core/answer.ts';
import { isOperator, type Caller } from '../src/core/command.ts';
import { ConfigError, type CronistaConfig, type DestinationConfig } from '../src/core/config.ts';
import type { AppContext } from '../src/core/context.ts';
import type { ChangeOrigin } from '../src/core/config-overrides.ts';
import { InputError, PermissionError } from '../src/core/errors.ts';
import { describeSchedule, timingProblem, type TaskDescription } from '../src/pipeline/scheduler.ts';

export function adminAnswer(title: string, lines: Line[], json: unknown, extra: Partial<Answer> = {}): Answer {
  return { title, sections: [{ lines }], json, ephemeral: true, ...extra };
}

export function adminSections(title: string, sections: Section[], json: unknown): Answer {
  return { title, sections, json, ephemeral: true };
}

/** Runs a Settings change; a ConfigError (multi-line, with the config origin) becomes one InputError line. */
export async function settingsChange<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(oneLine(error.message));
    throw error;
  }
}

/** First problem only, without the "configuration (file + changes…)" prefix. */
export function oneLine(message: string): string {
  const first = message.split('\n').find((line) => line.trim() && !/^cannot schedule:?$/.test(line.trim())) ?? message;
  return first.replace(/^configuration \(file \+ changes stored in the data directory\): /, '').trim();
}

/** The id of this chat's destination: console, telegram:<chatId>, discord:<chatId>. */
export function chatDestinationId(caller: Caller): string {
  return caller.platform === 'console' ? 'console' : `${caller.platform}:${caller.chatId}`;
}

/** Who a configuration change comes from: the console operator (trusted like the config file) or a chat. */
export function changeOrigin(caller: Caller): ChangeOrigin {
  return caller.platform === 'console' ? 'console' : 'chat';
}

/** Refuses (PermissionError, nothing changed) a caller who is not an operator. */
export function requireOperator(caller: Caller, what: string): void {
  if (!isOperator(caller)) throw new PermissionError(`Only an operator (TELEGRAM_ADMIN_IDS / Manage Server in the home guild) can ${what}; nothing was changed.`);
}

/** A destination other than this chat's own needs an operator. */
export function requireOwnDestination(caller: Caller, id: string): void {
  if (id !== chatDestinationId(caller)) requireOperator(caller, `act on another chat's destination (${id})`);
}

/**
 * The destination named (or this chat's); InputError listing the ids there are when it does not exist.
 * Naming another chat's destination needs an operator (checked first: a chat admin learns nothing about it).
 */
export function findDestination(config: CronistaConfig, caller: Caller, id: unknown): DestinationConfig {
  const wanted = typeof id === 'string' && id ? id : chatDestinationId(caller);
  requireOwnDestination(caller, wanted);
  const found = config.destinations.find((destination) => destination.id === wanted);
  if (found) return found;
  if (!isOperator(caller)) throw new InputError(`This chat (${wanted}) is not a digest destination yet: add it with /destination add.`);
  const known = config.destinations.map((destination) => destination.id).join(', ') || 'none';
  if (typeof id === 'string' && id) throw new InputError(`No destination "${wanted}" (destinations: ${known}).`);
  throw new InputError(`This chat is not a digest destination yet: add it with /destination add, or give destination:<id> (destinations: ${known}).`);
}

/** One-line check of a cron expression and timezone, naming which of the two is wrong. */
export function checkTiming(cron: string, timezone: string, what = 'schedule'): void {
  const problem = timingProblem(cron, timezone);
  if (!problem) return;
  if (problem.field === 'cron') throw new InputError(`Bad ${what} cron "${cron}": ${problem.message.replace(/^invalid cron expression "[^"]*": /, '')}. Use five fields, e.g. "0 8 * * *" (08:00 daily).`);
  throw new InputError(`Bad timezone "${timezone}": use an IANA name such as America/Lima or UTC.`);
}

/** Story ids must name a loaded story. */
export function checkStory(app: AppContext, story: unknown): string | undefined {
  if (typeof story !== 'string' || !story) return undefined;
  if (!app.stories.some((candidate) => candidate.id === story)) {
    throw new InputError(`Unknown story "${story}". Stories: ${app.stories.map((s) => s.id).join(', ') || 'none configured'}.`);
  }
  return story;
}

/** Every task of the effective configuration with its next runs (sources the store disabled are not polled). */
export async function scheduleOf(app: AppContext, config?: CronistaConfig): Promise<TaskDescription[]> {
  const effective = config ?? (await app.settings.effective());
  const disabled = new Set((await app.store.listSources()).filter((source) => !source.enabled).map((source) => source.url));
  return describeSchedule(effective, { logger: app.logger, isSourceEnabled: (source) => !disabled.has(source.url) });
}

/** "2026-11-25 14:05-05:00"; seconds are shown only when they are not :00 (second-precision schedules). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const seconds = iso.slice(16, 19);
  return iso.slice(0, 16).replace('T', ' ') + (seconds && seconds !== ':00' ? seconds : '') + (iso.length > 19 ? iso.slice(19).replace(/^\.\d+/, '') : '');
}

export { plural } from '../src/core/text.ts';

export function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
