import type { Answer } from '../answers/answer.ts';
import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import { renderPlain } from '../platforms/console/render.ts';
import type { Destination } from './digest.ts';

export type Send = (answer: Answer) => Promise<void>;

/** How an answer reaches a destination; resolves once the platform has accepted it. */
export async function senderFor(_app: AppContext, destination: Destination): Promise<Send> {
  switch (destination.kind) {
    case 'console':
      return async (answer) => {
        await new Promise<void>((resolve, reject) => process.stdout.write(`${renderPlain(answer)}\n`, (error) => (error ? reject(error) : resolve())));
      };
    default:
      throw new InputError(`Destination ${destination.id} (${destination.kind}) cannot be delivered to yet.`);
  }
}
