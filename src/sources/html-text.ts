/**
 * HTML → plain text: the project's one configuration of html-to-text (feed titles, feed entries, pages and
 * the posts of a page all go through it). Blocks (p, div, headings, tables, lists…) become paragraphs,
 * list items "• " lines, table rows and dt/dd lines, <br> a line break; links keep their words only, images
 * and captions, scripts, forms and navigation give nothing. Runs of spaces collapse and lines are trimmed.
 */
import { compile, type FormatCallback, type SelectorDefinition } from 'html-to-text';

const paragraph = (selector: string): SelectorDefinition => ({ selector, format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } });
const line = (selector: string): SelectorDefinition => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } });
const skip = (selector: string): SelectorDefinition => ({ selector, format: 'skip' });

const PARAGRAPHS = 'p div section article main header blockquote pre table ul ol dl figure h1 h2 h3 h4 h5 h6 hr address details summary';
const LINES = 'tr dt dd';
/** Never text: code, embeds, page furniture (what pages strip as chrome, feed entries carry too). */
const SKIPPED = 'script style noscript template svg iframe object embed head title figcaption button select form nav aside footer img';

/** A list item: a line of its own with a bullet (the bullet of an empty item is dropped afterwards). */
const listItem: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addLiteral('• ');
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 1 });
};
/** A table cell: a space before it, so cells of a row do not run together. */
const tableCell: FormatCallback = (elem, walk, builder) => {
  builder.addLiteral(' ');
  walk(elem.children, builder);
};

const convert = compile({
  wordwrap: false,
  // JavaScript's \s: no-break, hair and other Unicode spaces separate words like any other space
  whitespaceCharacters: ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
  formatters: { listItem, tableCell },
  selectors: [
    { selector: 'a', format: 'inline' },
    ...PARAGRAPHS.split(' ').map(paragraph),
    ...LINES.split(' ').map(line),
    { selector: 'li', format: 'listItem' },
    { selector: 'td', format: 'tableCell' },
    { selector: 'th', format: 'tableCell' },
    ...SKIPPED.split(' ').map(skip),
  ],
});

/** Markup (a page, a fragment, possibly with entities only) → text, one paragraph per block. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  return convert(html)
    .split('\n')
    .map((text) => text.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^• *$/gm, '')
    .trim();
}

/** Markup (possibly escaped) → one line of text, for titles. */
export function htmlToLine(html: string): string {
  return collapse(htmlToText(html));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
