import { isTag, isText, type ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const HIDDEN = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'form', 'button', 'nav', 'aside', 'footer']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'blockquote', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'tr', 'figure', 'figcaption', 'header', 'main', 'dd', 'dt']);

/**
 * An HTML fragment (a feed entry's content) as text with one paragraph per block. Readability is for
 * whole pages; on a fragment it either returns it unchanged or drops short entries, so this walks the
 * tree instead.
 */
export function fragmentToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const document = parseDocument(html, { decodeEntities: true });
  const out: string[] = [];
  const walk = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (isText(node)) out.push(node.data.replace(/\s+/g, ' '));
      else if (isTag(node)) {
        const name = node.name.toLowerCase();
        if (HIDDEN.has(name)) continue;
        if (name === 'br') out.push('\n');
        const block = BLOCK.has(name);
        if (block) out.push('\n\n');
        walk(node.children);
        if (block) out.push('\n\n');
      }
    }
  };
  walk(document.children);
  return out
    .join('')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
