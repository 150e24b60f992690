import { normalizeText } from '../../documents/dedup.ts';
import type { LearnedDocument } from '../../stores/store.ts';

/** Words too common in news to tell two stories apart (English and Spanish). */
const COMMON = new Set(
  'that this with from have has had were was been their they them there which while about after before said says will would could also more than into over under between since against during other some such only just what when where these those being because according peru peruvian peruvians president government people para como pero sobre desde entre tras durante según también está están fueron sido tiene tienen había esta este estos estas donde cuando porque their whose'.split(' '),
);
/** Share of distinctive words two documents must have in common to be one story. */
const SAME_STORY = 0.28;

/** Where a sentence ends and the next begins. */
const SENTENCE_BREAK = /(?<=[.!?])\s+/g;

/** The first `count` sentences of a text, found without splitting the rest of it (the words are what count, not the breaks). */
function firstSentences(text: string, count: number): string {
  SENTENCE_BREAK.lastIndex = 0;
  for (let k = 0; k < count; k++) {
    const found = SENTENCE_BREAK.exec(text);
    if (!found) return text;
    if (k === count - 1) return text.slice(0, found.index);
  }
  return text;
}

function signature(document: LearnedDocument): Set<string> {
  const lead = firstSentences(document.text, 3);
  const words = normalizeText(`${document.title ?? ''} ${document.title ?? ''} ${lead}`).split(' ');
  return new Set(words.filter((word) => word.length >= 4 && !COMMON.has(word)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * New documents grouped into stories: the same news told by several outlets in their own words is
 * one story. Texts that are the same were already merged at ingest; this joins rewrites, by overlap
 * of the distinctive words of their headline and lead (single-link).
 */
export function groupStories(documents: LearnedDocument[]): LearnedDocument[][] {
  const signatures = documents.map(signature);
  const parent = documents.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  for (let i = 0; i < documents.length; i++) {
    for (let j = i + 1; j < documents.length; j++) {
      if (root(i) !== root(j) && jaccard(signatures[i]!, signatures[j]!) >= SAME_STORY) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, LearnedDocument[]>();
  documents.forEach((document, index) => {
    const key = root(index);
    const group = groups.get(key);
    if (group) group.push(document);
    else groups.set(key, [document]);
  });
  return [...groups.values()];
}
