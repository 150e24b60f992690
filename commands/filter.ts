import type { Answer, Line } from '../src/core/answer.ts';
import { compileRule } from '../src/core/filters.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { InputError } from '../src/core/errors.ts';
import { adminAnswer, findDestination, settingsChange, stringOption } from './admin-shared.ts';

const ruleOptions = [
  { name: 'include', description: 'Keep only entries matching this word or /regex/', type: 'string' },
  { name: 'exclude', description: 'Leave out entries matching this word or /regex/', type: 'string' },
  { name: 'destination', description: 'Destination id (default: this chat)', type: 'string' },
] as const;

/** /filter add|remove|list — a destination's include/exclude rules (keywords or /regex/flags). */
export default {
  name: 'filter',
  description: "A destination's digest filters: keywords or /regex/ (admins)",
  options: [],
  subcommands: [
    { name: 'add', description: 'Add an include: or exclude: rule', options: ruleOptions },
    { name: 'remove', description: 'Remove an include: or exclude: rule', options: ruleOptions },
    { name: 'list', description: "A destination's rules", options: [ruleOptions[2]] },
  ],
  permission: 'admin',
  async run(app, input): Promise<Answer> {
    const destination = findDestination(await app.settings.effective(), input.caller, input.options.destination);
    const current = { include: [...(destination.filters?.include ?? [])], exclude: [...(destination.filters?.exclude ?? [])] };
    const given = (['include', 'exclude'] as const).flatMap((kind) => {
      const rule = stringOption(input.options[kind]);
      return rule ? [{ kind, rule }] : [];
    });
    if (input.subcommand === 'list') {
      const lines: Line[] = [
        [`include: ${current.include.join(' · ') || '(everything)'}`],
        [`exclude: ${current.exclude.join(' · ') || '(nothing)'}`],
      ];
      return adminAnswer(`Filters of ${destination.id}`, lines, { destination: destination.id, filters: current });
    }
    if (given.length === 0) throw new InputError(`/filter ${input.subcommand} needs include:<word or /regex/> or exclude:<word or /regex/>.`);
    for (const { rule } of given) if (input.subcommand === 'add') compileRule(rule); // refuses a regex that does not compile, in one line
    const done = given.map(({ kind, rule }) => `${kind} ${rule}`);
    // Applied to the stored filters atomically: two /filter add at once (or from two processes) both stay.
    const saved = await settingsChange(() =>
      app.settings.editFilters(destination.id, (stored) => {
        for (const { kind, rule } of given) {
          if (input.subcommand === 'add') {
            if (!stored[kind].includes(rule)) stored[kind].push(rule);
            continue;
          }
          const index = stored[kind].indexOf(rule);
          if (index === -1) throw new InputError(`${destination.id} has no ${kind} filter "${rule}" (${kind}: ${stored[kind].join(', ') || 'none'}).`);
          stored[kind].splice(index, 1);
        }
        return stored;
      }),
    );
    const verb = input.subcommand === 'add' ? 'Added' : 'Removed';
    return adminAnswer(
      `Filters of ${saved.id}`,
      [[`${verb} ${done.join(', ')}.`], [`include: ${saved.filters?.include.join(' · ') || '(everything)'}`], [`exclude: ${saved.filters?.exclude.join(' · ') || '(nothing)'}`]],
      { destination: saved.id, filters: saved.filters ?? { include: [], exclude: [] } },
    );
  },
} satisfies CommandDefinition;
