import type { Answer, Line } from '../src/answers/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';

/** /sources — every source Cronista reads, with its health. */
export default {
  name: 'sources',
  description: 'List the sources Cronista reads and their health',
  options: [],
  permission: 'everyone',
  async run(app): Promise<Answer> {
    const sources = await app.store.listSources();
    const json = {
      sources: sources.map((source) => ({
        id: source.id,
        kind: source.kind,
        url: source.url,
        title: source.title,
        documents: source.documents,
        enabled: source.enabled,
        last_success: source.lastSuccess,
        last_error: source.lastError,
        last_error_at: source.lastErrorAt,
      })),
    };
    if (sources.length === 0) {
      return { sections: [{ lines: [['No sources yet. An admin can add one with /feeds add <url>, or run `cronista ingest <path|url>`.']] }], json };
    }
    const lines: Line[] = sources.map((source) => {
      const health = source.lastError && (!source.lastSuccess || (source.lastErrorAt ?? '') > source.lastSuccess)
        ? `failing: ${source.lastError}`
        : source.lastSuccess
          ? `ok ${source.lastSuccess.slice(0, 16).replace('T', ' ')}`
          : 'not read yet';
      const name = source.title ?? source.id;
      return [{ text: name, url: source.url, bold: true }, ` — ${source.kind}, ${source.documents} documents, ${health}`];
    });
    return { title: `Sources (${sources.length})`, sections: [{ lines }], json };
  },
} satisfies CommandDefinition;
