import type { Answer } from '../src/core/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { InputError } from '../src/core/errors.ts';
import { CONSOLE_DESTINATION, destinationById, type Destination } from '../src/pipeline/destination.ts';
import { chatDestinationId } from './admin-shared.ts';

/** The digest builder, loaded when /digest runs (`ask "/help"` lists commands and loads none of it). */
const builder = () => Promise.all([import('../src/answers/digest/answer.ts'), import('../src/pipeline/digest.ts')]);

/** /digest — what this chat's next digest would say (a dry run: nothing is posted, no cursor moves). */
export default {
  name: 'digest',
  description: 'Preview what the next digest would say',
  options: [{ name: 'destination', description: 'Destination id (default: this chat)', type: 'string' }],
  permission: 'everyone',
  mayBeSlow: true,
  cooldownSeconds: 10,
  preload: builder,
  async run(app, input): Promise<Answer> {
    const [{ digestJson }, { previewDigest }] = await builder();
    const own = chatDestinationId(input.caller);
    const id = typeof input.options.destination === 'string' && input.options.destination ? input.options.destination : own;
    let destination: Destination;
    let fresh = false;
    try {
      destination = await destinationById(app, id);
    } catch (error) {
      // Only this chat may be previewed as a new destination would see it; an unknown id is refused
      // (a fresh cursor would replay the whole history every time).
      if (id !== own || !(error instanceof InputError)) throw error;
      destination = { ...CONSOLE_DESTINATION, id };
      fresh = true;
    }
    const { answer, digest } = await previewDigest(app, { ...destination, nothingNew: true });
    const note = fresh ? `This chat is not a digest destination yet; this is what a new destination would get first.` : null;
    if (!answer) {
      return { sections: [{ lines: [[note ? `${note} Nothing to send.` : 'Nothing new since the last digest.']] }], json: { ...(digestJson(digest) as object), ...(fresh ? { new_destination: true } : {}) } };
    }
    return fresh ? { ...answer, sections: [{ lines: [[note!]] }, ...answer.sections], json: { ...(answer.json as object), new_destination: true } } : answer;
  },
} satisfies CommandDefinition;
