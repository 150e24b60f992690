import type { Answer, Line } from '../src/core/answer.ts';
import type { CommandDefinition, CommandInput } from '../src/core/command.ts';
import type { AppContext } from '../src/core/context.ts';
import { InputError } from '../src/core/errors.ts';
import { excerpt } from '../src/core/text.ts';
import { HIDDEN, redactUrl, redactUrlsIn } from '../src/core/redact.ts';
import type { FeedRead } from '../src/core/source-access.ts';
import { adminAnswer, changeOrigin, checkStory, requireOperator, checkTiming, plural, scheduleOf, settingsChange, shortTime, stringOption } from './admin-shared.ts';

const urlOption = { name: 'url', description: 'Feed address (http or https)', type: 'string', required: true } as const;
const PREVIEW_ITEMS = 5;

/**
 * /feeds add|remove|list|test — subscribe feeds for polling, unsubscribe, list them with their health,
 * or preview one without storing anything. URLs given in chat pass the SSRF guard (src/sources/ssrf.ts);
 * the console operator is trusted. Feed URLs are shown redacted (a key in the query string stays hidden);
 * the redacted form, as shown, can be given back to name the subscribed feed.
 */
export default {
  name: 'feeds',
  description: 'Manage the feeds Cronista polls (admins)',
  options: [],
  subcommands: [
    {
      name: 'add',
      description: 'Subscribe a feed (polled every 10 minutes unless poll: says otherwise)',
      options: [
        urlOption,
        { name: 'story', description: 'Story id the feed belongs to', type: 'string', autocomplete: true },
        { name: 'poll', description: 'Poll schedule as cron, e.g. "*/30 * * * *"', type: 'string' },
        { name: 'timezone', description: 'Timezone of the poll schedule (IANA, default UTC)', type: 'string' },
      ],
    },
    { name: 'remove', description: 'Unsubscribe a feed (what it brought stays)', options: [urlOption] },
    { name: 'list', description: 'Subscribed feeds with health and next poll', options: [] },
    { name: 'test', description: 'Fetch a feed once and preview it, storing nothing', options: [urlOption] },
  ],
  permission: 'admin',
  mayBeSlow: true,
  async run(app, input): Promise<Answer> {
    switch (input.subcommand) {
      case 'add':
        return add(app, input);
      case 'remove':
        return remove(app, input);
      case 'test':
        return test(app, input);
      default:
        return list(app);
    }
  },
} satisfies CommandDefinition;

/** The URL given; a redacted one as /feeds list shows it stands for the subscribed feed it shows. */
async function feedUrl(app: AppContext, input: CommandInput): Promise<string> {
  const raw = String(input.options.url ?? '').trim();
  const meant = (await app.settings.effective()).sources.filter((source) => source.url !== raw && redactUrl(source.url) === raw);
  if (meant.length > 1) throw new InputError(`${raw} stands for ${meant.length} subscribed feeds; give the full URL.`);
  if (meant.length === 1) return meant[0]!.url;
  // A Telegram channel (`@name`, `t.me/name`) is a source too: its posts reach the bot, nothing is fetched.
  const channel = app.sources.telegramChannelUrl(raw);
  if (channel) return channel;
  const url = raw;
  if (!/^https?:\/\//i.test(url)) throw new InputError(`"${excerpt(redactUrl(url))}" is not a feed address: give a full http(s) URL such as https://example.org/rss.`);
  try {
    new URL(url);
  } catch {
    throw new InputError(`"${excerpt(redactUrl(url))}" is not a valid URL.`);
  }
  return url;
}

async function add(app: AppContext, input: CommandInput): Promise<Answer> {
  const url = await feedUrl(app, input);
  const story = checkStory(app, input.options.story);
  const poll = stringOption(input.options.poll);
  const timezone = stringOption(input.options.timezone);
  if (poll || timezone) checkTiming(poll ?? '*/10 * * * *', timezone ?? 'UTC', 'poll');
  if (!app.sources.isTelegramChannelUrl(url)) await app.sources.checkUrl(input.caller, url); // refused up front → nothing changed
  const subscribed = (await app.settings.effective()).sources.some((candidate) => candidate.url === url);
  const record = await app.store.getSource(url);
  // A new (or disabled) feed is read once first: an address that does not answer is not subscribed.
  if (!app.sources.isTelegramChannelUrl(url) && (!subscribed || (record !== null && !record.enabled))) await readFeed(app, input, url, 'nothing was subscribed');
  // Adding a subscribed feed again keeps its story and poll schedule unless the options change them
  // (an edit of the stored source, atomic: a change made meanwhile by someone else is kept).
  const source = (await settingsChange(() =>
    app.settings.editSource(
      url,
      (current) => ({
        ...(current ? { poll: current.poll, timezone: current.timezone, ...(current.story ? { story: current.story } : {}) } : {}),
        url,
        ...(story ? { story } : {}),
        ...(poll ? { poll } : {}),
        ...(timezone ? { timezone } : {}),
      }),
      { origin: changeOrigin(input.caller) },
    ),
  ))!;
  // Adding again re-enables a feed the poller stopped after repeated failures.
  const known = await app.store.getSource(url);
  const reenabled = known !== null && !known.enabled;
  if (reenabled) await app.store.setSourceEnabled(known.id, true);
  const task = (await scheduleOf(app)).find((candidate) => candidate.kind === 'poll' && candidate.target === url);
  const lines: Line[] = [
    [`Subscribed ${redactUrl(url)}${reenabled ? ' (re-enabled)' : ''}.`],
    ...(app.sources.isTelegramChannelUrl(url)
      ? [['Its posts are read as they arrive, once the bot is a member (admin) of the channel.']]
      : [
          [`Polled "${source.poll}" (${source.timezone})${source.story ? `, story ${source.story}` : ''}; next poll ${shortTime(task?.next[0])}.`],
          ['The first fetch stores what is there silently; later items reach the digests.'],
        ]),
  ];
  return adminAnswer('Feed added', lines, { added: { ...source, url: redactUrl(source.url) }, reenabled, next: task?.next ?? [] });
}

async function remove(app: AppContext, input: CommandInput): Promise<Answer> {
  requireOperator(input.caller, 'remove feeds');
  const url = await feedUrl(app, input);
  await settingsChange(() => app.settings.removeSource(url));
  return adminAnswer('Feed removed', [[`Unsubscribed ${redactUrl(url)}; it is no longer polled (what it brought stays searchable).`]], { removed: redactUrl(url) });
}

async function list(app: AppContext): Promise<Answer> {
  const config = await app.settings.effective();
  const records = new Map((await app.store.listSources()).map((record) => [record.url, record]));
  const tasks = new Map((await scheduleOf(app, config)).map((task) => [task.target, task]));
  const feeds = config.sources.map((source) => {
    const record = records.get(source.url);
    const task = tasks.get(source.url);
    return {
      url: redactUrl(source.url),
      title: record?.title ?? null,
      story: source.story ?? null,
      poll: source.poll,
      timezone: source.timezone,
      enabled: record ? record.enabled : true,
      documents: record?.documents ?? 0,
      last_success: record?.lastSuccess ?? null,
      last_error: record?.lastError ? redactUrlsIn(record.lastError) : null,
      last_error_at: record?.lastErrorAt ?? null,
      failures: record?.failures ?? 0,
      next_poll: record && !record.enabled ? null : (task?.next[0] ?? null),
    };
  });
  if (feeds.length === 0) return adminAnswer('Feeds', [['No feeds subscribed. Add one with /feeds add <url>.']], { feeds });
  const lines: Line[] = feeds.flatMap((feed): Line[] => {
    const health = !feed.enabled
      ? `disabled: ${feed.last_error ?? 'stopped'} (re-enable with /feeds add ${feed.url})`
      : feed.last_error && (!feed.last_success || (feed.last_error_at ?? '') > feed.last_success)
        ? `failing (${feed.failures}×): ${feed.last_error}`
        : feed.last_success
          ? `ok, last read ${shortTime(feed.last_success)}`
          : 'not read yet';
    return [
      [{ text: feed.title ?? feed.url, ...(feed.url.includes(HIDDEN) ? {} : { url: feed.url }), bold: true }, feed.story ? ` — story ${feed.story}` : ''],
      [`  ${health}; ${plural(feed.documents, 'document')}; poll "${feed.poll}" ${feed.timezone}; next ${feed.enabled ? shortTime(feed.next_poll) : '—'}`],
    ];
  });
  return adminAnswer(`Feeds (${feeds.length})`, lines, { feeds });
}

/**
 * Fetches and parses a feed once for `caller` (through the address guard from chat; the console is
 * trusted); a feed that does not answer, or is not a feed, is an InputError ending with `outcome`.
 */
async function readFeed(app: AppContext, input: CommandInput, url: string, outcome: string): Promise<FeedRead> {
  const { polling } = await app.settings.effective();
  return app.sources.readFeed(input.caller, url, { timeoutMs: polling.timeout_seconds * 1000, maxBytes: polling.max_bytes }, outcome);
}

/** Fetch and parse once; the store is not touched (no source record, no documents). */
async function test(app: AppContext, input: CommandInput): Promise<Answer> {
  const url = await feedUrl(app, input);
  const shown = redactUrl(url);
  const feed = await readFeed(app, input, url, 'nothing was stored');
  const dates = feed.items.map((item) => item.published).filter((date): date is string => date !== null).sort();
  const items = feed.items.slice(0, PREVIEW_ITEMS).map((item) => ({ title: item.title, published: item.published, url: item.url }));
  const lines: Line[] = [
    [{ text: feed.title ?? shown, bold: true }, ` — ${plural(feed.items.length, 'item')}${dates.length ? `, ${dates[0]!.slice(0, 10)} to ${dates.at(-1)!.slice(0, 10)}` : ''}`],
    ...items.map((item): Line => [`• ${item.published ? item.published.slice(0, 10) : 'no date'} `, item.url ? { text: item.title ?? '(untitled)', url: item.url } : (item.title ?? '(untitled)')]),
    [`Nothing was stored. Subscribe with /feeds add ${shown === url ? url : '<the URL you gave>'}`],
  ];
  return adminAnswer('Feed preview', lines, { url: shown, final_url: redactUrl(feed.finalUrl), title: feed.title, items: feed.items.length, first: items, stored: false });
}
