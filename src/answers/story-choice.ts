import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import type { Story } from '../facts/types.ts';

/** The `story:` option every story-scoped command takes. */
export const STORY_OPTION = { name: 'story', description: 'Story id (default: the first configured)', type: 'string', autocomplete: true } as const;

/** The story a command is about: the one named, else the first configured, else none (all facts). */
export function chooseStory(app: AppContext, id?: unknown): Story | null {
  if (typeof id === 'string' && id) {
    const story = app.stories.find((candidate) => candidate.id === id);
    if (!story) throw new InputError(`Unknown story "${id}". Stories: ${app.stories.map((s) => s.id).join(', ') || 'none configured'}.`);
    return story;
  }
  return app.stories[0] ?? null;
}
