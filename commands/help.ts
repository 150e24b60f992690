import type { Answer, Line } from '../src/answers/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';

/** /help — the commands this caller may use, with their options. */
export default {
  name: 'help',
  description: 'Show the commands and how to use them',
  options: [{ name: 'command', description: 'A command to explain', type: 'string' }],
  permission: 'everyone',
  async run(_app, input): Promise<Answer> {
    // Loaded here, not at the top: the index lists this command too.
    const { commands } = await import('./index.ts');
    const visible = commands.filter((command) => command.permission === 'everyone' || input.caller.isAdmin);
    const wanted = typeof input.options.command === 'string' ? input.options.command.replace(/^\//, '') : undefined;
    const shown = wanted ? visible.filter((command) => command.name === wanted) : visible;
    const lines: Line[] = shown.map((command) => {
      const options = command.options.map((option) => (option.required ? ` ${option.name}:…` : ` [${option.name}:…]`)).join('');
      const subs = command.subcommands?.length ? ` ${command.subcommands.map((sub) => sub.name).join('|')}` : '';
      return [{ text: `/${command.name}${subs}${options}`, code: true }, ` — ${command.description}`];
    });
    if (lines.length === 0) lines.push([`No command named /${wanted}.`]);
    return {
      title: 'Cronista commands',
      sections: [{ lines }],
      json: { commands: shown.map(({ name, description, options, subcommands, permission }) => ({ name, description, options, subcommands, permission })) },
    };
  },
} satisfies CommandDefinition;
