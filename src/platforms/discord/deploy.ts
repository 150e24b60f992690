/**
 * `cronista discord deploy`: registers the slash commands (built from the command definitions) with
 * Discord — as guild commands when DISCORD_GUILD_ID is set (they appear at once), else globally.
 * The application id is DISCORD_APPLICATION_ID, or asked from Discord (GET /applications/@me).
 */
import { Routes } from 'discord.js';
import type { CommandDefinition } from '../../core/command.ts';
import { InputError } from '../../core/errors.ts';
import { discordCommandsJson, type DiscordCommandJson } from './commands-json.ts';
import { discordEnv, discordRest } from './env.ts';

export interface DeployResult {
  scope: 'guild' | 'global';
  applicationId: string;
  guildId?: string;
  commands: { name: string; id?: string; admin: boolean }[];
}

export async function deployCommands(commands: readonly CommandDefinition[], env: NodeJS.ProcessEnv = process.env): Promise<DeployResult> {
  const config = discordEnv(env);
  if (!config) throw new InputError('DISCORD_TOKEN is not set: it is needed to register the slash commands.');
  const body: DiscordCommandJson[] = discordCommandsJson(commands);
  const rest = discordRest(config);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const route = config.guildId ? Routes.applicationGuildCommands(applicationId, config.guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body })) as { name: string; id?: string }[] | undefined;
  const ids = new Map((registered ?? []).map((command) => [command.name, command.id]));
  return {
    scope: config.guildId ? 'guild' : 'global',
    applicationId,
    ...(config.guildId ? { guildId: config.guildId } : {}),
    commands: body.map((command) => ({ name: command.name, id: ids.get(command.name), admin: command.default_member_permissions !== undefined })),
  };
}

export function deployReport(result: DeployResult): string {
  const where = result.scope === 'guild' ? `guild ${result.guildId}` : 'all servers (global commands may take up to an hour to appear)';
  const lines = result.commands.map((command) => `  /${command.name}${command.admin ? ' (Manage Server)' : ''}`);
  return [`Deployed ${result.commands.length} commands for application ${result.applicationId} to ${where}:`, ...lines].join('\n');
}
