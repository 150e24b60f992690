import type { Answer, Line } from '../src/core/answer.ts';
import type { CommandDefinition, CommandInput } from '../src/core/command.ts';
import type { DestinationConfig } from '../src/core/config.ts';
import type { AppContext } from '../src/core/context.ts';
import type { DestinationInput } from '../src/core/config-overrides.ts';
import { InputError } from '../src/core/errors.ts';
import { isOperator } from '../src/core/command.ts';
import { clearOutbox, lastErrorKey, readLastError } from '../src/pipeline/outbox.ts';
import { adminAnswer, chatDestinationId, checkStory, checkTiming, findDestination, plural, requireOwnDestination, scheduleOf, settingsChange, shortTime, stringOption } from './admin-shared.ts';

/**
 * /destination add|remove|list — where digests go. `add` makes this chat a destination
 * (telegram:<chatId>, discord:<chatId>, console), or a Telegram @channel named from a private chat
 * with the bot.
 */
export default {
  name: 'destination',
  description: 'Digest destinations: add this chat (or a channel), remove, list (admins)',
  options: [],
  subcommands: [
    {
      name: 'add',
      description: 'Send digests to this chat (or to channel:@name, from a private chat with the bot)',
      options: [
        { name: 'channel', description: 'Telegram @channel to post to instead of this chat', type: 'string' },
        { name: 'story', description: 'Story id of the digests (default: the first)', type: 'string', autocomplete: true },
        { name: 'schedule', description: 'Cron of the digest, e.g. "0 8 * * *"', type: 'string' },
        { name: 'timezone', description: 'IANA timezone of the schedule, e.g. America/Lima', type: 'string' },
      ],
    },
    { name: 'remove', description: 'Stop sending digests to a destination', options: [{ name: 'id', description: 'Destination id (default: this chat)', type: 'string' }] },
    { name: 'list', description: 'Destinations with their schedules', options: [] },
  ],
  permission: 'admin',
  async run(app, input): Promise<Answer> {
    if (input.subcommand === 'add') return add(app, input);
    if (input.subcommand === 'remove') {
      const config = await app.settings.effective();
      const destination = findDestination(config, input.caller, input.options.id);
      await settingsChange(() => app.settings.removeDestination(destination.id));
      // A pending digest (and its failure) must not be resumed if the destination is added again later.
      await clearOutbox(app.store.kv, destination.id);
      await app.store.kv.delete(lastErrorKey(destination.id));
      return adminAnswer('Destination removed', [[`No more digests to ${destination.id}.`]], { removed: destination.id });
    }
    return list(app, input);
  },
} satisfies CommandDefinition;

function target(input: CommandInput): { id: string; fields: Partial<DestinationConfig> } {
  const { caller } = input;
  const channel = stringOption(input.options.channel);
  if (channel) {
    const name = channel.startsWith('@') ? channel : `@${channel}`;
    if (!/^@[A-Za-z]\w{3,}$/.test(name)) throw new InputError(`channel: "${channel}" is not a Telegram channel name like @my_channel.`);
    if (caller.platform === 'discord') throw new InputError('channel: is for Telegram channels; on Discord run /destination add in the channel itself.');
    if (caller.platform === 'telegram' && caller.chatId !== caller.userId) {
      throw new InputError('Give channel: from a private chat with the bot (the bot must be an admin of the channel).');
    }
    return { id: `telegram:${name}`, fields: { telegram_chat: name } };
  }
  switch (caller.platform) {
    case 'telegram':
      return { id: chatDestinationId(caller), fields: { telegram_chat: caller.chatId } };
    case 'discord':
      return { id: chatDestinationId(caller), fields: { discord_channel: caller.chatId } };
    default:
      return { id: 'console', fields: { console: true } };
  }
}

async function add(app: AppContext, input: CommandInput): Promise<Answer> {
  const { id, fields } = target(input);
  requireOwnDestination(input.caller, id);
  const story = checkStory(app, input.options.story);
  const schedule = stringOption(input.options.schedule);
  const timezone = stringOption(input.options.timezone);
  const known = (await app.settings.effective()).destinations.find((destination) => destination.id === id);
  if (schedule || timezone) checkTiming(schedule ?? known?.schedule ?? '0 8 * * *', timezone ?? known?.timezone ?? 'UTC');
  let existing: DestinationConfig | undefined;
  // Re-adding keeps what was set before (filters, schedule) unless the options say otherwise; applied to
  // the stored destination atomically, so a /filter add made meanwhile is kept.
  const saved = await settingsChange(() =>
    app.settings.editOrAddDestination(id, (current): DestinationInput => {
      existing = current;
      return {
        ...(current ? { schedule: current.schedule, timezone: current.timezone, nothing_new: current.nothing_new, ...(current.story ? { story: current.story } : {}), ...(current.filters ? { filters: current.filters } : {}) } : {}),
        id,
        ...fields,
        ...(story ? { story } : {}),
        ...(schedule ? { schedule } : {}),
        ...(timezone ? { timezone } : {}),
      };
    }),
  );
  const task = (await scheduleOf(app)).find((candidate) => candidate.name === `digest:${saved.id}`);
  return adminAnswer(
    existing ? 'Destination updated' : 'Destination added',
    [
      [`Digests go to ${saved.id}${saved.story ? ` (story ${saved.story})` : ''}: "${saved.schedule}" in ${saved.timezone}.`],
      [`Next: ${(task?.next ?? []).map(shortTime).join(', ') || '—'}`],
    ],
    { destination: saved, next: task?.next ?? [] },
  );
}

async function list(app: AppContext, input: CommandInput): Promise<Answer> {
  const config = await app.settings.effective();
  const tasks = new Map((await scheduleOf(app, config)).map((task) => [task.name, task]));
  // A chat admin who is not an operator sees this chat's destination only.
  const own = chatDestinationId(input.caller);
  const visible = isOperator(input.caller) ? config.destinations : config.destinations.filter((destination) => destination.id === own);
  const errors = new Map(await Promise.all(visible.map(async (destination) => [destination.id, (await readLastError(app.store.kv, destination.id)) ?? null] as const)));
  const destinations = visible.map((destination) => ({
    id: destination.id,
    kind: destination.console ? 'console' : destination.telegram_chat ? 'telegram_chat' : destination.discord_channel ? 'discord_channel' : 'discord_webhook',
    story: destination.story ?? null,
    schedule: destination.schedule,
    timezone: destination.timezone,
    filters: destination.filters ?? null,
    next: tasks.get(`digest:${destination.id}`)?.next ?? [],
    last_error: errors.get(destination.id) ?? null,
  }));
  const lines: Line[] = destinations.flatMap((destination): Line[] => {
    const filters = (destination.filters?.include.length ?? 0) + (destination.filters?.exclude.length ?? 0);
    return [
      [{ text: destination.id, bold: true }, ` — ${destination.kind}${destination.story ? `, story ${destination.story}` : ''}${filters ? `, ${plural(filters, 'filter')}` : ''}`],
      [`  "${destination.schedule}" ${destination.timezone}; next ${destination.next.slice(0, 3).map(shortTime).join(', ') || '—'}`],
      ...(destination.last_error
        ? [[`  last failure ${shortTime(destination.last_error.at)}: ${destination.last_error.reason}${destination.last_error.droppedMessages ? ` (${plural(destination.last_error.droppedMessages, 'message')} dropped)` : ''}`] satisfies Line]
        : []),
    ];
  });
  return adminAnswer(`Destinations (${destinations.length})`, lines, { destinations });
}
