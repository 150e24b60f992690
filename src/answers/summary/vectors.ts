/**
 * The arithmetic of the extractive summary: sparse TF-IDF vectors, their cosine, and LexRank (personalized
 * PageRank over the cosine graph of the sentences).
 */

/** PageRank damping; the teleport goes to the position prior. */
const DAMPING = 0.85;
/** Edges weaker than this are noise (shared common words) and are dropped from the graph. */
const MIN_EDGE = 0.08;

/** A sparse vector: term ids ascending, with their weights. */
export interface Vec {
  ids: Int32Array;
  ws: Float64Array;
}

/** Dot product of two L2-normalized sparse vectors (merge of the sorted id lists). */
export function cosine(a: Vec, b: Vec): number {
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

export class Vectorizer {
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

  /** Sub-linear TF × smoothed IDF, L2-normalized. Terms never counted get the rarest IDF. */
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
   * The weights of a sentence from outside the entry (a known sentence) on the entry's terms (others cannot meet any
   * candidate), normalized over all of its terms: `visit` gets each shared term's id and weight. Nothing is visited,
   * and false returned, when even a candidate made of exactly its shared terms could not reach `min` cosine
   * (Cauchy–Schwarz bound).
   */
  outsideWeights(counts: [string, number][], min: number, visit: (id: number, weight: number) => void): boolean {
    let norm = 0;
    let shared = 0;
    for (const [term, count] of counts) {
      const w = this.outsideWeight(term, count);
      norm += w * w;
      if (this.ids.has(term)) shared += w * w;
    }
    if (norm === 0 || Math.sqrt(shared / norm) < min) return false;
    const scale = 1 / Math.sqrt(norm);
    for (const [term, count] of counts) {
      const id = this.ids.get(term);
      if (id !== undefined) visit(id, this.outsideWeight(term, count) * scale);
    }
    return true;
  }

  /** Sub-linear TF × IDF of a term of an outside sentence (terms the entry never counted get the rarest IDF). */
  private outsideWeight(term: string, count: number): number {
    const id = this.ids.get(term);
    const df = id === undefined ? 0 : (this.df[id] ?? 0);
    return (1 + Math.log(count)) * (id === undefined ? Math.log(1 + (this.docs + 1)) : Math.log(1 + (this.docs + 1) / (df + 1)));
  }
}

/** Personalized PageRank over a weighted, undirected similarity graph (power iteration). */
export function lexRank(vecs: Vec[], prior: number[]): number[] {
  const n = vecs.length;
  const edges: { to: number[]; w: number[] }[] = vecs.map(() => ({ to: [], w: [] }));
  const strength = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vecs[i]!, vecs[j]!);
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
