import type { CommandDefinition } from '../src/core/command.ts';
import config from './config.ts';
import deaths from './deaths.ts';
import destination from './destination.ts';
import digest from './digest.ts';
import feeds from './feeds.ts';
import filter from './filter.ts';
import help from './help.ts';
import schedule from './schedule.ts';
import search from './search.ts';
import sources from './sources.ts';
import story from './story.ts';
import timeline from './timeline.ts';

/** Every slash command, in the order /help lists them. One static list: what the type checker sees is what runs. */
export const commands: readonly CommandDefinition[] = [
  deaths,
  timeline,
  search,
  digest,
  sources,
  help,
  // Admins only:
  feeds,
  schedule,
  destination,
  filter,
  story,
  config,
];
