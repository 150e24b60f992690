// Extractive summary of one digest entry (one story, possibly several outlets' versions of it):
// LexRank over a TF-IDF cosine graph with a lead-position prior as the teleport distribution, then
// MMR-style selection that skips sentences redundant with those already chosen or already told
// (`known`). Sentences are kept whole (numbers intact) and returned in their original order.
// Pure and deterministic: same input, same output. Term extraction is in terms.ts, vectors and LexRank in vectors.ts,
// the known sentences by term in known-index.ts.
// Hand-written: the npm summarizers (ts-textrank: one similarity function and one text parser, last published
// two years ago; lexrank: a few thousand downloads a month) parse the text themselves and rank it alone; none
// reads our sentences (facts/sentences.ts), treats number mentions as terms, or skips what a digest already told.

import { CITY_STOP_DATELINE, splitSentences } from '../../facts/sentences.ts';
import { findNumbers } from '../../facts/numbers.ts';
import { stopwordsFor } from './stopwords.ts';
import { KnownIndex } from './known-index.ts';
import { fold, knownTermsOf, terms } from './terms.ts';
import { cosine, lexRank, Vectorizer, type Vec } from './vectors.ts';

export interface ExtractiveOptions {
  /** Most sentences in the summary. Default 2. */
  maxSentences?: number;
  /** Longest summary, sentences joined by a space. Default 400. */
  maxChars?: number;
  /** Sentences already told (the stored timeline): candidates saying the same thing are skipped. */
  known?: string[];
  /** ISO 639-1 code ('en', 'es') choosing the stopword list; both lists when absent or unknown. */
  language?: string | null;
}

/** Cosine similarity at or above which a sentence repeats another (unless it brings a new number). */
const REDUNDANT = 0.5;
/** MMR trade-off between the sentence's own score and its similarity to what is already chosen. */
const LAMBDA = 0.7;
/** Weight of the position prior in the final score (the rest is the LexRank centrality). */
const PRIOR_WEIGHT = 0.5;
/** A sentence with a figure in it gets this bonus: a digest follows figures. */
const NUMBER_BONUS = 0.08;
/** Bounds on the work per entry: sentences considered per document and in all. */
const MAX_PER_DOC = 80;
const MAX_TOTAL = 400;

interface Candidate {
  text: string;
  doc: number;
  /** Index among the document's candidate sentences (0 = lead). */
  pos: number;
  /** Normalized TF-IDF vector. */
  vec: Vec;
  numbers: Set<number>;
  score: number;
}

/** "LIMA, Jan 10 (Reuters) - ", "MADRID (EFE) — ", "LIMA. ": the dateline is not part of what the sentence says. */
function stripDateline(text: string): string {
  const m = /^\p{Lu}[\p{Lu}\s.'’-]{1,40}(?:,\s*[\p{L}.\s]{2,30}?\d{0,2}(?:,\s*\d{4})?)?\s*(?:\([^()]{1,40}\))?\s*[-–—]+\s+(?=["“]?\p{Lu})/u.exec(text)
    ?? CITY_STOP_DATELINE.exec(text);
  return m && m[0].length < text.length / 2 ? text.slice(m[0].length) : text;
}

/** A sentence worth quoting in a digest: reporting prose, not a headline, caption, fragment or link. */
function quotable(text: string): boolean {
  if (text.length < 30 || text.length > 700) return false;
  if (text.split(/\s+/).length < 6) return false;
  if (!/[.!…]["”’»)\]]*$/.test(text)) return false;
  if (!/^[¿¡"“‘'«(\p{Lu}\d]/u.test(text)) return false;
  if (/https?:\/\/|www\.|@\w+\.\w|\b(subscribe|newsletter|cookies?|all rights reserved|read more|click here|suscr[ií]bete|lee también|lea también|derechos reservados)\b|©/i.test(text)) return false;
  return true;
}

/** True when `cand` repeats `other`: similar enough, and no figure in it that `other` lacks. */
function repeats(sim: number, cand: Set<number>, other: Set<number>): boolean {
  if (sim < REDUNDANT) return false;
  for (const v of cand) if (!other.has(v)) return sim >= 0.9;
  return true;
}

/** Cuts an over-long sentence at a word boundary before `max` characters, never inside a number. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(' ', Math.max(0, max - 1));
  if (cut <= 0) return '';
  for (const m of findNumbers(text)) if (m.start < cut && cut < m.end) cut = m.start;
  const head = text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '');
  return head ? `${head}…` : '';
}

/**
 * An extractive summary of one entry's documents: at most `maxSentences` whole sentences and `maxChars`
 * characters, in original order (document order, then position), none repeating a `known` sentence.
 * Empty when nothing new is left to say.
 */
export function summarizeExtractive(texts: string[], options: ExtractiveOptions = {}): string {
  const maxSentences = Math.max(1, Math.floor(options.maxSentences ?? 2));
  const maxChars = Math.max(1, Math.floor(options.maxChars ?? 400));
  const stop = stopwordsFor(options.language);

  const seen = new Set<string>();
  const raw: { text: string; doc: number; quotable: boolean }[] = [];
  let quotables = 0;
  texts.forEach((text, doc) => {
    // (the pool is the first MAX_TOTAL quotable sentences once there are any: a large story's later documents cannot
    // enter it, so they are not read)
    if (quotables >= MAX_TOTAL) return;
    let perDoc = 0;
    for (const s of splitSentences(text ?? '')) {
      if (s.headline) continue;
      if (perDoc >= MAX_PER_DOC) break;
      const clean = stripDateline(s.text.replace(/\s+/g, ' ').trim());
      const key = `${doc}\u0000${fold(clean)}`;
      if (!clean || seen.has(key)) continue;
      seen.add(key);
      const worth = quotable(clean);
      raw.push({ text: clean, doc, quotable: worth });
      if (worth) quotables++;
      perDoc++;
    }
  });
  // Reporting prose when there is some; otherwise whatever sentences there are.
  let pool = raw.filter((r) => r.quotable);
  if (pool.length === 0) pool = raw;
  if (pool.length > MAX_TOTAL) pool = pool.slice(0, MAX_TOTAL);
  if (pool.length === 0) return '';

  const vz = new Vectorizer();
  const counted = pool.map((r) => {
    const t = terms(r.text, stop);
    return { ...r, counts: vz.add(t.terms), numbers: t.numbers };
  });
  const position = new Map<number, number>();
  const cands: Candidate[] = counted.map((r) => {
    const pos = position.get(r.doc) ?? 0;
    position.set(r.doc, pos + 1);
    return { text: r.text, doc: r.doc, pos, vec: vz.vector(r.counts), numbers: r.numbers, score: 0 };
  });
  const known = new KnownIndex(vz, knownTermsOf(options.known ?? [], stop), REDUNDANT);

  // Lead sentences matter in news: prior 1, 1/2, 1/3, … by position in the document.
  const priorRaw = cands.map((c) => 1 / (1 + c.pos));
  const priorSum = priorRaw.reduce((a, b) => a + b, 0);
  const rank = lexRank(cands.map((c) => c.vec), priorRaw.map((p) => p / priorSum));
  const maxRank = Math.max(...rank) || 1;
  cands.forEach((c, i) => {
    c.score = (1 - PRIOR_WEIGHT) * (rank[i]! / maxRank) + PRIOR_WEIGHT * priorRaw[i]! + (c.numbers.size > 0 ? NUMBER_BONUS : 0);
  });

  // Drop what the timeline already told.
  const fresh = cands.filter((c) => !known.similar(c.vec, REDUNDANT).some(({ known: k, sim }) => repeats(sim, c.numbers, k.numbers)));
  if (fresh.length === 0) return '';

  const chosen: Candidate[] = [];
  let length = 0;
  const left = new Set(fresh);
  while (chosen.length < maxSentences && left.size > 0) {
    let best: Candidate | null = null;
    let bestValue = -Infinity;
    for (const c of left) {
      let redundant = false;
      let maxSim = 0;
      for (const o of chosen) {
        const sim = cosine(c.vec, o.vec);
        if (repeats(sim, c.numbers, o.numbers)) redundant = true;
        if (sim > maxSim) maxSim = sim;
      }
      const extra = (chosen.length > 0 ? 1 : 0) + c.text.length;
      if (redundant || length + extra > maxChars) {
        left.delete(c);
        continue;
      }
      const value = LAMBDA * c.score - (1 - LAMBDA) * maxSim;
      // Ties go to the earlier sentence (Set iteration follows document order): deterministic.
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    if (!best) break;
    chosen.push(best);
    left.delete(best);
    length += (chosen.length > 1 ? 1 : 0) + best.text.length;
  }

  if (chosen.length === 0) {
    // Every fresh sentence is longer than maxChars: the best one, cut at a word boundary.
    const top = fresh.reduce((a, b) => (b.score > a.score ? b : a));
    return truncate(top.text, maxChars);
  }
  chosen.sort((a, b) => a.doc - b.doc || a.pos - b.pos);
  return chosen.map((c) => c.text).join(' ');
}
