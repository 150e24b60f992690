import type { Answer, Line } from '../src/core/answer.ts';
import { isOperator, type CommandDefinition } from '../src/core/command.ts';
import { InputError } from '../src/core/errors.ts';
import { redactUrl } from '../src/core/redact.ts';
import type { TaskDescription } from '../src/pipeline/scheduler.ts';
import { adminAnswer, chatDestinationId, checkTiming, findDestination, scheduleOf, settingsChange, shortTime, stringOption } from './admin-shared.ts';

/** /schedule set|show — when a destination's digest goes out; every task with its next runs. */
export default {
  name: 'schedule',
  description: 'Digest schedules: set one, show every task (admins)',
  options: [],
  subcommands: [
    {
      name: 'set',
      description: "Set a destination's digest schedule (default: this chat's)",
      options: [
        { name: 'cron', description: 'Cron expression, e.g. "0 8 * * *" for 08:00 daily', type: 'string', required: true },
        { name: 'timezone', description: 'IANA timezone, e.g. America/Lima (default: unchanged)', type: 'string' },
        { name: 'destination', description: 'Destination id (default: this chat)', type: 'string' },
      ],
    },
    { name: 'show', description: 'Every scheduled task (digests, polls) with its next 3 runs', options: [] },
  ],
  permission: 'admin',
  async run(app, input): Promise<Answer> {
    if (input.subcommand === 'set') {
      const cron = String(input.options.cron).trim();
      const destination = findDestination(await app.settings.effective(), input.caller, input.options.destination);
      const timezone = stringOption(input.options.timezone);
      checkTiming(cron, timezone ?? destination.timezone);
      const updated = await settingsChange(() => app.settings.setSchedule(destination.id, cron, timezone));
      const task = (await scheduleOf(app)).find((candidate) => candidate.name === `digest:${updated.id}`);
      if (!task) throw new InputError(`The schedule of ${updated.id} was saved but no task was created; check /schedule show.`);
      return adminAnswer(
        'Schedule set',
        [[`Digest to ${updated.id}: "${updated.schedule}" in ${updated.timezone}.`], ...task.next.map((run): Line => [`• ${shortTime(run)}`])],
        { destination: updated.id, cron: updated.schedule, timezone: updated.timezone, next: task.next },
      );
    }
    // A chat admin who is not an operator sees this chat's digest only (not other chats, not the feeds).
    const own = `digest:${chatDestinationId(input.caller)}`;
    const tasks = (await scheduleOf(app)).filter((task) => isOperator(input.caller) || task.name === own);
    if (tasks.length === 0) return adminAnswer('Schedule', [['No scheduled tasks.']], { tasks });
    const lines = tasks.flatMap(taskLines);
    return adminAnswer(`Schedule (${tasks.length} tasks)`, lines, { tasks: tasks.map((task) => ({ ...task, target: redactUrl(task.target) })) });
  },
} satisfies CommandDefinition;

export function taskLines(task: TaskDescription): Line[] {
  return [
    [{ text: task.kind === 'digest' ? `digest to ${task.target}` : `poll of ${redactUrl(task.target)}`, bold: true }, ` — "${task.cron}" ${task.timezone}`],
    [`  next: ${task.next.map(shortTime).join(', ')}`],
  ];
}
