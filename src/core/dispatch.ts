import { textAnswer, type Answer } from './answer.ts';
import type { CommandDefinition, CommandInput, OptionDefinition, OptionValues } from './command.ts';
import type { AppContext } from './context.ts';
import { calendarProblem, excerpt } from './text.ts';
import { CronistaError, InputError, PermissionError, errorMessage } from './errors.ts';
import { MemoryState, type SharedState } from './shared-state.ts';

/** What a platform hands the dispatcher: a command name and raw option strings, before validation. */
export interface CommandRequest {
  name: string;
  subcommand?: string;
  options: Record<string, string | number | boolean>;
  caller: CommandInput['caller'];
}

/** The most callers in a cooldown remembered at once (the least recent are forgotten first). */
export const MAX_COOLDOWNS = 10_000;

/** What a user is told about an unexpected (non-CronistaError) failure; the details go to the logs. */
export const GENERIC_FAILURE = 'Something went wrong; the operator can see the details in the logs.';

/**
 * The one way every platform runs a command: lookup, permission check (first, so a refused caller
 * learns nothing and changes nothing), option validation, cooldown, and an error boundary that turns
 * any failure into a one-line answer instead of a stack trace.
 */
export class Dispatcher {
  private readonly byName: Map<string, CommandDefinition>;
  /**
   * Who is in a cooldown for which command, each key expiring with its cooldown: in every process's view the same in
   * distributed mode (`app.shared`), else this process's own memory (`local`).
   */
  private readonly cooldowns: SharedState;
  private readonly local: MemoryState | null;

  constructor(
    private readonly app: AppContext,
    readonly commands: readonly CommandDefinition[],
  ) {
    this.byName = new Map(commands.map((command) => [command.name, command]));
    // Bounded whatever the number of callers: an entry lives as long as its cooldown, on the app's clock.
    this.local = app.shared ? null : new MemoryState({ max: MAX_COOLDOWNS, now: () => app.now().getTime() });
    this.cooldowns = app.shared ?? this.local!;
  }

  /** Callers whose cooldown is still running in this process's memory (0 when they are kept in shared state). */
  cooldownsRunning(): number {
    return this.local?.size() ?? 0;
  }

  find(name: string): CommandDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  async dispatch(request: CommandRequest): Promise<Answer> {
    const checked = this.check(request);
    if ('answer' in checked) return checked.answer;
    const { command, input } = checked;
    try {
      const waited = await this.cooldownLeft(command, request, true);
      if (waited > 0) return errorAnswer(`/${command.name} was just used; try again in ${waited} s.`, 'cooldown');
      return await command.run(this.app, input, this);
    } catch (error) {
      return this.failure(command, error);
    }
  }

  /**
   * The answer a request gets without its command running (unknown command, not allowed, bad input, cooldown),
   * or null when the command would run. Changes nothing: a platform with a reply deadline asks before it
   * acknowledges a command that may be slow (Discord defers those at once, refusals are answered directly).
   */
  async refusal(request: CommandRequest): Promise<Answer | null> {
    const checked = this.check(request);
    if ('answer' in checked) return checked.answer;
    const waited = await this.cooldownLeft(checked.command, request, false);
    return waited > 0 ? errorAnswer(`/${checked.command.name} was just used; try again in ${waited} s.`, 'cooldown') : null;
  }

  /** Lookup, permission (first, so a refused caller learns nothing), options. */
  private check(request: CommandRequest): { answer: Answer } | { command: CommandDefinition; input: CommandInput } {
    const command = this.find(request.name);
    if (!command) {
      return { answer: errorAnswer(`Unknown command /${excerpt(request.name, 40)}. Try /help for the list of commands.`, 'unknown_command') };
    }
    if (command.permission === 'admin' && !request.caller.isAdmin) {
      return { answer: errorAnswer(`/${command.name} is for admins only; nothing was changed.`, 'forbidden') };
    }
    try {
      return { command, input: validate(command, request) };
    } catch (error) {
      return { answer: this.failure(command, error) };
    }
  }

  private failure(command: CommandDefinition, error: unknown): Answer {
    if (error instanceof CronistaError) {
      const code = error instanceof PermissionError ? 'forbidden' : error instanceof InputError ? 'bad_input' : 'failed';
      return errorAnswer(error.message, code);
    }
    // Unexpected: its message may hold paths, SQL or library internals — for the logs, not for chat.
    this.app.logger.error({ err: error, command: command.name, reason: errorMessage(error) }, 'command failed');
    return errorAnswer(GENERIC_FAILURE, 'failed');
  }

  /** Seconds left of the caller's cooldown for the command; when none is left, `record` starts a new one. */
  private async cooldownLeft(command: CommandDefinition, request: CommandRequest, record: boolean): Promise<number> {
    if (!command.cooldownSeconds) return 0;
    const key = `cooldown:${command.name}:${request.caller.platform}:${request.caller.userId}`;
    const leftMs = await this.cooldowns.claim(key, command.cooldownSeconds * 1000, { peek: !record });
    return Math.ceil(leftMs / 1000);
  }
}

/** The longest error shown: errors quote only short excerpts of what was given, and this is the backstop. */
const MAX_ERROR_CHARS = 300;

export function errorAnswer(message: string, code: string): Answer {
  const shown = excerpt(message, MAX_ERROR_CHARS);
  return { ...textAnswer(shown, { error: { code, message: shown } }, true) };
}

function validate(command: CommandDefinition, request: CommandRequest): CommandInput {
  let definitions: readonly OptionDefinition[] = command.options;
  let subcommand: string | undefined;
  if (command.subcommands?.length) {
    const sub = command.subcommands.find((candidate) => candidate.name === request.subcommand);
    if (!sub) {
      const names = command.subcommands.map((candidate) => candidate.name).join('|');
      throw new InputError(`/${command.name} needs one of: ${names} (e.g. /${command.name} ${command.subcommands[0]!.name}).`);
    }
    definitions = sub.options;
    subcommand = sub.name;
  }
  const known = new Set(definitions.map((definition) => definition.name));
  const unknown = Object.keys(request.options).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const accepted = definitions.map((definition) => `${definition.name}:`).join(' ') || 'no options';
    throw new InputError(`/${command.name} has no option ${excerpt(unknown.map((name) => `${name}:`).join(', '))} (it takes ${accepted}).`);
  }
  const options: OptionValues = {};
  for (const definition of definitions) {
    const raw = request.options[definition.name];
    if (raw === undefined || raw === '') {
      if (definition.required) throw new InputError(`/${command.name} needs ${definition.name}: ${definition.description}.`);
      continue;
    }
    options[definition.name] = coerce(command.name, definition, raw);
  }
  return { caller: request.caller, options, subcommand };
}

function coerce(commandName: string, definition: OptionDefinition, raw: string | number | boolean): string | number | boolean {
  const text = String(raw).trim();
  const where = `/${commandName} ${definition.name}:`;
  switch (definition.type) {
    case 'integer':
    case 'number': {
      const value = Number(text);
      if (!Number.isFinite(value) || (definition.type === 'integer' && !Number.isInteger(value))) {
        throw new InputError(`${where} expects a ${definition.type}, not "${excerpt(text)}".`);
      }
      return value;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (/^(true|yes|on|1)$/i.test(text)) return true;
      if (/^(false|no|off|0)$/i.test(text)) return false;
      throw new InputError(`${where} expects true or false, not "${excerpt(text)}".`);
    case 'date': {
      const problem = calendarProblem(text);
      if (problem) throw new InputError(`${where} "${excerpt(text)}" is not a date (${problem}); give one like 2023-01-31 or 2023-01.`);
      return text;
    }
    case 'string':
      if (definition.choices && !definition.choices.includes(text)) {
        throw new InputError(`${where} must be one of ${definition.choices.join(', ')}, not "${excerpt(text)}".`);
      }
      return text;
  }
}
