import { parse as parseYaml } from 'yaml';
import { normalizeIsoDate } from './dates.ts';

export interface MarkdownPage {
  title: string | null;
  text: string;
  published: string | null;
}

/*
 * Light Markdown → text: headings stay as lines of their own, links keep their words, images,
 * emphasis and fences go. No Markdown library is installed and a renderer would only give HTML
 * to strip again; stories need the words and the paragraph breaks, nothing more.
 */

function frontMatter(md: string): { body: string; title: string | null; published: string | null } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(md);
  if (!m) return { body: md, title: null, published: null };
  let data: unknown;
  try {
    data = parseYaml(m[1] ?? '');
  } catch {
    data = null;
  }
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null);
  return {
    body: md.slice(m[0].length),
    title: str(record.title)?.trim() || null,
    published: normalizeIsoDate(str(record.date) ?? str(record.published) ?? str(record.pubDate)),
  };
}

function inline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)(.+?)(?<=\S)\2(?![\w*])/g, '$1$3')
    .replace(/~~(.+?)~~/g, '$1');
}

export function markdownToText(md: string): MarkdownPage {
  const { body, title: fmTitle, published } = frontMatter(md.replace(/\r\n?/g, '\n'));
  const out: string[] = [];
  let title = fmTitle;
  let inFence = false;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(raw);
      continue;
    }
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(raw)) continue; // reference definitions
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(raw)) {
      out.push('');
      continue;
    }
    const next = lines[i + 1] ?? '';
    const setext = raw.trim() && /^\s*(=+|-+)\s*$/.test(next) ? next.trim()[0] : null;
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (atx || setext) {
      const text = inline(atx ? (atx[2] ?? '') : raw.trim());
      if (!title && ((atx && atx[1] === '#') || setext === '=')) title = text;
      out.push('', text, '');
      if (setext) i++;
      continue;
    }
    const line = raw
      .replace(/^\s*>\s?/, '')
      .replace(/^\s*[-*+]\s+(\[[ x]\]\s+)?/, '• ');
    out.push(inline(line));
  }
  const text = out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return { title, text, published };
}
