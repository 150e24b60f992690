// Extractive summary of one digest entry (one story, possibly several outlets' versions of it):
// LexRank over a TF-IDF cosine graph with a lead-position prior as the teleport distribution, then
// MMR-style selection that skips sentences redundant with those already chosen or already told
// (`known`). Sentences are kept whole (numbers intact) and returned in their original order.
// Pure and deterministic: same input, same output.

import { splitSentences } from '../../facts/sentences.ts';
import { findNumbers } from '../../facts/numbers.ts';
import { isEnglishOnce, stopwordsFor } from './stopwords.ts';

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
/** PageRank damping; the teleport goes to the position prior. */
const DAMPING = 0.85;
/** Edges weaker than this are noise (shared common words) and are dropped from the graph. */
const MIN_EDGE = 0.08;
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
  /** Normalised TF-IDF vector. */
  vec: Vec;
  numbers: Set<number>;
  score: number;
}

const NON_ASCII = /[^\x00-\x7f]/;
const fold = (s: string) => {
  const lower = s.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
};

/** Outlets word the same casualty fact differently; these words count as one term for similarity. */
const CONCEPTS = new Map<string, string>();
for (const [concept, words] of Object.entries({
  '~die': 'die died dies dead death deaths kill killed killing fatality fatalities perished muerto muertos muerta muertas murio murieron muere mueren morir muerte muertes fallecio fallecieron fallecido fallecidos fallecida fallecidas fallece fallecen fallecimiento',
  '~hurt': 'injured injury injuries wounded hurt herido heridos herida heridas lesionado lesionados lesionada lesionadas',
  '~arrest': 'arrested arrest arrests detained detention detenido detenidos detenida detenidas arrestado arrestados detencion detenciones',
})) {
  for (const w of words.split(' ')) CONCEPTS.set(w, concept);
}

/** Very light stemming good enough for overlap in English and Spanish: plural -s, then 7-letter prefix. */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w.length > 7 ? w.slice(0, 7) : w;
}

/** Words that can start or make a number mention (findNumbers is only worth calling when one occurs). */
const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred thousand dozen zero uno dos
  tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis diecisiete dieciocho
  diecinueve veinte veintiuno veintiun veintiuna veintidos veintitres veinticuatro veinticinco veintiseis veintisiete
  veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento doscientos doscientas
  trescientos trescientas cuatrocientos cuatrocientas quinientos quinientas seiscientos seiscientas setecientos
  setecientas ochocientos ochocientas novecientos novecientas mil docena centenar millar cero`.split(/\s+/),
);

const WORD_RE = /[\p{L}\d]+(?:['’][\p{L}]+)?/gu;

/** Content terms of a sentence: stemmed non-stopwords plus one "#value" term per number mention. */
function terms(text: string, stop: ReadonlySet<string>): { terms: string[]; numbers: Set<number> } {
  const out: string[] = [];
  const numbers = new Set<number>();
  const folded = fold(text);
  const words = folded.match(WORD_RE) ?? [];
  const numeric = /\d/.test(folded) || words.some((w) => NUMBER_WORDS.has(w));
  let masked = words;
  if (numeric) {
    const parts: string[] = [];
    let at = 0;
    for (const m of findNumbers(text)) {
      if (m.weak || isEnglishOnce(m.text, text)) continue;
      parts.push(text.slice(at, m.start), ' ');
      at = m.end;
      numbers.add(m.value);
      out.push(`#${m.value}`);
    }
    if (at > 0) {
      parts.push(text.slice(at));
      masked = fold(parts.join('')).match(WORD_RE) ?? [];
    }
  }
  for (const raw of masked) {
    const w = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
    if (w.length < 2 || stop.has(w) || /\d/.test(w)) continue;
    out.push(CONCEPTS.get(w) ?? stem(w));
  }
  return { terms: out, numbers };
}

/**
 * Terms of known sentences, remembered: a digest passes the same stored timeline with every entry.
 * Bounded; the result depends only on the sentence and the stopword list, so caching changes nothing.
 */
type KnownTerms = { counts: [string, number][]; numbers: Set<number> };
const knownCaches = new Map<ReadonlySet<string>, Map<string, KnownTerms>>();
const KNOWN_CACHE_SIZE = 20_000;

function knownTerms(sentence: string, stop: ReadonlySet<string>): KnownTerms {
  let cache = knownCaches.get(stop);
  if (!cache) knownCaches.set(stop, (cache = new Map()));
  let hit = cache.get(sentence);
  if (!hit) {
    const t = terms(sentence.replace(/\s+/g, ' ').trim(), stop);
    const counts = new Map<string, number>();
    for (const term of t.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    hit = { counts: [...counts], numbers: t.numbers };
    if (cache.size >= KNOWN_CACHE_SIZE) cache.clear();
    cache.set(sentence, hit);
  }
  return hit;
}

/** "LIMA, Jan 10 (Reuters) - ", "MADRID (EFE) — ": the dateline is not part of what the sentence says. */
function stripDateline(text: string): string {
  const m = /^\p{Lu}[\p{Lu}\s.'’-]{1,40}(?:,\s*[\p{L}.\s]{2,30}?\d{0,2}(?:,\s*\d{4})?)?\s*(?:\([^()]{1,40}\))?\s*[-–—]+\s+(?=["“]?\p{Lu})/u.exec(text);
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

/** A sparse vector: term ids ascending, with their weights. */
interface Vec {
  ids: Int32Array;
  ws: Float64Array;
}

/** Dot product of two L2-normalised sparse vectors (merge of the sorted id lists). */
function cosine(a: Vec, b: Vec): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) dot += a.ws[i++]! * b.ws[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

class Vectoriser {
  private readonly ids = new Map<string, number>();
  private readonly df: number[] = [];
  private docs = 0;

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
      this.df.push(0);
    }
    return id;
  }

  /** Counts one "document" (sentence) for document frequencies; returns its term counts. */
  add(termList: string[]): Map<number, number> {
    const counts = new Map<number, number>();
    for (const t of termList) {
      const id = this.id(t);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) this.df[id]!++;
    this.docs++;
    return counts;
  }

  /** Sub-linear TF × smoothed IDF, L2-normalised. Terms never counted get the rarest IDF. */
  vector(counts: Map<number, number>): Vec {
    const ids = Int32Array.from(counts.keys()).sort();
    const ws = new Float64Array(ids.length);
    let norm = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const df = this.df[id] ?? 0;
      const w = (1 + Math.log(counts.get(id)!)) * Math.log(1 + (this.docs + 1) / (df + 1));
      ws[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < ws.length; k++) ws[k]! /= norm;
    return { ids, ws };
  }

  /**
   * The vector of a sentence from outside the entry (a known sentence), restricted to the entry's terms
   * (others cannot meet any candidate) but normalised over all of its terms; null when even a candidate
   * made of exactly its shared terms could not reach `min` cosine (Cauchy–Schwarz bound).
   */
  outsideVector(counts: [string, number][], min: number): Vec | null {
    const rareIdf = Math.log(1 + (this.docs + 1));
    const ids: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    let shared = 0;
    for (const [term, c] of counts) {
      const id = this.ids.get(term);
      const df = id === undefined ? 0 : (this.df[id] ?? 0);
      const w = (1 + Math.log(c)) * (id === undefined ? rareIdf : Math.log(1 + (this.docs + 1) / (df + 1)));
      norm += w * w;
      if (id !== undefined) {
        ids.push(id);
        weights.push(w);
        shared += w * w;
      }
    }
    if (norm === 0 || Math.sqrt(shared / norm) < min) return null;
    const order = ids.map((_, k) => k).sort((a, b) => ids[a]! - ids[b]!);
    const scale = 1 / Math.sqrt(norm);
    return { ids: Int32Array.from(order, (k) => ids[k]!), ws: Float64Array.from(order, (k) => weights[k]! * scale) };
  }
}

/** Personalised PageRank over a weighted, undirected similarity graph (power iteration). */
function lexRank(cands: Candidate[], prior: number[]): number[] {
  const n = cands.length;
  const edges: { to: number[]; w: number[] }[] = cands.map(() => ({ to: [], w: [] }));
  const strength = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(cands[i]!.vec, cands[j]!.vec);
      if (s < MIN_EDGE) continue;
      edges[i]!.to.push(j);
      edges[i]!.w.push(s);
      edges[j]!.to.push(i);
      edges[j]!.w.push(s);
      strength[i]! += s;
      strength[j]! += s;
    }
  }
  let rank = prior.slice();
  for (let iter = 0; iter < 60; iter++) {
    const next = prior.map((p) => (1 - DAMPING) * p);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const r = rank[i]!;
      const total = strength[i]!;
      if (total === 0) {
        dangling += r;
        continue;
      }
      const e = edges[i]!;
      for (let k = 0; k < e.to.length; k++) next[e.to[k]!]! += (DAMPING * r * e.w[k]!) / total;
    }
    if (dangling > 0) for (let i = 0; i < n; i++) next[i]! += DAMPING * dangling * prior[i]!;
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - rank[i]!);
    rank = next;
    if (delta < 1e-7) break;
  }
  return rank;
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
  texts.forEach((text, doc) => {
    let perDoc = 0;
    for (const s of splitSentences(text ?? '')) {
      if (s.headline) continue;
      if (perDoc >= MAX_PER_DOC) break;
      const clean = stripDateline(s.text.replace(/\s+/g, ' ').trim());
      const key = `${doc}\u0000${fold(clean)}`;
      if (!clean || seen.has(key)) continue;
      seen.add(key);
      raw.push({ text: clean, doc, quotable: quotable(clean) });
      perDoc++;
    }
  });
  // Reporting prose when there is some; otherwise whatever sentences there are.
  let pool = raw.filter((r) => r.quotable);
  if (pool.length === 0) pool = raw;
  if (pool.length > MAX_TOTAL) pool = pool.slice(0, MAX_TOTAL);
  if (pool.length === 0) return '';

  const vz = new Vectoriser();
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
  const known = (options.known ?? [])
    .map((k) => {
      const t = knownTerms(k, stop);
      const vec = vz.outsideVector(t.counts, REDUNDANT);
      return vec && { vec, numbers: t.numbers };
    })
    .filter((k) => k !== null);

  // Lead sentences matter in news: prior 1, 1/2, 1/3, … by position in the document.
  const priorRaw = cands.map((c) => 1 / (1 + c.pos));
  const priorSum = priorRaw.reduce((a, b) => a + b, 0);
  const rank = lexRank(cands, priorRaw.map((p) => p / priorSum));
  const maxRank = Math.max(...rank) || 1;
  cands.forEach((c, i) => {
    c.score = (1 - PRIOR_WEIGHT) * (rank[i]! / maxRank) + PRIOR_WEIGHT * priorRaw[i]! + (c.numbers.size > 0 ? NUMBER_BONUS : 0);
  });

  // Drop what the timeline already told.
  const fresh = cands.filter((c) => !known.some((k) => repeats(cosine(c.vec, k.vec), c.numbers, k.numbers)));
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
