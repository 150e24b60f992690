import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { yaml } from '../src/core/yaml.ts';
import type { Answer, Line } from '../src/core/answer.ts';
import type { CommandDefinition, CommandInput } from '../src/core/command.ts';
import { sourceSchema, type CronistaConfig, type SourceConfig } from '../src/core/config.ts';
import type { AppContext } from '../src/core/context.ts';
import { InputError, errorMessage } from '../src/core/errors.ts';
import { HIDDEN, redactUrl } from '../src/core/redact.ts';
import { adminAnswer, changeOrigin, oneLine, plural, requireOperator, settingsChange, stringOption } from './admin-shared.ts';

/** The OPML reader and writer (htmlparser2), loaded when a command uses OPML. */
const opml = () => import('../src/answers/opml.ts');

/** Webhook URLs hold a secret token: chat exports show this instead, and chat imports put the stored one back. */
const REDACTED = 'REDACTED';
const IMPORT_MAX_BYTES = 1024 * 1024;

/**
 * /config export|import — the effective configuration as YAML (or the feeds as OPML), and back.
 * From chat, imported feed and webhook URLs pass the SSRF guard, and so does `url:`; webhook tokens and the
 * query values of feed URLs are redacted in chat exports (`cronista config export` on the server prints
 * them), and an import puts the stored ones back.
 */
export default {
  name: 'config',
  description: 'Export or import the configuration (YAML, or OPML for feeds) (admins)',
  options: [],
  subcommands: [
    { name: 'export', description: 'The effective configuration as YAML, or the feeds as OPML', options: [{ name: 'format', description: 'yaml (default) or opml', type: 'string', choices: ['yaml', 'opml'] }] },
    {
      name: 'import',
      description: 'Replace the configuration with YAML, or add the feeds of an OPML list',
      options: [
        { name: 'yaml', description: 'The YAML (or OPML) text', type: 'string' },
        { name: 'url', description: 'Where to fetch the YAML or OPML from (http or https)', type: 'string' },
      ],
    },
  ],
  permission: 'admin',
  mayBeSlow: true,
  async run(app, input): Promise<Answer> {
    return input.subcommand === 'import' ? importConfig(app, input) : exportConfig(app, input);
  },
} satisfies CommandDefinition;

/** The webhook URL with its token (the segment after /webhooks/<id>/) replaced; the query string goes too. */
export function redactWebhook(hook: string): string {
  let url: URL;
  try {
    url = new URL(hook);
  } catch {
    return REDACTED;
  }
  const parts = url.pathname.split('/');
  const at = parts.indexOf('webhooks');
  if (at === -1 || parts.length <= at + 2) return REDACTED;
  parts[at + 2] = REDACTED;
  return `${url.origin}${parts.slice(0, at + 3).join('/')}`;
}

/** A feed URL as a chat export shows it, back to the subscribed one (null when none matches). */
function storedFeedUrl(url: string, sources: readonly SourceConfig[]): string | null {
  if (!url.includes(HIDDEN)) return url;
  return sources.find((source) => redactUrl(source.url) === url)?.url ?? null;
}

function restoreFeedUrl(url: string, sources: readonly SourceConfig[]): string {
  const stored = storedFeedUrl(url, sources);
  if (stored === null) throw new InputError(`sources: ${url} is redacted and no subscribed feed matches it; give the full URL. Nothing was imported.`);
  return stored;
}

function redact(config: CronistaConfig): CronistaConfig {
  return {
    ...config,
    sources: config.sources.map((source) => ({ ...source, url: redactUrl(source.url) })),
    destinations: config.destinations.map((destination) =>
      destination.discord_webhook ? { ...destination, discord_webhook: redactWebhook(destination.discord_webhook) } : destination,
    ),
  };
}

async function exportConfig(app: AppContext, input: CommandInput): Promise<Answer> {
  const config = await app.settings.effective();
  const format = input.options.format === 'opml' ? 'opml' : 'yaml';
  const chat = input.caller.platform !== 'console';
  let text: string;
  if (format === 'opml') {
    const titles = new Map((await app.store.listSources()).map((record) => [record.url, record.title]));
    const { toOpml } = await opml();
    text = toOpml(config.sources.map((source) => ({ url: chat ? redactUrl(source.url) : source.url, title: titles.get(source.url) ?? null, ...(source.story ? { story: source.story } : {}) })), { now: app.now() });
  } else {
    text = chat ? yaml().stringify(redact(config), { lineWidth: 0 }) : await app.settings.exportYaml();
  }
  // One file per chat, so two chats exporting at once never swap files.
  const name = `cronista-config-${`${input.caller.platform}-${input.caller.chatId}`.replace(/[^\w.-]+/g, '_')}.${format === 'opml' ? 'opml' : 'yaml'}`;
  const path = join(app.dataDir, 'exports', name);
  await mkdir(join(app.dataDir, 'exports'), { recursive: true });
  await writeFile(path, text);
  const lines: Line[] = text.trimEnd().split('\n').map((line): Line => [{ text: line, code: true }]);
  if (chat && format === 'yaml' && config.destinations.some((d) => d.discord_webhook)) {
    lines.push(['Webhook tokens are shown as REDACTED; importing this from chat keeps the stored ones.']);
  }
  if (chat && text.includes(HIDDEN)) lines.push([`Feed URL query values are shown as ${HIDDEN}; importing this keeps the stored ones.`]);
  return adminAnswer(format === 'opml' ? `Feeds as OPML (${plural(config.sources.length, 'feed')})` : 'Configuration (YAML)', lines, { format, text }, {
    attachments: [{ name, path, contentType: format === 'opml' ? 'text/x-opml' : 'application/yaml', description: 'Cronista configuration' }],
  });
}

async function importText(input: CommandInput, app: AppContext): Promise<{ text: string; origin: string }> {
  const inline = typeof input.options.yaml === 'string' ? input.options.yaml : undefined;
  const url = stringOption(input.options.url);
  if (inline && url) throw new InputError('Give either yaml: or url:, not both.');
  if (inline) return { text: inline, origin: 'yaml:' };
  if (!url) throw new InputError('/config import needs yaml:"<the YAML or OPML text>" or url:<https address of it>.');
  if (!/^https?:\/\//i.test(url)) throw new InputError(`url: "${url}" is not an http(s) address.`);
  const { polling } = await app.settings.effective();
  const options = { timeoutMs: polling.timeout_seconds * 1000, maxBytes: IMPORT_MAX_BYTES };
  return { text: await app.sources.readText(input.caller, url, options), origin: url };
}

async function importConfig(app: AppContext, input: CommandInput): Promise<Answer> {
  requireOperator(input.caller, 'import a configuration');
  const { text, origin } = await importText(input, app);
  const chat = input.caller.platform !== 'console';
  if ((await opml()).looksLikeOpml(text)) return importOpml(app, input, text, origin);

  let data: unknown;
  try {
    data = yaml().parse(text);
  } catch (error) {
    throw new InputError(`${redactUrl(origin)} is not valid YAML: ${oneLine(errorMessage(error))}`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const raw = data as { sources?: unknown; destinations?: unknown };
    const current = await app.settings.effective();
    if (Array.isArray(raw.destinations)) {
      for (const destination of raw.destinations as Record<string, unknown>[]) {
        const hook = destination?.discord_webhook;
        if (typeof hook !== 'string') continue;
        if (hook.endsWith(`/${REDACTED}`)) {
          const stored = current.destinations.find((d) => d.id === destination.id)?.discord_webhook;
          if (!stored || redactWebhook(stored) !== redactWebhook(hook)) {
            throw new InputError(`destinations ${String(destination.id)}: discord_webhook is redacted and there is no stored webhook to keep; give the full URL.`);
          }
          destination.discord_webhook = stored;
        } else if (chat) {
          await app.sources.checkUrl(input.caller, hook);
        }
      }
    }
    if (Array.isArray(raw.sources)) {
      for (const source of raw.sources as Record<string, unknown>[]) {
        if (typeof source?.url !== 'string') continue;
        const url = restoreFeedUrl(source.url, current.sources);
        source.url = url;
        if (chat) await app.sources.checkUrl(input.caller, url);
      }
    }
  }
  const config = await settingsChange(() =>
    app.settings.importYaml(yaml().stringify(data ?? {}), origin === 'yaml:' ? 'import' : origin, { from: changeOrigin(input.caller) }),
  );
  return adminAnswer(
    'Configuration imported',
    [[`Imported ${plural(config.sources.length, 'feed')} and ${plural(config.destinations.length, 'destination')}; they replace the previous ones and the schedule follows at once.`]],
    { imported: { sources: config.sources.length, destinations: config.destinations.length } },
  );
}

/** OPML carries feeds only: each is added (as with /feeds add); destinations and other feeds stay. */
async function importOpml(app: AppContext, input: CommandInput, text: string, origin: string): Promise<Answer> {
  const { parseOpml } = await opml();
  let feeds;
  try {
    feeds = parseOpml(text);
  } catch (error) {
    throw new InputError(`${redactUrl(origin)} is not a readable OPML list: ${errorMessage(error)}.`);
  }
  if (feeds.length === 0) throw new InputError(`${redactUrl(origin)} lists no feeds (no <outline xmlUrl="…">).`);
  const valid: SourceConfig[] = [];
  const current = (await app.settings.effective()).sources;
  for (const feed of feeds) {
    feed.url = restoreFeedUrl(feed.url, current);
    const story = feed.story && app.stories.some((s) => s.id === feed.story) ? feed.story : undefined;
    const parsed = sourceSchema.safeParse({ url: feed.url, ...(story ? { story } : {}) });
    if (!parsed.success) throw new InputError(`OPML feed "${redactUrl(feed.url)}" is not usable: ${parsed.error.issues[0]?.message ?? 'invalid'}; nothing was imported.`);
    await app.sources.checkUrl(input.caller, feed.url);
    valid.push(parsed.data);
  }
  let added = 0;
  for (const source of valid) {
    // A feed already subscribed stays as it is (checked on the stored value, atomically).
    let isNew = false; // set by the edit's last run, the one stored
    await settingsChange(() =>
      app.settings.editSource(source.url, (current) => {
        isNew = current === undefined;
        return isNew ? source : null;
      }, { origin: changeOrigin(input.caller) }),
    );
    if (isNew) added++;
  }
  return adminAnswer(
    'Feeds imported',
    [[`OPML: ${plural(feeds.length, 'feed')}, ${added} newly subscribed, ${feeds.length - added} already subscribed.`]],
    { imported: { feeds: feeds.length, added, known: feeds.length - added } },
  );
}
