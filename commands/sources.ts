import type { Answer, Line } from '../src/answers/answer.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { describeSchedule } from '../src/pipeline/scheduler.ts';

/** /sources — every source Cronista reads, with its health; subscribed feeds also show their next poll. */
export default {
  name: 'sources',
  description: 'List the sources Cronista reads and their health',
  options: [],
  permission: 'everyone',
  async run(app): Promise<Answer> {
    const records = await app.store.listSources();
    const config = await app.settings.effective();
    // Subscribed feeds not fetched yet have no record: listed too, as not read yet.
    const known = new Set(records.map((record) => record.url));
    const pending = config.sources
      .filter((source) => !known.has(source.url))
      .map((source) => ({ id: source.url, kind: 'feed' as const, url: source.url, title: null, documents: 0, enabled: true, lastSuccess: null, lastError: null, lastErrorAt: null }));
    const sources = [...records, ...pending];
    const disabled = new Set(records.filter((source) => !source.enabled).map((source) => source.url));
    // Subscribed feeds get a poll task; disabled ones are not polled, so they have no next poll.
    const nextPoll = new Map(
      (await describeSchedule({ sources: config.sources, destinations: [] }, { logger: app.logger, isSourceEnabled: (source) => !disabled.has(source.url) }))
        .map((task) => [task.target, task.next[0] ?? null]),
    );
    const subscribed = new Set(config.sources.map((source) => source.url));
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
        subscribed: subscribed.has(source.url),
        next_poll: nextPoll.get(source.url) ?? null,
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
      const state = !source.enabled ? ', disabled' : '';
      const next = nextPoll.get(source.url);
      const poll = next ? `, next poll ${next.slice(0, 16).replace('T', ' ')}${next.slice(19)}` : '';
      return [{ text: name, url: source.url, bold: true }, ` — ${source.kind}, ${source.documents} documents, ${health}${state}${poll}`];
    });
    return { title: `Sources (${sources.length})`, sections: [{ lines }], json };
  },
} satisfies CommandDefinition;
