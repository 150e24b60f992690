/**
 * Answer → Discord messages (embeds). Pure: no I/O; the objects are structurally `APIEmbed`s and
 * message payloads discord.js accepts (`files` carry a path for the caller to attach).
 *
 * - All text goes into embed descriptions (title in the first embed's title when it fits 256 units,
 *   else as a bold first line). Section headings are bold lines; sections are separated by blank lines.
 * - User text is Markdown-escaped (`\ * _ ~ ` | > [ ] #` everywhere; list markers `- `, `+ `, `1. `
 *   at line start or after whitespace, since a cut piece may start a line); spans with an http(s) url
 *   become masked links `[text](url)` whose url is normalized and has `(`, `)`, `<`, `>`, `[`, `]` and
 *   spaces percent-encoded; other schemes (javascript:…) are shown as plain text, and so is inline
 *   code that contains a backtick (it cannot be escaped inside code).
 *   Mentions are defused even if `allowed_mentions` were ignored: `@everyone`/`@here` get a zero-width
 *   space after `@`, and `<@…>`, `<@&…>`, `<#…>`, `</…>` one after `<`.
 * - Limits (counted in UTF-16 units on the raw Markdown, conservative): description 4,096, title 256,
 *   footer 2,048, ≤ 10 embeds and ≤ 6,000 units summed over title+description+footer of a message's
 *   embeds. Splitting is the shared packer (../text-split.ts): each embed description's budget is
 *   min(4,096, what is left of the message's 6,000); a new message starts when fewer than MIN_ROOM
 *   units or no embed slot remain. Sections move whole when they fit the next embed (or a new
 *   message), else they are laid out line by line; long
 *   lines are cut at sentence, word, then code-point boundaries, each piece re-wrapping its own markup.
 * - Attachments go as `files` on the first message (10 per message; more in follow-up messages). The
 *   first image is shown in the first embed (`attachment://name`) with its description as the footer.
 * - Ephemeral answers set flags 64 on every message. `allowed_mentions: { parse: [] }` everywhere.
 */
import type { Answer, Attachment, Line, Span } from '../../core/answer.ts';
import { packBlocks, stripControlCharacters, renderSegs, toAtoms, webUrl, type Atom, type Block, type Markup, type SegLine } from '../text-split.ts';

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  embedsPerMessage: 10,
  embedTotal: 6000,
  content: 2000,
  filesPerMessage: 10,
} as const;

/** Below this many units left in a message, the next embed starts a new message. */
const MIN_ROOM = 500;
const MAX_URL = 512;
const ZWSP = '\u200b';
export const EPHEMERAL = 64 as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  author?: { name: string };
  image?: { url: string };
}

export interface DiscordFile {
  name: string;
  path: string;
  contentType: string;
  description?: string;
}

/** A row of link buttons (component type 1 holding buttons of type 2, style 5 = Link). */
export interface DiscordLinkRow {
  type: 1;
  components: { type: 2; style: 5; label: string; url: string }[];
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
  flags?: typeof EPHEMERAL;
  files?: DiscordFile[];
  /** The answer's link as a button, on its last message. */
  components?: DiscordLinkRow[];
}

/** Button labels hold at most 80 characters; link buttons need an http(s) URL of at most 512. */
const BUTTON_LABEL = 80;

function linkRow(answer: Answer): DiscordLinkRow | undefined {
  if (!answer.link) return undefined;
  const url = webUrl(answer.link.url)?.href;
  if (!url || url.length > MAX_URL) return undefined;
  return { type: 1, components: [{ type: 2, style: 5, label: truncate(stripControlCharacters(answer.link.label), BUTTON_LABEL) || 'Open', url }] };
}

interface Fmt {
  bold?: boolean;
  code?: boolean;
  url?: string;
}

const MARKDOWN = new Set(['\\', '*', '_', '~', '`', '|', '>', '[', ']', '#']);

function followedBy(all: string[], i: number, word: string): boolean {
  return all.slice(i + 1, i + 1 + word.length).join('') === word;
}

/** Escape for one code point of Discord text; `code` = inside an inline code span (no backslashes). */
function escapeDiscord(cp: string, i: number, all: string[], code: boolean): string {
  if (cp === '@' && (followedBy(all, i, 'everyone') || followedBy(all, i, 'here'))) return `@${ZWSP}`;
  if (cp === '<' && ['@', '#', '/'].includes(all[i + 1] ?? '')) return `<${ZWSP}`;
  if (code) return cp;
  if (MARKDOWN.has(cp)) return `\\${cp}`;
  const prev = all[i - 1];
  const atStart = i === 0 || prev === '\n';
  if ((cp === '-' || cp === '+') && (atStart || /\s/.test(prev ?? '')) && all[i + 1] === ' ') return `\\${cp}`;
  if (cp === '.' && all[i + 1] === ' ' && i > 0) {
    let j = i - 1;
    while (j >= 0 && /[0-9]/.test(all[j]!)) j--;
    if (j < i - 1 && (j < 0 || /\s/.test(all[j]!))) return `\\${cp}`;
  }
  return cp;
}

export function markdownAtoms(text: string, code = false): Atom[] {
  return toAtoms(text, (cp, i, all) => escapeDiscord(cp, i, all, code));
}

/** Escapes plain text for Discord Markdown and defuses mentions. */
export function escapeMarkdown(text: string): string {
  return markdownAtoms(text)
    .map((a) => a.out)
    .join('');
}

/** A URL safe inside `[text](…)`, or undefined when it should not be linked. */
export function discordUrl(url: string): string | undefined {
  const parsed = webUrl(url);
  if (!parsed) return undefined;
  const href = parsed.href.replace(/[()<>\s[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length > MAX_URL ? undefined : href;
}

const markup: Markup<Fmt> = {
  open: (f) => (f.bold ? '**' : '') + (f.url ? '[' : '') + (f.code ? '`' : ''),
  close: (f) => (f.code ? '`' : '') + (f.url ? `](${f.url})` : '') + (f.bold ? '**' : ''),
};

const PLAIN: Fmt = {};
const BOLD: Fmt = { bold: true };

/** Adjacent plain strings are merged first so that e.g. "@" + "everyone" is escaped as one text. */
function mergePlain(line: Line): Span[] {
  const out: Span[] = [];
  for (const span of line) {
    const last = out[out.length - 1];
    if (typeof span === 'string' && typeof last === 'string') out[out.length - 1] = last + span;
    else out.push(span);
  }
  return out;
}

function lineSegs(line: Line): SegLine<Fmt> {
  const segs: SegLine<Fmt> = [];
  for (const span of mergePlain(line)) {
    if (typeof span === 'string') {
      segs.push({ atoms: markdownAtoms(span), fmt: PLAIN });
      continue;
    }
    const url = span.url ? discordUrl(span.url) : undefined;
    // A backtick cannot be escaped inside inline code: such text is shown as escaped plain text.
    const code = Boolean(span.code) && !span.text.includes('`') && !span.text.includes('\n');
    const fmt: Fmt = { ...(span.bold ? { bold: true } : {}), ...(code ? { code: true } : {}), ...(url ? { url } : {}) };
    segs.push({ atoms: markdownAtoms(span.text, code), fmt: Object.keys(fmt).length === 0 ? PLAIN : fmt });
  }
  return segs.filter((s) => s.atoms.length > 0);
}

function sanitizeFileName(name: string, taken: Set<string>): string {
  const base = stripControlCharacters(name).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 100) || 'file';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${n}-${base}`;
  taken.add(candidate);
  return candidate;
}

function truncate(text: string, max: number): string {
  const cps = Array.from(text);
  if (text.length <= max) return text;
  let out = '';
  for (const cp of cps) {
    if (out.length + cp.length > max - 1) break;
    out += cp;
  }
  return `${out}…`;
}

interface Draft {
  descriptions: string[];
  used: number;
}

export function renderDiscord(answer: Answer): DiscordMessage[] {
  const taken = new Set<string>();
  const files: DiscordFile[] = (answer.attachments ?? []).map((a: Attachment) => ({
    name: sanitizeFileName(a.name, taken),
    path: a.path,
    contentType: a.contentType,
    ...(a.description ? { description: truncate(stripControlCharacters(a.description), 1024) } : {}),
  }));
  // The image shown in the first embed must travel with the first message: put it first.
  const imageIndex = files.findIndex((f) => f.contentType.startsWith('image/'));
  if (imageIndex > 0) files.unshift(...files.splice(imageIndex, 1));
  const image = imageIndex >= 0 ? files[0] : undefined;
  // Footers render no Markdown: only mentions are defused (the `code` flavor of escaping).
  const imageDescription = (answer.attachments ?? []).find((a) => a.contentType.startsWith('image/'))?.description;
  const footer = image && imageDescription
    ? truncate(markdownAtoms(imageDescription, true).map((a) => a.out).join(''), DISCORD_LIMITS.footer)
    : undefined;

  const blocks: Block<Fmt>[] = [];
  let title: string | undefined;
  if (answer.title) {
    // Embed titles are one line.
    const oneLine = answer.title.replace(/\s*\n\s*/g, ' ');
    const escaped = renderSegs([{ atoms: markdownAtoms(oneLine), fmt: PLAIN }], markup);
    if (escaped.length <= DISCORD_LIMITS.title) title = escaped;
    else blocks.push({ lines: [[{ atoms: markdownAtoms(oneLine), fmt: BOLD }]] });
  }
  for (const section of answer.sections) {
    const lines = section.lines.map(lineSegs);
    if (section.heading) blocks.push({ headed: true, lines: [[{ atoms: markdownAtoms(section.heading), fmt: BOLD }], ...lines] });
    else blocks.push({ lines });
  }

  // Packing state: one draft per message; the first message reserves room for the title and footer.
  const drafts: Draft[] = [{ descriptions: [], used: (title?.length ?? 0) + (footer?.length ?? 0) }];
  const placement = (state: Draft[]): { newMessage: boolean; budget: number } => {
    const cur = state[state.length - 1]!;
    const room = DISCORD_LIMITS.embedTotal - cur.used;
    if (cur.descriptions.length === 0 || (cur.descriptions.length < DISCORD_LIMITS.embedsPerMessage && room >= MIN_ROOM)) {
      return { newMessage: false, budget: Math.min(DISCORD_LIMITS.description, room) };
    }
    return { newMessage: true, budget: Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal) };
  };
  const place = (state: Draft[], chunk: string) => {
    if (placement(state).newMessage) state.push({ descriptions: [], used: 0 });
    const cur = state[state.length - 1]!;
    cur.descriptions.push(chunk);
    cur.used += chunk.length;
  };
  packBlocks(blocks, markup, {
    budget: () => placement(drafts).budget,
    freshBudget: (pending) => {
      if (pending === 0) return placement(drafts).budget;
      const sim = drafts.map((d) => ({ descriptions: [...d.descriptions], used: d.used }));
      place(sim, 'x'.repeat(pending));
      return placement(sim).budget;
    },
    flush: (chunk) => {
      if (chunk.trim().length > 0) place(drafts, chunk);
    },
    // A brand-new message (only ever used when the current one already holds an embed).
    skipBudget: () => Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal),
    skip: () => {
      if (drafts[drafts.length - 1]!.descriptions.length > 0) drafts.push({ descriptions: [], used: 0 });
    },
  });

  const messages: DiscordMessage[] = [];
  drafts.forEach((draft, index) => {
    const embeds: DiscordEmbed[] = draft.descriptions.map((description) => ({ description }));
    if (index === 0 && (title || image) && embeds.length === 0) embeds.push({});
    if (index === 0 && embeds[0]) {
      if (title) embeds[0].title = title;
      if (image) embeds[0].image = { url: `attachment://${image.name}` };
      if (footer) embeds[0].footer = { text: footer };
    }
    if (embeds.length === 0) return;
    messages.push({ embeds, allowed_mentions: { parse: [] }, ...(answer.ephemeral ? { flags: EPHEMERAL } : {}) });
  });
  for (let i = 0; i < files.length; i += DISCORD_LIMITS.filesPerMessage) {
    const group = files.slice(i, i + DISCORD_LIMITS.filesPerMessage);
    const target = i === 0 ? messages[0] : undefined;
    if (target) target.files = group;
    else messages.push({ embeds: [], allowed_mentions: { parse: [] }, files: group, ...(answer.ephemeral ? { flags: EPHEMERAL } : {}) });
  }
  const row = linkRow(answer);
  if (row && messages.length > 0) messages[messages.length - 1]!.components = [row];
  return messages;
}
