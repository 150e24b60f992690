import type { Answer, Line } from '../src/core/answer.ts';
import { STORY_OPTION } from '../src/answers/story-choice.ts';
import { storyPageLink } from '../src/answers/story-link.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { plural } from '../src/core/text.ts';

const PAGE_SIZE = 12;
/** What /timeline answers with, loaded when it runs (`ask "/help"` lists commands and loads none of them). */
const answers = () => import('../src/answers/timeline.ts');

/** /timeline [from] [to] [query] [place] [page] — dated events merged across sources, oldest first, a page at a time (read from the store as a page). */
export default {
  name: 'timeline',
  description: 'Dated events of the story, merged across sources',
  options: [
    { name: 'from', description: 'First day (YYYY-MM-DD or YYYY-MM)', type: 'date' },
    { name: 'to', description: 'Last day (YYYY-MM-DD or YYYY-MM)', type: 'date' },
    { name: 'query', description: 'Words the event must mention', type: 'string' },
    { name: 'place', description: 'A place the event names (e.g. Juliaca)', type: 'string' },
    { name: 'page', description: 'Page of the answer in chat (1 = oldest)', type: 'integer' },
    STORY_OPTION,
  ],
  permission: 'everyone',
  mayBeSlow: true,
  preload: answers,
  async run(app, input): Promise<Answer> {
    const { timelinePage, timelinePageJson, timelineQuery } = await answers();
    const query = timelineQuery(app, input.options);
    const { story } = query;
    const selected = await timelinePage(app, query, { page: Number(input.options.page ?? 1), size: PAGE_SIZE });
    const { page, pages, total } = selected;
    const json = timelinePageJson(story, selected);
    // The web page shows the same selection, whole (a bare month is a valid page filter too).
    const link = storyPageLink(story?.id, { from: query.from, to: query.to, q: query.query, place: query.place }, 'Whole timeline on the web');
    if (total === 0) return { sections: [{ lines: [['No dated events match.']] }], json, ...(link ? { link } : {}) };

    const lines: Line[] = selected.events.map((event) => {
      const outlets = [...new Set(event.sources.map((source) => source.source))];
      const link = event.sources.find((source) => source.url)?.url;
      return [
        { text: event.precision === 'day' ? event.date : event.date.slice(0, 7), bold: true },
        '  ',
        link ? { text: event.text, url: link } : event.text,
        ` — ${outlets.slice(0, 3).join(', ')}${outlets.length > 3 ? ` +${outlets.length - 3}` : ''}`,
      ];
    });
    const asked = Object.fromEntries(Object.entries(input.options).filter(([name, value]) => name !== 'page' && value !== undefined)) as Record<string, string | number | boolean>;
    // The hint repeats the filters asked for: the next page of the same answer, not of the whole timeline.
    const next = page < pages ? ` Next: ${commandLine('timeline', { ...asked, page: page + 1 })}` : '';
    const footer: Line[] = pages > 1 ? [[`Page ${page} of ${pages} (${plural(total, 'event')}).${next}`]] : [];
    return {
      title: `Timeline${story ? ` — ${story.name}` : ''}`,
      sections: [{ lines: [...lines, ...footer] }],
      json,
      ...(pages > 1 ? { pager: { command: 'timeline', options: asked, page, pages } } : {}),
      ...(link ? { link } : {}),
    };
  },
} satisfies CommandDefinition;

/** `/name opt:value opt:"two words"`: a command line the console parser reads back as given. */
function commandLine(name: string, options: Record<string, string | number | boolean>): string {
  const parts = Object.entries(options).map(([option, value]) => {
    const text = String(value);
    return /[\s"]/.test(text) ? `${option}:"${text.replace(/"/g, "'")}"` : `${option}:${text}`;
  });
  return [`/${name}`, ...parts].join(' ');
}
