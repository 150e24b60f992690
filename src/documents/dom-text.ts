/*
 * DOM → plain text with paragraph breaks. `textContent` runs paragraphs together and no
 * HTML-to-text package is installed, so this walks the tree: blocks become paragraphs,
 * <br> a line break, list items "• " lines, headings lines of their own.
 */

const PARAGRAPH = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'BLOCKQUOTE', 'PRE', 'TABLE', 'UL', 'OL', 'DL', 'FIGURE',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'ADDRESS', 'DETAILS', 'SUMMARY',
]);
const LINE = new Set(['LI', 'TR', 'DT', 'DD', 'BR']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD', 'TITLE', 'FIGCAPTION', 'BUTTON']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

export function domToText(root: Node | null | undefined): string {
  if (!root) return '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === TEXT_NODE) {
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== DOCUMENT_NODE && node.nodeType !== FRAGMENT_NODE) return;
    const tag = (node as Element).tagName?.toUpperCase() ?? '';
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      parts.push('\n');
      return;
    }
    const block = PARAGRAPH.has(tag) ? '\n\n' : LINE.has(tag) ? '\n' : '';
    parts.push(block);
    if (tag === 'LI') parts.push('• ');
    if (tag === 'TD' || tag === 'TH') parts.push(' ');
    for (const child of node.childNodes) walk(child);
    parts.push(block);
  };
  walk(root);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^• *$/gm, '')
    .trim();
}
