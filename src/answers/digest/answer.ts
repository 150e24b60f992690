import type { Answer, AnswerLink, Line, Section } from '../../core/answer.ts';
import type { Digest, DigestEntry, DigestEntryKind } from './types.ts';

const HEADINGS: Record<DigestEntryKind, string> = {
  figure_change: 'Casualty figures',
  event: 'New events',
  story: 'Top stories',
};
const LINKS_PER_ENTRY = 5;

export function digestJson(digest: Digest & { omitted?: number }) {
  return {
    destination: digest.destination,
    story: digest.story,
    since: digest.since,
    until: digest.until,
    entries: digest.entries.map(({ kind, text, summary, sources }) => ({ kind, text, summary, sources })),
    excluded: digest.excluded,
    omitted: digest.omitted ?? 0,
  };
}

function entryLines(entry: DigestEntry): Line[] {
  const lines: Line[] = [[{ text: entry.text, bold: true }]];
  if (entry.summary && entry.summary !== entry.text) lines.push([entry.summary]);
  const outlets = new Set(entry.sources.map((source) => source.source)).size;
  const links: Line = [outlets > 1 ? `${outlets} sources: ` : 'Source: '];
  entry.sources.slice(0, LINKS_PER_ENTRY).forEach((source, index) => {
    if (index > 0) links.push(' · ');
    // An outlet cited for two different articles is told apart by their titles.
    const twice = entry.sources.filter((other) => other.source === source.source).length > 1;
    const label = twice && source.title ? `${source.source}: ${source.title}` : source.source;
    links.push(source.url ? { text: label, url: source.url } : label);
  });
  if (entry.sources.length > LINKS_PER_ENTRY) links.push(` · +${entry.sources.length - LINKS_PER_ENTRY} more`);
  lines.push(links, ['']);
  return lines;
}

/** A digest as an answer every platform can render; `nothingNew` decides whether an empty one says so. */
export function digestAnswer(digest: Digest & { omitted?: number }, options: { storyName?: string; nothingNew?: boolean; link?: AnswerLink } = {}): Answer | null {
  const json = digestJson(digest);
  if (digest.entries.length === 0) {
    if (!options.nothingNew) return null;
    return { sections: [{ lines: [['Nothing new since the last digest.']] }], json };
  }
  const sections: Section[] = [];
  for (const kind of ['figure_change', 'event', 'story'] as const) {
    const entries = digest.entries.filter((entry) => entry.kind === kind);
    if (entries.length) sections.push({ heading: HEADINGS[kind], lines: entries.flatMap(entryLines) });
  }
  if (digest.omitted) sections.push({ lines: [[`… and ${digest.omitted} more items; /search and /timeline have them all.`]] });
  return { title: `What's new${options.storyName ? ` — ${options.storyName}` : ''}`, sections, json, ...(options.link ? { link: options.link } : {}) };
}
