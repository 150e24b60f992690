import type { Answer, Line } from '../src/core/answer.ts';
import { basename } from 'node:path';
import { isOperator, type CommandDefinition } from '../src/core/command.ts';
import { queueStatusLines } from '../src/core/queue-status.ts';
import { HIDDEN, redactUrl, redactUrlsIn } from '../src/core/redact.ts';
import { describeSchedule } from '../src/pipeline/scheduler.ts';
import { plural } from '../src/core/text.ts';
import { platformLine, readServiceStatus, serviceAlive } from '../src/pipeline/service-status.ts';

/** /sources — every source Cronista reads, with its health; subscribed feeds also show their next poll. */
export default {
  name: 'sources',
  description: 'List the sources Cronista reads and their health',
  options: [],
  permission: 'everyone',
  async run(app, input): Promise<Answer> {
    // Admins see where a source is (a key in its query string stays hidden); everyone else a public name.
    const show = input.caller.isAdmin || isOperator(input.caller) ? redactUrl : publicUrl;
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
        id: show(source.id),
        kind: source.kind,
        url: show(source.url),
        title: source.title,
        documents: source.documents,
        enabled: source.enabled,
        last_success: source.lastSuccess,
        last_error: source.lastError === null ? null : show === publicUrl ? scrubText(source.lastError) : redactUrlsIn(source.lastError),
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
        ? `failing: ${show === publicUrl ? scrubText(source.lastError) : redactUrlsIn(source.lastError)}`
        : source.lastSuccess
          ? `ok ${source.lastSuccess.slice(0, 16).replace('T', ' ')}`
          : 'not read yet';
      const name = source.title ?? show(source.id);
      const state = !source.enabled ? ', disabled' : '';
      const next = nextPoll.get(source.url);
      const poll = next ? `, next poll ${next.slice(0, 16).replace('T', ' ')}${next.slice(19)}` : '';
      const url = show(source.url);
      return [{ text: name, ...(/^https?:/i.test(url) && !url.includes(HIDDEN) ? { url } : {}), bold: true }, ` — ${source.kind}, ${plural(source.documents, 'document')}, ${health}${state}${poll}`];
    });
    // Operators also see the chat platforms (one that cannot start says why and what to check) and, in distributed
    // mode, the job queues: depths, who holds the schedules, the workers seen, the latest failures.
    const operator = isOperator(input.caller);
    const service = operator ? await readServiceStatus(app.store) : null;
    const queues = operator && app.queueStatus ? await app.queueStatus() : null;
    // In distributed mode the service runs while a coordinator holds the schedules' lease (readable from any machine).
    const platforms = service && serviceAlive(service, queues && !queues.error ? queues.scheduleHolder : undefined) ? service.platforms : [];
    const sections = [
      { lines },
      ...(platforms.length > 0 ? [{ heading: 'Chat platforms', lines: platforms.map((platform): Line => [platformLine(platform)]) }] : []),
      ...(queues ? [{ heading: 'Job queues', lines: queueStatusLines(queues).map((line): Line => [line]) }] : []),
    ];
    return { title: `Sources (${sources.length})`, sections, json: { ...json, ...(platforms.length > 0 ? { platforms } : {}), ...(queues ? { queues } : {}) } };
  },
} satisfies CommandDefinition;

/** What everyone may see of a source address: a file's base name; a URL without credentials or query string. */
export function publicUrl(address: string): string {
  if (/^file:/i.test(address)) {
    try {
      return basename(new URL(address).pathname);
    } catch {
      return basename(address);
    }
  }
  if (!/^[a-z][\w+.-]*:\/\//i.test(address)) return basename(address);
  try {
    const url = new URL(address);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return address.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '');
  }
}

/** Error texts may quote the address: strip paths and credentials from them too. */
function scrubText(text: string): string {
  return text
    .replace(/file:\/\/\S+/gi, (match) => publicUrl(match))
    .replace(/https?:\/\/\S+/gi, (match) => publicUrl(match))
    .replace(/(^|\s)\/(?:[\w.-]+\/)+([\w.-]+)/g, '$1$2');
}
