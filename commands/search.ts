import type { Answer, Line } from '../src/core/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';

const LIMIT = 10;

/** /search <query> — documents that mention the words, best match first, with a passage and links. */
export default {
  name: 'search',
  description: 'Search everything Cronista has read',
  options: [{ name: 'query', description: 'Words to look for', type: 'string', required: true }],
  permission: 'everyone',
  mayBeSlow: true,
  cooldownSeconds: 2,
  async run(app, input): Promise<Answer> {
    const query = String(input.options.query);
    const hits = await app.store.searchDocuments(query, LIMIT);
    const json = {
      query,
      results: hits.map((hit) => ({
        title: hit.title,
        published: hit.published,
        snippet: hit.snippet,
        sources: hit.sources,
      })),
    };
    if (hits.length === 0) return { sections: [{ lines: [[`Nothing found for "${query}".`]] }], json };
    const lines: Line[] = hits.flatMap((hit): Line[] => {
      const first = hit.sources[0];
      const date = hit.published ? `${hit.published.slice(0, 10)} · ` : '';
      const outlets = [...new Set(hit.sources.map((source) => source.source))].join(', ');
      return [
        [first?.url ? { text: hit.title ?? '(untitled)', url: first.url, bold: true } : { text: hit.title ?? '(untitled)', bold: true }],
        [`${date}${outlets}`],
        [hit.snippet.replace(/\s+/g, ' ')],
      ];
    });
    return { title: `Search: ${query} (${hits.length} results)`, sections: [{ lines }], json };
  },
} satisfies CommandDefinition;
