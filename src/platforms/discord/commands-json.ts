/**
 * Command definitions → Discord's application command registration JSON (what `cronista discord deploy`
 * PUTs). Built from the same definitions the dispatcher runs, so the two cannot drift apart.
 *
 * - option types: string 3, integer 4, boolean 5, number 10; `date` is a string whose description says
 *   the format; `required` options come first (Discord refuses a required option after an optional one);
 *   `choices` (≤ 25) and `autocomplete: true` are passed on (never both: Discord forbids it, choices win).
 * - commands with `subcommands` get type-1 options (`/feeds add|remove|…`), each with its own options.
 * - descriptions are cut to 100 characters; names must be valid chat-input names (else it throws).
 * - admin commands: `default_member_permissions` "32" (Manage Server), `dm_permission: false` and the
 *   guild context only. Servers can still change who sees them; the bot re-checks on every execution.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionDefinition } from '../../core/command.ts';

export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_CHOICES = 25;
const MAX_OPTIONS = 25;

export type DiscordCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

function checkName(name: string, where: string): string {
  if (!NAME.test(name)) throw new Error(`${where}: "${name}" is not a valid Discord command/option name (1-32 lower-case letters, digits, - or _).`);
  return name;
}

/** One line, 1-100 characters (Discord rejects empty or longer descriptions). */
export function discordDescription(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || '—';
  if (line.length <= MAX_DESCRIPTION) return line;
  const cps = Array.from(line);
  let out = '';
  for (const cp of cps) {
    if (out.length + cp.length > MAX_DESCRIPTION - 1) break;
    out += cp;
  }
  return `${out}…`;
}

function dateDescription(description: string): string {
  return /YYYY/.test(description) ? description : `${description} (YYYY-MM-DD)`;
}

const TYPES = {
  string: ApplicationCommandOptionType.String,
  date: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

export function optionJson(option: OptionDefinition, where: string): APIApplicationCommandBasicOption {
  const json: Record<string, unknown> = {
    type: TYPES[option.type],
    name: checkName(option.name, where),
    description: discordDescription(option.type === 'date' ? dateDescription(option.description) : option.description),
    required: option.required === true,
  };
  if (option.type === 'date') {
    json.min_length = 7;
    json.max_length = 10;
  }
  if (option.choices?.length && option.type !== 'boolean') {
    if (option.choices.length > MAX_CHOICES) throw new Error(`${where} ${option.name}: more than ${MAX_CHOICES} choices.`);
    json.choices = option.choices.map((choice) => ({
      name: discordDescription(choice),
      value: option.type === 'integer' || option.type === 'number' ? Number(choice) : choice,
    }));
  } else if (option.autocomplete && option.type !== 'boolean') {
    json.autocomplete = true;
  }
  return json as unknown as APIApplicationCommandBasicOption;
}

function optionsJson(options: readonly OptionDefinition[], where: string): APIApplicationCommandBasicOption[] {
  if (options.length > MAX_OPTIONS) throw new Error(`${where}: more than ${MAX_OPTIONS} options.`);
  const names = new Set<string>();
  for (const option of options) {
    if (names.has(option.name)) throw new Error(`${where}: option ${option.name} is defined twice.`);
    names.add(option.name);
  }
  // Required options first (Discord's rule), otherwise in the definition's order.
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return ordered.map((option) => optionJson(option, where));
}

export function commandJson(command: CommandDefinition): DiscordCommandJson {
  const where = `/${command.name}`;
  const json: DiscordCommandJson = {
    type: ApplicationCommandType.ChatInput,
    name: checkName(command.name, where),
    description: discordDescription(command.description),
  };
  if (command.subcommands?.length) {
    if (command.subcommands.length > MAX_OPTIONS) throw new Error(`${where}: more than ${MAX_OPTIONS} subcommands.`);
    json.options = command.subcommands.map(
      (sub): APIApplicationCommandSubcommandOption => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: checkName(sub.name, `${where} ${sub.name}`),
        description: discordDescription(sub.description),
        options: optionsJson(sub.options, `${where} ${sub.name}`),
      }),
    );
  } else if (command.options.length > 0) {
    json.options = optionsJson(command.options, where);
  }
  if (command.permission === 'admin') {
    json.default_member_permissions = MANAGE_GUILD.toString();
    json.dm_permission = false;
    json.contexts = [InteractionContextType.Guild];
  } else {
    json.contexts = [InteractionContextType.Guild, InteractionContextType.BotDM];
  }
  return json;
}

/** The registration body for every command (names must be unique). */
export function discordCommandsJson(commands: readonly CommandDefinition[]): DiscordCommandJson[] {
  const seen = new Set<string>();
  return commands.map((command) => {
    if (seen.has(command.name)) throw new Error(`/${command.name} is defined twice.`);
    seen.add(command.name);
    return commandJson(command);
  });
}
