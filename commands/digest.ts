import type { Answer } from '../src/answers/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { CONSOLE_DESTINATION, destinationById, previewDigest } from '../src/pipeline/digest.ts';

/** /digest — what this chat's next digest would say (a dry run: nothing is posted, no cursor moves). */
export default {
  name: 'digest',
  description: 'Preview what the next digest would say',
  options: [{ name: 'destination', description: 'Destination id (default: this chat)', type: 'string' }],
  permission: 'everyone',
  cooldownSeconds: 10,
  async run(app, input): Promise<Answer> {
    const id = typeof input.options.destination === 'string' ? input.options.destination : input.caller.platform === 'console' ? CONSOLE_DESTINATION.id : `${input.caller.platform}:${input.caller.chatId}`;
    const destination = await destinationById(app, id).catch(() => ({ ...CONSOLE_DESTINATION, id }));
    const { answer, digest } = await previewDigest(app, { ...destination, nothingNew: true });
    return answer ?? { sections: [{ lines: [['Nothing new since the last digest.']] }], json: digest };
  },
} satisfies CommandDefinition;
