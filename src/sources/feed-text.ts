import { parseDocument, DomUtils } from 'htmlparser2';
import { collapse, htmlToLine } from './html-text.ts';

/**
 * A title as text. `type` is Atom's (text | html | xhtml) or undefined (RSS, where titles in practice
 * hold HTML-escaped text); plain text titles are kept as they are, apart from whitespace.
 */
export function titleText(value: string | null | undefined, type?: string | null): string | null {
  if (value == null) return null;
  const plain = type === 'text' || type === 'text/plain';
  const text = plain ? collapse(value) : htmlToLine(value);
  return text || null;
}

/** Resolves a link against the entry/feed base; keeps what it cannot resolve, drops empty values. */
export function resolveUrl(link: string | null | undefined, ...bases: Array<string | null | undefined>): string | null {
  const value = link?.trim();
  if (!value) return null;
  let base: string | undefined;
  for (const candidate of [...bases].reverse()) {
    if (!candidate) continue;
    try {
      base = new URL(candidate.trim(), base).href;
    } catch {
      // a relative base with nothing absolute above it: ignore it
    }
  }
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

const URL_ATTRS = ['href', 'src', 'poster', 'cite', 'action', 'background', 'longdesc'];

/** Makes href/src (and similar) attributes in an HTML fragment absolute, against the given bases. */
export function resolveHtmlUrls(html: string | null, ...bases: Array<string | null | undefined>): string | null {
  if (!html || !bases.some(Boolean) || !/\s(href|src|poster|cite|action|background|longdesc)\s*=/i.test(html)) return html;
  const doc = parseDocument(html);
  let changed = false;
  for (const el of DomUtils.findAll(() => true, doc.children)) {
    for (const name of URL_ATTRS) {
      const value = el.attribs[name];
      if (value === undefined || /^(#|[a-z][\w+.-]*:)/i.test(value.trim())) continue;
      const resolved = resolveUrl(value, ...bases);
      if (resolved && resolved !== value) {
        el.attribs[name] = resolved;
        changed = true;
      }
    }
  }
  return changed ? DomUtils.getOuterHTML(doc, { encodeEntities: 'utf8' }) : html;
}
