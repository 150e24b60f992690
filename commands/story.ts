import type { Answer, Line } from '../src/core/answer.ts';
import { chooseStory, STORY_OPTION } from '../src/answers/story-choice.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { InputError } from '../src/core/errors.ts';
import { addToStory, readStoryOverrides } from '../src/pipeline/story-overrides.ts';
import { adminAnswer, plural, requireOperator, stringOption } from './admin-shared.ts';


/** /story show|set — what a story matches on; add keywords, gazetteer places, official sources. */
export default {
  name: 'story',
  description: 'Show a story, or add keywords and places to it (admins)',
  options: [],
  subcommands: [
    { name: 'show', description: 'Keywords, start, regions and official sources', options: [STORY_OPTION] },
    {
      name: 'set',
      description: 'Add keywords, a place (place: + region:) or an official source',
      options: [
        { name: 'keywords', description: 'Keywords to add, comma-separated', type: 'string' },
        { name: 'place', description: 'A place to add to the gazetteer, e.g. Juliaca', type: 'string' },
        { name: 'region', description: 'The region the place is in, e.g. Puno', type: 'string' },
        { name: 'official', description: 'An official source to prefer, e.g. Defensoría del Pueblo', type: 'string' },
        STORY_OPTION,
      ],
    },
  ],
  permission: 'admin',
  async run(app, input): Promise<Answer> {
    if (input.subcommand === 'set') requireOperator(input.caller, 'change a story');
    const story = chooseStory(app, input.options.story);
    if (!story) throw new InputError('No stories are configured (config/stories/*.yaml).');
    if (input.subcommand === 'set') {
      const keywords = stringOption(input.options.keywords)?.split(',').map((k) => k.trim()).filter(Boolean);
      const official = stringOption(input.options.official);
      const { story: updated, added } = await addToStory(app, story.id, {
        keywords,
        place: stringOption(input.options.place),
        region: stringOption(input.options.region),
        officialSources: official ? [official] : undefined,
      });
      const parts = [
        added.keywords.length ? `keywords ${added.keywords.join(', ')}` : '',
        ...added.places.map((p) => `place ${p.place} (${p.region})`),
        added.officialSources.length ? `official source ${added.officialSources.join(', ')}` : '',
      ].filter(Boolean);
      const text = parts.length ? `Added to ${updated.id}: ${parts.join('; ')}. Applies to what is read from now on.` : `${updated.id} already had all of that; nothing changed.`;
      return adminAnswer(`Story ${updated.name}`, [[text]], { story: updated.id, added });
    }
    const overrides = (await readStoryOverrides(app.store)).stories[story.id];
    const places = story.regions.reduce((sum, region) => sum + region.places.length, 0);
    const lines: Line[] = [
      [{ text: `${story.name} (${story.id})`, bold: true }, ` — since ${story.start}`],
      [`Keywords: ${story.keywords.join(', ')}`],
      [`Regions: ${plural(story.regions.length, 'region')}, ${plural(places, 'place')} (${story.regions.map((r) => r.name).join(', ')})`],
      [`Official sources: ${story.officialSources.join(', ') || 'none'}`],
    ];
    if (overrides) {
      lines.push([`Added from chat: ${plural(overrides.keywords.length, 'keyword')}, ${plural(overrides.places.length, 'place')}, ${plural(overrides.officialSources.length, 'official source')}.`]);
    }
    return adminAnswer(`Story ${story.name}`, lines, {
      id: story.id,
      name: story.name,
      start: story.start,
      keywords: story.keywords,
      regions: story.regions.length,
      places,
      official_sources: story.officialSources,
      added_from_chat: overrides ?? null,
    });
  },
} satisfies CommandDefinition;
