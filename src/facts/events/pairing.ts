/**
 * Clauses and pairing: a date goes with the predicate of its own clause. Splits a sentence into clauses and
 * stretches (no date reaches across a semicolon, a dash or a quotation mark), finds the event nouns a date
 * modifies, and pairs each date with one predicate.
 */
import type { DateMention } from '../dates.ts';
import { eventKind, type VerbHit } from './event-words.ts';
import { BEGIN_WORD, CLOSES_RIGHT_BEFORE } from './happening-dates.ts';
import { EVENT_NOUN_RE } from './lexicon.ts';

/** Words that open a subordinate clause (the word belongs to the clause it opens). */
const SUBORDINATOR =
  /(?<![\p{L}])(?:when|while|after|before|because|as(?! of| well| a result| at| many| much)|since|until|which|who|whom|whose|where|that|although|though|cuando|mientras|tras|después de|antes de|luego de|porque|que|quien|quienes|donde|aunque|pese a)(?![\p{L}])/giu;

export interface Clauses {
  /** Offsets where a clause starts: after punctuation, at a subordinator. */
  starts: number[];
  /** Offsets where a new stretch starts that no date reaches across: after ; : — or a quotation mark. */
  walls: number[];
}


/** The comma at `i` separates names of a list ("in Lima, Cusco and Puno"), not clauses. */
const NAME = '\\p{Lu}[\\p{L}’\'-]*(?:\\s+(?:de\\s+)?\\p{Lu}[\\p{L}’\'-]*)?';
const LIST_AFTER_COMMA = new RegExp(`^,\\s+${NAME}(?:,\\s+${NAME})*,?\\s+(?:and|y|e|or|o)\\s+\\p{Lu}`, 'u');
export function listComma(sentence: string, i: number): boolean {
  return /\p{Lu}[\p{L}’'-]*$/u.test(sentence.slice(Math.max(0, i - 30), i)) && LIST_AFTER_COMMA.test(sentence.slice(i, i + 120));
}


/** The clauses of a sentence. Date cues are never cut. */
export function clausesOf(sentence: string, keep: { start: number; end: number }[]): Clauses {
  const inside = (i: number) => keep.some((k) => i > k.start && i < k.end);
  const starts: number[] = [];
  const walls: number[] = [];
  for (const m of sentence.matchAll(/[,;:()[\]—–"“”]|\s-\s/g)) {
    const i = m.index!;
    if (inside(i) || (m[0] === ',' && /\d/.test(sentence[i - 1] ?? '') && /\d/.test(sentence[i + 1] ?? '')) || (m[0] === ',' && listComma(sentence, i))) continue;
    starts.push(i + m[0].length);
    if (!/[,()]/.test(m[0])) walls.push(i + m[0].length);
  }
  SUBORDINATOR.lastIndex = 0;
  for (const m of sentence.matchAll(SUBORDINATOR)) if (!inside(m.index!)) starts.push(m.index!);
  return { starts: [...new Set(starts)].sort((a, b) => a - b), walls };
}

const RELATIVE_START = /^\s*(?:which|who|whom|whose|que|quien|quienes|cuy[oa]s?)(?![\p{L}])/iu;
const clauseOf = (clauses: Clauses, at: number) => clauses.starts.filter((s) => s <= at).length;
const stretchOf = (clauses: Clauses, at: number) => clauses.walls.filter((s) => s <= at).length;

/** Event nouns a date modifies: "her death on September 16", "la jornada del martes", "Wednesday's marches". */
export function datedNouns(sentence: string, dates: DateMention[], predicates: VerbHit[], starts: Clauses): VerbHit[] {
  const out: VerbHit[] = [];
  EVENT_NOUN_RE.lastIndex = 0;
  for (const m of sentence.matchAll(EVENT_NOUN_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (predicates.some((p) => start < p.end && p.start < end)) continue;
    const dated = dates.some((d) => {
      if (clauseOf(starts, d.start) !== clauseOf(starts, start)) return false;
      if (d.start >= end) {
        const between = sentence.slice(end, d.start);
        return between.length <= 45 && !predicates.some((p) => p.start >= end && p.end <= d.start) && /(?:^|\s)(?:of|on|in|from|de|del|de la|el|en)\s+(?:the\s+|el\s+|la\s+|this\s+|este\s+|pasado\s+)?$/iu.test(between);
      }
      // "October 20's vote"; "the Oct. 9 vote", "the July 28 presidential election": the date names the happening
      return d.end <= start && start - d.end <= 25 && (/^['’]s\s/.test(sentence.slice(d.end, start)) || (d.precision === 'day' && /^\s+(?:\p{Ll}+\s+)?$/u.test(sentence.slice(d.end, start)) && /(?:^|\s)(?:the|a|an)\s+$/i.test(sentence.slice(Math.max(0, d.start - 5), d.start))));
    });
    if (dated) out.push({ kind: eventKind(m[0]) ?? 'other', weak: true, source: 'noun', start, end, text: m[0] });
  }
  return out;
}

const PENALTY: Record<VerbHit['source'], number> = { lexicon: 0, noun: 4, verb: 12 };

export interface Pairing {
  date: DateMention;
  verb: VerbHit;
  cost: number;
}

/**
 * Pairs each date with the predicate of its clause (nearest first; a strong event word over a weak one),
 * or — when its clause has none ("On 18 October, the situation escalated"; "…, on June 20") — with the
 * nearest predicate of the next clause that has one, or of the previous one. Each date and each
 * predicate is used once.
 */
export function pairDates(sentence: string, dates: DateMention[], predicates: VerbHit[], clauses: Clauses): Pairing[] {
  const clauseOfHit = (h: { start: number }) => clauseOf(clauses, h.start);
  const gap = (d: DateMention, h: VerbHit) => (h.end <= d.start ? d.start - h.end : h.start >= d.end ? h.start - d.end : 0);
  // "declared a state of emergency in Puno on Sunday to contain the protests": a purpose infinitive says why, not what happened
  const purpose = (h: VerbHit) => /\b(?:to|para|in order to|a fin de)\s+$/iu.test(sentence.slice(Math.max(0, h.start - 12), h.start));
  const weight = (h: VerbHit) => PENALTY[h.source] + (h.weak ? 8 : 0) + (purpose(h) ? 60 : 0);
  const costs: Pairing[] = [];
  for (const d of dates) {
    const own = clauseOf(clauses, d.start);
    const reachable = predicates.filter((h) => stretchOf(clauses, h.start) === stretchOf(clauses, d.start));
    // "until July 17, when police retook it": the when-clause says what happened that day.
    const before = sentence.slice(Math.max(0, d.start - 45), d.start);
    const onlyWhen = (d.since && !BEGIN_WORD.test(before)) || CLOSES_RIGHT_BEFORE.test(before);
    const inClause = onlyWhen ? [] : reachable.filter((h) => clauseOfHit(h) === own);
    const verbsOf = (clause: number | undefined) => reachable.filter((h) => h.source !== 'noun' && clauseOfHit(h) === clause);
    const clausesWithVerbs = [...new Set(reachable.filter((h) => h.source !== 'noun').map(clauseOfHit))];
    // Going forward, a relative clause is an aside ("On 5 March, the army, which had been confined to barracks, escalated…").
    const ahead = clausesWithVerbs.filter((c) => c > own).sort((a, b) => a - b);
    const next = ahead.find((c) => !RELATIVE_START.test(sentence.slice(clauses.starts[c - 1] ?? 0))) ?? ahead[0];
    const prev = onlyWhen ? undefined : clausesWithVerbs.filter((c) => c < own).sort((a, b) => b - a)[0];
    // "En su último balance del domingo, Rubilar confirmó…": in a fronted phrase without a verb, the
    // verb after the comma is the predicate, not the phrase's noun.
    const fronted = own === 0 && !inClause.some((h) => h.source !== 'noun') && next !== undefined;
    if (inClause.length && !fronted) {
      for (const h of inClause) if (gap(d, h) <= 160) costs.push({ date: d, verb: h, cost: gap(d, h) + weight(h) });
      continue;
    }
    for (const [clause, extra] of [[next, 30], [prev, 45]] as const) {
      for (const h of verbsOf(clause)) if (gap(d, h) <= 160) costs.push({ date: d, verb: h, cost: gap(d, h) + weight(h) + extra });
    }
  }
  costs.sort((a, b) => a.cost - b.cost);
  const usedDates = new Set<DateMention>();
  const usedVerbs = new Set<VerbHit>();
  const pairs: Pairing[] = [];
  for (const c of costs) {
    if (usedDates.has(c.date) || usedVerbs.has(c.verb)) continue;
    usedDates.add(c.date);
    usedVerbs.add(c.verb);
    pairs.push(c);
  }
  return pairs;
}
