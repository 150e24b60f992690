import { createHash } from 'node:crypto';

/**
 * Duplicate detection. Exact copies share a content hash; republished or lightly edited copies,
 * and wire copy inside a longer page, share most word 5-shingles. Candidates come from shared
 * normalized sentences (cheap to index), the verdict from shingle overlap (robust to edits).
 * Hand-written: the shingle/containment test is a few lines, and the npm MinHash packages index
 * whole corpora in memory, which the store's sentence index makes unnecessary.
 */

const SHINGLE_WORDS = 5;
const MIN_SENTENCE_WORDS = 8;
/** Share of shingles two texts must have in common (of their union) to be the same story. */
const SAME_TEXT_JACCARD = 0.8;
/** Share of the shorter text's shingles found in the longer one for wire copy inside a page. */
const CONTAINED = 0.85;
/** Below this many shingles a text is too short to call contained in another ("Read more"). */
const MIN_CONTAINED_SHINGLES = 25;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeText(text)).digest('hex');
}

/** FNV-1a, 32 bits: fast and good enough to bucket shingles and sentences. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Hashes of the text's sentences long enough to identify it (short ones are boilerplate-prone). */
export function sentenceHashes(text: string): number[] {
  const hashes = new Set<number>();
  for (const sentence of text.split(/(?<=[.!?…])\s+|\n+/u)) {
    const normalized = normalizeText(sentence);
    if (normalized.split(' ').length >= MIN_SENTENCE_WORDS) hashes.add(fnv1a(normalized));
  }
  return [...hashes];
}

export function shingles(text: string): Set<number> {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const result = new Set<number>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length > 0) result.add(fnv1a(words.join(' ')));
    return result;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    result.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  return result;
}

export type Overlap = 'same' | 'contained' | 'contains' | 'different';

/** The numbers a text states ("1,200" and "1200" alike). */
function numbersOf(text: string): Set<string> {
  return new Set((text.match(/\d[\d.,]*\d|\d/g) ?? []).map((n) => n.replace(/[.,](?=\d{3}\b)/g, '')));
}

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * How `candidate` relates to `existing`: the same text, inside it, containing it, or different.
 * A version that states a number the other does not ("the toll rose to 55" where it said 47) is a
 * different document however alike the words: merging it would lose the new figure.
 */
export function compareTexts(candidate: string, existing: string): Overlap {
  const a = shingles(candidate);
  const b = shingles(existing);
  if (a.size === 0 || b.size === 0) return 'different';
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const hash of small) if (large.has(hash)) shared++;
  const candidateNumbers = numbersOf(candidate);
  const existingNumbers = numbersOf(existing);
  if (shared / (a.size + b.size - shared) >= SAME_TEXT_JACCARD && subset(candidateNumbers, existingNumbers) && subset(existingNumbers, candidateNumbers)) return 'same';
  if (small.size >= MIN_CONTAINED_SHINGLES && shared / small.size >= CONTAINED) {
    if (small === a) return subset(candidateNumbers, existingNumbers) ? 'contained' : 'different';
    return subset(existingNumbers, candidateNumbers) ? 'contains' : 'different';
  }
  return 'different';
}
