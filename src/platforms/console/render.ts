import type { Answer, Line, Span } from '../../core/answer.ts';

function spanToText(span: Span): string {
  if (typeof span === 'string') return span;
  return span.url && span.url !== span.text ? `${span.text} <${span.url}>` : span.text;
}

function lineToText(line: Line): string {
  return line.map(spanToText).join('');
}

/** An answer as plain text for a terminal: headings underlined, links written out, files as paths. */
export function renderPlain(answer: Answer): string {
  const blocks: string[] = [];
  if (answer.title) blocks.push(answer.title);
  for (const section of answer.sections) {
    const lines = section.lines.map(lineToText);
    blocks.push([...(section.heading ? [section.heading, '-'.repeat(Math.min(section.heading.length, 60))] : []), ...lines].join('\n'));
  }
  for (const attachment of answer.attachments ?? []) {
    blocks.push(`${attachment.description ?? attachment.name}: ${attachment.path}`);
  }
  if (answer.link) blocks.push(`${answer.link.label}: ${answer.link.url}`);
  return blocks.join('\n\n');
}
