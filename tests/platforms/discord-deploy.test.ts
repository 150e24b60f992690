/**
 * Slash command registration: the JSON built from the command definitions, and `cronista discord deploy`
 * PUTting it to the REST stand-in (guild commands with DISCORD_GUILD_ID, global without).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import { commands } from '../../commands/index.ts';
import type { Answer } from '../../src/core/answer.ts';
import type { CommandDefinition } from '../../src/core/command.ts';
import { discordCommandsJson } from '../../src/platforms/discord/commands-json.ts';
import { deployCommands, deployReport } from '../../src/platforms/discord/deploy.ts';
import { startGatewayStandIn, type GatewayStandIn } from '../fixtures/discord-gateway-stand-in.ts';

const BIN = fileURLToPath(new URL('../../bin/cronista.js', import.meta.url));
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const noop = async (): Promise<Answer> => ({ sections: [], json: null });

const sample: CommandDefinition[] = [
  {
    name: 'sample',
    description: 'x'.repeat(150),
    options: [
      { name: 'since', description: 'From this day', type: 'date' },
      { name: 'count', description: 'How many', type: 'integer', required: true },
      { name: 'ratio', description: 'A ratio', type: 'number' },
      { name: 'all', description: 'Everything', type: 'boolean' },
      { name: 'region', description: 'A region', type: 'string', autocomplete: true },
      { name: 'format', description: 'Format', type: 'string', choices: ['yaml', 'opml'] },
    ],
    permission: 'everyone',
    run: noop,
  },
  {
    name: 'subs',
    description: 'Admin with subcommands',
    options: [],
    subcommands: [
      { name: 'add', description: 'Add one', options: [{ name: 'story', description: 'Story', type: 'string', autocomplete: true }, { name: 'url', description: 'URL', type: 'string', required: true }] },
      { name: 'list', description: 'List them', options: [] },
    ],
    permission: 'admin',
    run: noop,
  },
];

let standIn: GatewayStandIn;
before(async () => {
  standIn = await startGatewayStandIn();
});
after(async () => {
  await standIn?.close();
});

test('discord commands JSON: types, required first, choices, autocomplete, dates, subcommands, admin permissions', () => {
  const [plain, admin] = discordCommandsJson(sample);
  assert.equal(plain!.description.length, 100);
  const options = plain!.options as any[];
  assert.deepEqual(options.map((o) => o.name), ['count', 'since', 'ratio', 'all', 'region', 'format'], 'required options first');
  const byName = Object.fromEntries(options.map((o) => [o.name, o]));
  assert.equal(byName.count.type, ApplicationCommandOptionType.Integer);
  assert.equal(byName.count.required, true);
  assert.equal(byName.since.type, ApplicationCommandOptionType.String);
  assert.match(byName.since.description, /YYYY-MM-DD/);
  assert.equal(byName.ratio.type, ApplicationCommandOptionType.Number);
  assert.equal(byName.all.type, ApplicationCommandOptionType.Boolean);
  assert.equal(byName.region.autocomplete, true);
  assert.deepEqual(byName.format.choices, [{ name: 'yaml', value: 'yaml' }, { name: 'opml', value: 'opml' }]);
  assert.equal(byName.format.autocomplete, undefined);
  assert.equal(plain!.default_member_permissions, undefined);

  assert.equal(admin!.default_member_permissions, '32');
  assert.equal(admin!.dm_permission, false);
  assert.deepEqual(admin!.contexts, [InteractionContextType.Guild]);
  const subs = admin!.options as any[];
  assert.deepEqual(subs.map((s) => [s.name, s.type]), [['add', ApplicationCommandOptionType.Subcommand], ['list', ApplicationCommandOptionType.Subcommand]]);
  assert.deepEqual(subs[0].options.map((o: any) => [o.name, o.required]), [['url', true], ['story', false]]);
  assert.equal(subs[0].options[1].autocomplete, true);

  assert.throws(() => discordCommandsJson([{ ...sample[1]!, name: 'Bad Name' }]), /not a valid Discord/);
  assert.throws(() => discordCommandsJson([sample[0]!, sample[0]!]), /defined twice/);
});

test('discord commands JSON: the real commands are all valid registrations', () => {
  const body = discordCommandsJson(commands);
  assert.equal(body.length, commands.length);
  const walk = (options: any[] | undefined, where: string) => {
    assert.ok((options?.length ?? 0) <= 25, where);
    let optional = false;
    for (const option of options ?? []) {
      assert.match(option.name, NAME, where);
      assert.ok(option.description.length >= 1 && option.description.length <= 100, `${where} ${option.name}`);
      if (option.type === ApplicationCommandOptionType.Subcommand) walk(option.options, `${where} ${option.name}`);
      else {
        if (option.required) assert.ok(!optional, `${where}: required ${option.name} after an optional option`);
        else optional = true;
        assert.ok(!(option.autocomplete && option.choices), `${where} ${option.name}: choices and autocomplete`);
      }
    }
  };
  for (const [index, json] of body.entries()) {
    const definition = commands[index]!;
    assert.match(json.name, NAME);
    assert.ok(json.description.length <= 100);
    walk(json.options as any[], `/${json.name}`);
    if (definition.permission === 'admin') {
      assert.equal(json.default_member_permissions, '32', `/${json.name}`);
      assert.equal(json.dm_permission, false);
    } else assert.equal(json.default_member_permissions, undefined);
    if (definition.subcommands?.length) assert.ok((json.options as any[]).every((o) => o.type === ApplicationCommandOptionType.Subcommand));
    for (const option of definition.subcommands?.flatMap((s) => s.options) ?? definition.options) {
      if (option.autocomplete && !option.choices) {
        const all = JSON.stringify(json.options);
        assert.ok(all.includes(`"name":"${option.name}"`) && all.includes('"autocomplete":true'), `/${json.name} ${option.name}`);
      }
    }
  }
});

test('discord deploy: guild commands when DISCORD_GUILD_ID is set, global otherwise', async () => {
  const env = { DISCORD_TOKEN: 'deploy-token', DISCORD_API_BASE: standIn.api, DISCORD_APPLICATION_ID: standIn.applicationId, DISCORD_GUILD_ID: standIn.guildId };
  const guild = await deployCommands(commands, env);
  assert.equal(guild.scope, 'guild');
  const put = standIn.calls.filter((call) => call.method === 'PUT').at(-1)!;
  assert.equal(put.path, `/api/v10/applications/${standIn.applicationId}/guilds/${standIn.guildId}/commands`);
  assert.equal(put.headers.authorization, 'Bot deploy-token');
  assert.deepEqual(put.body, JSON.parse(JSON.stringify(discordCommandsJson(commands))));
  assert.ok(guild.commands.every((command) => command.id));
  assert.match(deployReport(guild), new RegExp(`Deployed ${commands.length} commands .* guild ${standIn.guildId}`));
  assert.ok(!deployReport(guild).includes('deploy-token'));

  // Global, and the application id asked from Discord.
  const global = await deployCommands(commands, { DISCORD_TOKEN: 'deploy-token', DISCORD_API_BASE: standIn.api });
  assert.equal(global.scope, 'global');
  assert.equal(global.applicationId, standIn.applicationId);
  assert.equal(standIn.calls.filter((call) => call.method === 'PUT').at(-1)!.path, `/api/v10/applications/${standIn.applicationId}/commands`);

  await assert.rejects(deployCommands(commands, {}), /DISCORD_TOKEN is not set/);
});

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CRONISTA_LOG_LEVEL: 'silent', CRONISTA_DATA: mkdtempSync(join(tmpdir(), 'cronista-deploy-')), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('cronista discord deploy PUTs the guild commands to DISCORD_API_BASE and prints them', { timeout: 60_000 }, async () => {
  const before = standIn.calls.length;
  const { code, stdout, stderr } = await runCli(['discord', 'deploy'], {
    DISCORD_TOKEN: 'cli-token',
    DISCORD_API_BASE: standIn.api,
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
  });
  assert.equal(code, 0, stderr);
  const puts = standIn.calls.slice(before).filter((call) => call.method === 'PUT');
  assert.equal(puts.length, 1);
  assert.equal(puts[0]!.path, `/api/v10/applications/${standIn.applicationId}/guilds/${standIn.guildId}/commands`);
  assert.equal(puts[0]!.body.length, commands.length);
  for (const command of commands) assert.match(stdout, new RegExp(`/${command.name}\\b`));
  assert.ok(!stdout.includes('cli-token') && !stderr.includes('cli-token'), 'token printed');

  const missing = await runCli(['discord', 'deploy'], { DISCORD_TOKEN: '', DISCORD_API_BASE: standIn.api });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /DISCORD_TOKEN is not set/);
});
