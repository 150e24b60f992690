/**
 * A document's sentences as extraction reads them: the title first (a headline), then the body through the
 * project's one sentence splitter (../sentences.ts), whitespace collapsed and list bullets dropped, each marked
 * as a headline, a live-blog entry header (a time stamp), or the lead of a dated entry.
 */
import { addDays } from '../dates.ts';
import { splitSentences } from '../sentences.ts';
import { normalizeName } from '../story.ts';
import type { FactInput } from '../types.ts';

export interface DocumentSentence {
  text: string;
  paragraph: number;
  /** Index of the sentence inside the document body (title is -1). */
  ordinal: number;
  headline: boolean;
  /** The day of the live-blog entry the sentence is in ("Domingo 20, 17:30 —"), when its header names one. */
  entryDate: string | null;
  /** First sentence of a dated live-blog entry: its happening is the entry's, even without a date cue. */
  entryLead: boolean;
  /** A live-blog entry header: a time stamp and a headline, never an event itself. */
  entryHeader: boolean;
}

/** Bylines and page metadata: "Publicado el 17/01/2020 | Por …", "This page was last edited on 3 December 2024". */
export const METADATA = /^(?:(?:publicado|published|updated|actualizado|posted|fecha)\b|this page was last (?:edited|modified)|última (?:edición|actualización)|last (?:updated|modified))|\s\|\s/iu;

/** "Domingo 20, 17:30 — …", "09:40 — …", "5.20pm", "11:50 p.m. El Centro…": a live-blog entry's time stamp. */
const ENTRY_HEADER = /^(?:(\p{L}+\s+\d{1,2}|\d{1,2}\s+(?:de\s+)?\p{L}+)\s*,\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?|GMT|UTC|h(?![\p{L}]))?\s*(?:[—–|-]\s*|$)/iu;

/** The day a live-blog header names ("Domingo 20"): the latest day on or before publication with that day number. */
function entryDay(label: string, published: string | null): string | null {
  const day = Number(label.match(/\d{1,2}/)?.[0]);
  if (!published || !day) return null;
  for (let back = 0; back < 31; back++) {
    const date = addDays(published, -back);
    if (Number(date.slice(8, 10)) === day) return date;
  }
  return null;
}

export function documentSentences(doc: FactInput, published: string | null): DocumentSentence[] {
  const sentences: DocumentSentence[] = [];
  const blank = { entryDate: null, entryLead: false, entryHeader: false };
  if (doc.title?.trim()) sentences.push({ text: doc.title.replace(/\s+/g, ' ').trim(), paragraph: -1, ordinal: -1, headline: true, ...blank });
  const title = doc.title ? normalizeName(doc.title) : null;
  let ordinal = 0;
  let entryDate: string | null = null;
  let leadPending = false;
  let lastParagraph = -1;
  for (const split of splitSentences(doc.text)) {
    // A quote is one line of text: runs of whitespace collapsed, a list bullet dropped.
    const s = { text: split.text.replace(/\s+/g, ' ').replace(/^[\s•*–-]+/, '').trim(), paragraph: split.paragraph };
    if (!s.text) continue;
    // The splitter may leave the title at the top of the text: skip the repeat.
    if (title && ordinal === 0 && normalizeName(s.text) === title) continue;
    const headline = !/[.!?…"”]$/.test(s.text) && s.text.split(/\s+/).length <= 20;
    const newParagraph = s.paragraph !== lastParagraph;
    lastParagraph = s.paragraph;
    const stamp = newParagraph ? s.text.match(ENTRY_HEADER) : null;
    if (stamp) {
      entryDate = stamp[1] ? entryDay(stamp[1], published) : null;
      leadPending = entryDate !== null;
      if (headline) {
        sentences.push({ text: s.text, paragraph: s.paragraph, ordinal: ordinal++, headline, entryDate, entryLead: false, entryHeader: true });
        continue;
      }
    }
    const entryLead = leadPending && !headline;
    if (entryLead) leadPending = false;
    sentences.push({ text: s.text, paragraph: s.paragraph, ordinal: ordinal++, headline, entryDate, entryLead, entryHeader: false });
  }
  return sentences;
}
