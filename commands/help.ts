import type { Answer, Line } from '../src/core/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';

/** /help — the commands this caller may use, with their options. */
export default {
  name: 'help',
  description: 'Show the commands and how to use them',
  options: [{ name: 'command', description: 'A command to explain', type: 'string' }],
  permission: 'everyone',
  async run(_app, input, dispatcher): Promise<Answer> {
    // The dispatcher's own list (commands/index.ts through the composition root): no import of the index here.
    const commands = dispatcher?.commands ?? [];
    const visible = commands.filter((command) => command.permission === 'everyone' || input.caller.isAdmin);
    const wanted = typeof input.options.command === 'string' ? input.options.command.replace(/^\//, '') : undefined;
    const shown = wanted ? visible.filter((command) => command.name === wanted) : visible;
    const optionsText = (options: CommandDefinition['options']) =>
      options.map((option) => (option.required ? ` ${option.name}:…` : ` [${option.name}:…]`)).join('');
    // A command with subcommands gets one line per subcommand, with that subcommand's options.
    const lines: Line[] = shown.flatMap((command): Line[] => {
      const head: Line = [{ text: `/${command.name}${optionsText(command.options)}`, code: true }, ` — ${command.description}`];
      if (!command.subcommands?.length) return [head];
      return [
        head,
        ...command.subcommands.map((sub): Line => ['   ', { text: `/${command.name} ${sub.name}${optionsText(sub.options)}`, code: true }, ` — ${sub.description}`]),
      ];
    });
    if (lines.length === 0) lines.push([`No command named /${wanted}.`]);
    return {
      title: 'Cronista commands',
      sections: [{ lines }],
      json: { commands: shown.map(({ name, description, options, subcommands, permission }) => ({ name, description, options, subcommands, permission })) },
    };
  },
} satisfies CommandDefinition;
