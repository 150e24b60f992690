import type { Answer } from './answer.ts';
import type { AppContext } from './context.ts';
import type { Asker } from './source-access.ts';

export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface OptionDefinition {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  choices?: readonly string[];
  /** Platforms that can offer suggestions (Discord autocomplete) ask the command for them. */
  autocomplete?: boolean;
}

export type Permission = 'everyone' | 'admin';

export type OptionValues = Record<string, string | number | boolean | undefined>;

export interface Caller {
  platform: Asker['platform'];
  userId: string;
  chatId: string;
  /** Set by the platform from its own notion of admin (chat administrator, Manage Server, operator). */
  isAdmin: boolean;
  /**
   * An operator of this Cronista (the console; TELEGRAM_ADMIN_IDS; Manage Server in the home guild, or in any
   * guild when DISCORD_GUILD_ID is unset). Only operators may act on other chats' destinations and on global
   * settings; a chat admin who is not an operator manages only this chat's destination.
   */
  isOperator?: boolean;
}

/** The console is always an operator; elsewhere the platform says so. */
export function isOperator(caller: Caller): boolean {
  return caller.platform === 'console' || caller.isOperator === true;
}

export interface CommandInput {
  caller: Caller;
  options: OptionValues;
  /** Present when the command has subcommands (`/feeds add`). */
  subcommand?: string;
}

export interface SubcommandDefinition {
  name: string;
  description: string;
  options: readonly OptionDefinition[];
}

/**
 * One slash command, defined once and served on every platform. The definition is plain data
 * (it becomes Discord's registration JSON, Telegram's setMyCommands, the console's help); `run`
 * takes platform-neutral input and returns a platform-neutral answer.
 */
export interface CommandDefinition {
  name: string;
  description: string;
  options: readonly OptionDefinition[];
  subcommands?: readonly SubcommandDefinition[];
  permission: Permission;
  cooldownSeconds?: number;
  /**
   * The answer may take more than a moment (a store-wide build, a chart, a read over the network): platforms
   * with a reply deadline acknowledge before running it (Discord's 3 s: deferred at once).
   */
  mayBeSlow?: boolean;
  /**
   * Loads the modules `run` imports when it runs (commands import what they answer with lazily, so that listing them,
   * `ask "/help"`, loads none of it). A service calls it once it is up, so its first answers do not wait for loading.
   */
  preload?(): Promise<unknown>;
  /** `commands`: every command the dispatcher serves (for /help), given by the dispatcher. */
  run(app: AppContext, input: CommandInput, dispatcher?: { commands: readonly CommandDefinition[] }): Promise<Answer>;
}
