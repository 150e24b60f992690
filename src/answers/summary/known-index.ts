/**
 * The known sentences of a summary (what the digest's timeline already told: thousands on a large store) indexed by the
 * entry's term ids, so that a candidate sentence meets only the known ones it shares a term with, instead of a cosine
 * with every one of them (which was most of a digest's time). The similarity is the number `cosine` gives: the same
 * products (candidate weight × known weight), summed from 0 in ascending term id.
 */
import type { KnownTerms } from './terms.ts';
import type { Vec, Vectorizer } from './vectors.ts';

export class KnownIndex {
  /** Term id → the known sentences holding it (their place in `known`) and their weights there. */
  private readonly postings = new Map<number, { known: number[]; weights: number[] }>();
  private readonly sums: Float64Array;
  /** Which `similar` call last reset a sum (its number), so that sums are reset only where touched. */
  private readonly marks: Int32Array;
  private call = 0;

  constructor(
    vectorizer: Vectorizer,
    private readonly known: readonly KnownTerms[],
    /** The least cosine looked for: known sentences that cannot reach it with any candidate are left out. */
    min: number,
  ) {
    known.forEach((terms, index) =>
      vectorizer.outsideWeights(terms.counts, min, (id, weight) => {
        const posting = this.postings.get(id);
        if (posting) {
          posting.known.push(index);
          posting.weights.push(weight);
        } else this.postings.set(id, { known: [index], weights: [weight] });
      }),
    );
    this.sums = new Float64Array(known.length);
    this.marks = new Int32Array(known.length);
  }

  /** The known sentences whose cosine with `vec` (a candidate's vector) is at least `min`, with that cosine. */
  similar(vec: Vec, min: number): { known: KnownTerms; sim: number }[] {
    const call = ++this.call;
    const touched: number[] = [];
    for (let i = 0; i < vec.ids.length; i++) {
      const posting = this.postings.get(vec.ids[i]!);
      if (!posting) continue;
      const weight = vec.ws[i]!;
      for (let p = 0; p < posting.known.length; p++) {
        const k = posting.known[p]!;
        if (this.marks[k] !== call) {
          this.marks[k] = call;
          this.sums[k] = 0;
          touched.push(k);
        }
        this.sums[k]! += weight * posting.weights[p]!;
      }
    }
    return touched.filter((k) => this.sums[k]! >= min).map((k) => ({ known: this.known[k]!, sim: this.sums[k]! }));
  }
}
