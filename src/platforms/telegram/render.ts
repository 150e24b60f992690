/**
 * Answer → Telegram messages (Bot API, parse_mode HTML). Pure: no I/O, no grammy.
 *
 * - All text is HTML-escaped (`&`, `<`, `>`; also `"` inside href). Only <b>, <code> and <a href> are
 *   emitted (titles and headings in <b>); link URLs must be http(s) — anything else (tg: links that
 *   mention users, javascript:, data:, garbage) is shown as plain text without a link.
 * - Mentions are defused: every `@` followed by [A-Za-z0-9_] gets a U+2060 WORD JOINER after it, so a
 *   headline such as "Ping @some_admin" notifies nobody (the text still reads the same).
 * - Each text message is ≤ 4,096 UTF-16 units counted on the raw HTML (conservative: Telegram counts
 *   the text after entity parsing, which is never longer).
 * - Splitting (see ../text-split.ts): sections move whole to the next message when they fit there;
 *   otherwise split between lines; a line too long for any message is cut at a sentence, else word,
 *   else code-point boundary, and every piece re-wraps its own <b>/<a>/<code> tags, so tags never stay
 *   open across messages and no cut falls inside `&amp;` or a surrogate pair.
 * - Attachments come after the text: `image/*` as a photo whose caption (description or name) is
 *   ≤ 1,024 units; others as a document. A caption too long continues in text messages right after.
 * - An answer with no text and no attachments renders to [] (Telegram refuses empty messages).
 */
import type { Answer, Attachment, Line, Span } from '../../core/answer.ts';
import { packBlocks, fixedBudgets, toAtoms, webUrl, type Block, type Markup, type SegLine } from '../text-split.ts';

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** Longer URLs are shown as text rather than links (keeps one link's markup far below any budget). */
const MAX_URL = 1024;

/** An inline keyboard of URL buttons (the answer's link) — Telegram opens them in the browser. */
export interface TelegramUrlKeyboard {
  inline_keyboard: { text: string; url: string }[][];
}
export interface TelegramTextMessage {
  kind: 'text';
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: boolean };
  reply_markup?: TelegramUrlKeyboard;
}
export interface TelegramPhotoMessage {
  kind: 'photo';
  photoPath: string;
  caption: string;
  parse_mode: 'HTML';
  reply_markup?: TelegramUrlKeyboard;
}
export interface TelegramDocumentMessage {
  kind: 'document';
  documentPath: string;
  fileName: string;
  contentType: string;
  caption: string;
  parse_mode: 'HTML';
  reply_markup?: TelegramUrlKeyboard;
}
export type TelegramMessage = TelegramTextMessage | TelegramPhotoMessage | TelegramDocumentMessage;

interface Fmt {
  bold?: boolean;
  code?: boolean;
  /** Already validated and HTML-escaped for an attribute. */
  href?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** A safe href (escaped for a double-quoted attribute), or undefined if the URL should not be linked. */
export function telegramHref(url: string): string | undefined {
  const href = webUrl(url)?.href;
  if (!href) return undefined;
  if (href.length > MAX_URL) return undefined;
  return escapeAttr(href);
}

const markup: Markup<Fmt> = {
  open: (f) => (f.bold ? '<b>' : '') + (f.href ? `<a href="${f.href}">` : '') + (f.code ? '<code>' : ''),
  close: (f) => (f.code ? '</code>' : '') + (f.href ? '</a>' : '') + (f.bold ? '</b>' : ''),
};

const PLAIN: Fmt = {};
const BOLD: Fmt = { bold: true };

/** U+2060 WORD JOINER: invisible, and breaks an @mention so Telegram does not notify anyone. */
const WORD_JOINER = '\u2060';
const MENTION_START = /^[A-Za-z0-9_]$/;

function htmlAtoms(text: string) {
  return toAtoms(text, (cp, i, all) => {
    if (cp === '&') return '&amp;';
    if (cp === '<') return '&lt;';
    if (cp === '>') return '&gt;';
    if (cp === '@' && MENTION_START.test(all[i + 1] ?? '')) return `@${WORD_JOINER}`;
    return cp;
  });
}

function spanSeg(span: Span) {
  if (typeof span === 'string') return { atoms: htmlAtoms(span), fmt: PLAIN };
  const href = span.url ? telegramHref(span.url) : undefined;
  const fmt: Fmt = { ...(span.bold ? { bold: true } : {}), ...(span.code ? { code: true } : {}), ...(href ? { href } : {}) };
  return { atoms: htmlAtoms(span.text), fmt: Object.keys(fmt).length === 0 ? PLAIN : fmt };
}

function lineSegs(line: Line): SegLine<Fmt> {
  return line.map(spanSeg).filter((s) => s.atoms.length > 0);
}

function textMessage(text: string): TelegramTextMessage {
  return { kind: 'text', text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
}

function blocksOf(answer: Answer): Block<Fmt>[] {
  const blocks: Block<Fmt>[] = [];
  if (answer.title) blocks.push({ lines: [[{ atoms: htmlAtoms(answer.title), fmt: BOLD }]] });
  for (const section of answer.sections) {
    const lines = section.lines.map(lineSegs);
    if (section.heading) blocks.push({ headed: true, lines: [[{ atoms: htmlAtoms(section.heading), fmt: BOLD }], ...lines] });
    else blocks.push({ lines });
  }
  return blocks;
}

function attachmentMessages(attachment: Attachment): TelegramMessage[] {
  const hooks = fixedBudgets(TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT);
  const captionText = attachment.description ?? attachment.name;
  packBlocks([{ lines: [[{ atoms: htmlAtoms(captionText), fmt: PLAIN }]] }], markup, hooks);
  const [caption = '', ...more] = hooks.chunks;
  const first: TelegramMessage = attachment.contentType.startsWith('image/')
    ? { kind: 'photo', photoPath: attachment.path, caption, parse_mode: 'HTML' }
    : {
        kind: 'document',
        documentPath: attachment.path,
        fileName: attachment.name,
        contentType: attachment.contentType,
        caption,
        parse_mode: 'HTML',
      };
  return [first, ...more.map(textMessage)];
}

export function renderTelegram(answer: Answer): TelegramMessage[] {
  const hooks = fixedBudgets(TELEGRAM_TEXT_LIMIT);
  packBlocks(blocksOf(answer), markup, hooks);
  const messages: TelegramMessage[] = hooks.chunks.filter((c) => c.trim().length > 0).map(textMessage);
  for (const attachment of answer.attachments ?? []) messages.push(...attachmentMessages(attachment));
  // The answer's link as a URL button under its last message (button texts are plain, at most 64 characters here).
  const url = answer.link ? webUrl(answer.link.url)?.href : undefined;
  const last = messages.at(-1);
  if (answer.link && url && url.length <= MAX_URL && last) {
    last.reply_markup = { inline_keyboard: [[{ text: [...answer.link.label.replace(/\s+/g, ' ').trim()].slice(0, 64).join('') || 'Open', url }]] };
  }
  return messages;
}
