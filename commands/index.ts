import type { CommandDefinition } from '../src/core/command.ts';
import deaths from './deaths.ts';
import digest from './digest.ts';
import help from './help.ts';
import search from './search.ts';
import sources from './sources.ts';
import timeline from './timeline.ts';

/** Every slash command, in the order /help lists them. One static list: what the type checker sees is what runs. */
export const commands: readonly CommandDefinition[] = [deaths, timeline, search, digest, sources, help];
