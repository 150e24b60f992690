/**
 * Light repair of ill-formed feed XML, so a strict parser can read what a person plainly meant:
 * junk or a misplaced XML declaration before the root, DOCTYPEs (whose entities we substitute),
 * HTML named entities, bare `&`, and truncated documents (closed by round-tripping through htmlparser2,
 * which recovers unclosed elements).
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import { decodeHTML } from 'entities';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** `<!ENTITY name "value">` declarations of an internal DTD subset. */
function declaredEntities(doctype: string): Map<string, string> {
  const entities = new Map<string, string>();
  for (const m of doctype.matchAll(/<!ENTITY\s+([\w.-]+)\s+(["'])([\s\S]*?)\2\s*>/g)) entities.set(m[1]!, m[3]!);
  return entities;
}

/**
 * Substitutes entity references. Declared (DTD) values are inserted up to `budget` characters in all —
 * a few large values referenced many times (billion-laughs style) would otherwise expand a 10 MiB feed to
 * terabytes; past the budget a reference is kept, escaped, as text.
 */
function fixEntities(xml: string, declared: Map<string, string>, budget: number): string {
  let substituted = 0;
  return xml
    .replace(/&([A-Za-z][\w.-]*);/g, (whole, name: string) => {
      if (XML_ENTITIES.has(name)) return whole;
      const value = declared.get(name);
      if (value !== undefined) {
        if (substituted + value.length > budget) return `&amp;${name};`;
        substituted += value.length;
        return value;
      }
      const decoded = decodeHTML(whole);
      if (decoded === whole) return `&amp;${name};`;
      return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
    })
    .replace(/&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/g, '&amp;');
}

const PROLOG = /^(?:[^<]+|<\?[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]*\[[\s\S]*?\]\s*>|[^>]*>))*/i;

/**
 * Splits off the prolog: XML declarations (the text is decoded already, and a misplaced one is an error),
 * the DOCTYPE (kept aside for its entity declarations), and any junk before the root element.
 */
function stripProlog(xml: string): { body: string; doctype: string } {
  const prolog = xml.match(PROLOG)?.[0] ?? '';
  const doctype = prolog.match(/<!DOCTYPE[\s\S]*>/i)?.[0] ?? '';
  const comments = prolog.match(/<!--[\s\S]*?-->/g)?.join('\n') ?? '';
  const body = xml.slice(prolog.length).replace(/<\?xml\s[^>]*\?>/g, '');
  return { body: comments + '\n' + body, doctype };
}

/** Declared entity values substituted in all, at most this many times the input's length. */
export const ENTITY_EXPANSION_FACTOR = 2;

/** Returns repaired XML; never throws. Its size stays within a small multiple of the input's. */
export function repairXml(xml: string): string {
  const { body, doctype } = stripProlog(xml);
  const fixed = fixEntities(body, declaredEntities(doctype), ENTITY_EXPANSION_FACTOR * xml.length);
  const doc = parseDocument(fixed, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
  return DomUtils.getOuterHTML(doc.children, { xmlMode: true, encodeEntities: 'utf8' });
}
