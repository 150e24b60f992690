/**
 * Generators of long/hostile answers and independent validators for rendered Telegram/Discord
 * messages. The validators do not reuse the renderers' code (they re-derive limits and parse output).
 */
import assert from 'node:assert/strict';
import type { Answer, Line, Span } from '../../src/core/answer.ts';
import type { TelegramMessage } from '../../src/platforms/telegram/render.ts';
import type { DiscordMessage } from '../../src/platforms/discord/render.ts';

import { seededRandom as rng } from '../fixtures/seeded-random.ts';

export { rng };

export const HOSTILE = [
  '<script>alert(1)</script>',
  '</b>',
  '&amp;',
  '&lt;',
  '&',
  '<a href="javascript:alert(1)">x</a>',
  '**bold**',
  '__under__',
  '~~strike~~',
  '||spoiler||',
  '[click](http://evil)',
  '```',
  '`tick`',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '<@!42>',
  '> quote',
  '# heading',
  '- item',
  '1. first',
  '😀',
  '👨‍👩‍👧',
  '🇵🇪',
  'back\\slash',
  '"quoted"',
  'ñandú',
  'Ωmega',
];

const WORDS = ['casualties', 'report', 'Lima', 'según', 'the', 'ministry', 'said', 'on', 'Tuesday', 'rain', 'floods', 'deaths', 'region', 'officials', 'at', 'least', '12', 'people'];

export function word(r: () => number, hostileRate = 0.15): string {
  if (r() < hostileRate) return HOSTILE[Math.floor(r() * HOSTILE.length)]!;
  return WORDS[Math.floor(r() * WORDS.length)]!;
}

export function sentence(r: () => number, words = 6 + Math.floor(r() * 14)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word(r));
  return `${out.join(' ')}.`;
}

export function randomLine(r: () => number, targetLength: number): Line {
  const spans: Span[] = [];
  let len = 0;
  while (len < targetLength) {
    const roll = r();
    let span: Span;
    if (roll < 0.55) span = `${sentence(r)} `;
    else if (roll < 0.75) span = { text: sentence(r, 3), url: `https://news.example.org/a/${Math.floor(r() * 1e6)}?q=(x)&y="z"` };
    else if (roll < 0.85) span = { text: sentence(r, 2), bold: true };
    else if (roll < 0.92) span = { text: word(r, 0.3), code: true };
    else span = { text: sentence(r, 3), url: 'javascript:alert(1)', bold: true };
    spans.push(span);
    len += typeof span === 'string' ? span.length : span.text.length;
    if (typeof span !== 'string') spans.push(' ');
  }
  return spans;
}

/** An answer of about `total` UTF-16 units in many sections with many links and hostile tokens. */
export function bigAnswer(seed: number, total = 20_000, opts: { maxLine?: number; sections?: number } = {}): Answer {
  const r = rng(seed);
  const sections: Answer['sections'] = [];
  const perSection = total / (opts.sections ?? 25);
  let len = 0;
  while (len < total) {
    const lines: Line[] = [];
    let sLen = 0;
    while (sLen < perSection) {
      const line = randomLine(r, 20 + Math.floor(r() * (opts.maxLine ?? 400)));
      const l = line.reduce((n, s) => n + (typeof s === 'string' ? s.length : s.text.length), 0);
      lines.push(line);
      sLen += l;
    }
    sections.push({ ...(r() < 0.8 ? { heading: `Section ${sections.length + 1}: ${word(r, 0.5)} ${word(r, 0.5)}` } : {}), lines });
    len += sLen;
  }
  return { title: `Digest ${word(r, 1)} ${word(r, 1)} <b>bold?</b> @everyone`, sections, json: null };
}

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function assertWellFormed(text: string, where = ''): void {
  assert.ok(!LONE.test(text), `lone surrogate in ${where}: ${JSON.stringify(text.slice(0, 80))}`);
}

/** The words of an answer (title, headings, span texts; no URLs) with all whitespace removed. */
export function answerTextNoSpace(answer: Answer, withAttachmentText = false): string {
  const parts: string[] = [];
  if (answer.title) parts.push(answer.title);
  for (const s of answer.sections) {
    if (s.heading) parts.push(s.heading);
    for (const line of s.lines) for (const span of line) parts.push(typeof span === 'string' ? span : span.text);
  }
  if (withAttachmentText) for (const a of answer.attachments ?? []) parts.push(a.description ?? a.name);
  return parts.join('').replace(/\s+/g, '');
}

// ---------------------------------------------------------------- Telegram

const TG_TAG = /^<(?:(b|i|code|pre|blockquote)>|\/(b|i|code|pre|blockquote|a)>|a href="(https?:[^"<>]*)">)/;
const TG_ENTITY = /^&(?:amp|lt|gt|quot);/;

/** Checks tags are allowed, balanced and properly nested, entities complete, no raw `>`. */
export function assertTelegramHtml(html: string): void {
  const stack: string[] = [];
  for (let i = 0; i < html.length; i++) {
    const c = html[i]!;
    if (c === '<') {
      const m = TG_TAG.exec(html.slice(i));
      assert.ok(m, `disallowed tag at ${i}: ${JSON.stringify(html.slice(i, i + 40))}`);
      if (m[1]) stack.push(m[1]);
      else if (m[2]) assert.equal(stack.pop(), m[2], `misnested </${m[2]}> at ${i}`);
      else stack.push('a');
      i += m[0].length - 1;
    } else if (c === '&') {
      assert.ok(TG_ENTITY.test(html.slice(i)), `broken entity at ${i}: ${JSON.stringify(html.slice(i, i + 10))}`);
    } else if (c === '>') {
      assert.fail(`raw > at ${i}`);
    }
  }
  assert.deepEqual(stack, [], 'unclosed tags');
}

/** The text a reader sees: tags dropped, entities undone, and the U+2060 that defuses @mentions ignored. */
export function telegramPlain(html: string): string {
  return html
    .replace(/\u2060/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export function assertTelegramMessages(messages: TelegramMessage[]): void {
  for (const [i, m] of messages.entries()) {
    assert.equal(m.parse_mode, 'HTML');
    if (m.kind === 'text') {
      assert.ok(m.text.length <= 4096, `message ${i} has ${m.text.length} units`);
      assert.ok(m.text.trim().length > 0, `message ${i} is empty`);
      assertWellFormed(m.text, `message ${i}`);
      assertTelegramHtml(m.text);
    } else {
      assert.ok(m.caption.length <= 1024, `caption ${i} has ${m.caption.length} units`);
      assertWellFormed(m.caption, `caption ${i}`);
      assertTelegramHtml(m.caption);
    }
  }
}

export function telegramTextNoSpace(messages: TelegramMessage[]): string {
  return messages
    .map((m) => telegramPlain(m.kind === 'text' ? m.text : m.caption))
    .join('')
    .replace(/\s+/g, '');
}

// ---------------------------------------------------------------- Discord

/** Undoes Discord Markdown as the renderer writes it: escapes, **, `code`, [text](url), ZWSP. */
export function discordPlain(md: string): string {
  let out = '';
  let inCode = false;
  for (let i = 0; i < md.length; i++) {
    const c = md[i]!;
    if (c === '\u200b') continue;
    if (inCode) {
      if (c === '`') inCode = false;
      else out += c;
      continue;
    }
    if (c === '\\' && i + 1 < md.length && !/[0-9A-Za-z\s]/.test(md[i + 1]!)) {
      out += md[i + 1];
      i++;
      continue;
    }
    if (c === '*' && md[i + 1] === '*') {
      i++;
      continue;
    }
    if (c === '`') {
      inCode = true;
      continue;
    }
    if (c === '[') continue;
    if (c === ']' && md[i + 1] === '(') {
      const close = md.indexOf(')', i);
      assert.ok(close > 0, 'unterminated link');
      assert.match(md.slice(i + 2, close), /^https?:\/\/[^\s()<>]+$/, 'link target');
      i = close;
      continue;
    }
    out += c;
  }
  assert.equal(inCode, false, 'unterminated code span');
  return out;
}

const RAW_MENTION = /@everyone|@here|<@|<#|<\/|<@&/;

export function assertDiscordMessages(messages: DiscordMessage[], ephemeral = false): void {
  for (const [i, m] of messages.entries()) {
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    if (ephemeral) assert.equal(m.flags, 64, `message ${i} not ephemeral`);
    else assert.equal(m.flags, undefined);
    assert.ok(m.embeds.length <= 10, `message ${i} has ${m.embeds.length} embeds`);
    assert.ok((m.files?.length ?? 0) <= 10, `message ${i} has too many files`);
    assert.ok(m.embeds.length > 0 || (m.files?.length ?? 0) > 0 || (m.content ?? '').length > 0, `message ${i} is empty`);
    if (m.content !== undefined) {
      assert.ok(m.content.length <= 2000, `content ${i} too long`);
      assert.ok(m.content.length > 0);
    }
    let total = 0;
    for (const [j, e] of m.embeds.entries()) {
      const where = `message ${i} embed ${j}`;
      if (e.title !== undefined) assert.ok(e.title.length > 0 && e.title.length <= 256, `${where}: title ${e.title.length}`);
      if (e.description !== undefined) assert.ok(e.description.length > 0 && e.description.length <= 4096, `${where}: description ${e.description.length}`);
      if (e.footer) assert.ok(e.footer.text.length <= 2048, `${where}: footer`);
      if (e.author) assert.ok(e.author.name.length <= 256, `${where}: author`);
      assert.ok((e.fields?.length ?? 0) <= 25, `${where}: fields`);
      for (const f of e.fields ?? []) {
        assert.ok(f.name.length <= 256, `${where}: field name`);
        assert.ok(f.value.length <= 1024, `${where}: field value`);
      }
      total +=
        (e.title?.length ?? 0) +
        (e.description?.length ?? 0) +
        (e.footer?.text.length ?? 0) +
        (e.author?.name.length ?? 0) +
        (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
      assert.ok(e.title || e.description || e.image || e.fields?.length, `${where}: empty embed`);
      if (e.image) {
        const name = e.image.url.replace(/^attachment:\/\//, '');
        assert.ok(m.files?.some((f) => f.name === name), `${where}: image ${name} not among the files`);
      }
      for (const text of [e.title, e.description, e.footer?.text, e.author?.name]) {
        if (text === undefined) continue;
        assertWellFormed(text, where);
        assert.ok(!RAW_MENTION.test(text), `${where}: live mention ${JSON.stringify(RAW_MENTION.exec(text)?.[0])}`);
      }
    }
    assert.ok(total <= 6000, `message ${i}: embeds total ${total}`);
    if (m.content) {
      assertWellFormed(m.content);
      assert.ok(!RAW_MENTION.test(m.content));
    }
  }
}

/** Title and descriptions (not footers) of all messages, unescaped, whitespace removed. */
export function discordTextNoSpace(messages: DiscordMessage[]): string {
  return messages
    .flatMap((m) => m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '']))
    .map(discordPlain)
    .join('')
    .replace(/\s+/g, '');
}
