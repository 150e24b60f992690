/**
 * Atom text constructs (and RSS elements treated alike), independent of the XML tree used:
 * `type` text | html | xhtml | a media type, Atom 0.3 `mode` xml | escaped | base64.
 */
import { escapeText } from 'entities';
import { titleText } from './feed-text.ts';

export interface ConstructNode {
  attr(name: string): string | null;
  /** Text content, entities decoded. */
  text: string;
  /** Serialized child elements (inside a lone wrapping <div>), or null when there are none. */
  inner: string | null;
}

function isBinary(node: ConstructNode): boolean {
  const type = (node.attr('type') ?? '').toLowerCase();
  // Atom 1.0: a media type that is neither text nor XML means base64.
  const binary = type.includes('/') && !type.startsWith('text/') && !/xml|html/.test(type);
  return node.attr('mode') === 'base64' || binary;
}

const fromBase64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

/** The construct as HTML. */
export function constructHtml(node: ConstructNode | null): string | null {
  if (!node) return null;
  if (isBinary(node)) return fromBase64(node.text);
  if (node.inner !== null) return node.inner;
  const type = (node.attr('type') ?? '').toLowerCase();
  return type === 'text' || type === 'text/plain' ? escapeText(node.text) : node.text;
}

/** The construct as a one-line plain-text title. Atom without a type is text; RSS titles are HTML-ish. */
export function constructTitle(node: ConstructNode | null, atom: boolean): string | null {
  if (!node) return null;
  const type = (node.attr('type') ?? '').toLowerCase();
  const markup = node.attr('mode') === 'escaped' || isBinary(node) || node.inner !== null;
  if (atom && !markup && (type === '' || type === 'text' || type === 'text/plain')) return titleText(node.text, 'text');
  return titleText(constructHtml(node), 'html');
}
