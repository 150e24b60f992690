// How a number reads as a casualty count: its kind and how it is told (after, before, a toll, a part), its qualifier,
// and its scope from cues in its clause. Rule tables are in figure-rules.ts; figures.ts reads sentences with these.
import type { FigureKind, Qualifier, Scope } from './types.ts';
import type { DateMention } from './dates.ts';
import type { NumberMention } from './numbers.ts';
import * as R from './figure-rules.ts';
import { ARTICLE_PERSON, COORD, WEAK_AUX, WEAK_PERSON } from './figure-rules.ts';

export const KINDS: FigureKind[] = ['deaths', 'injured', 'detained'];
const AFTER_RE = Object.fromEntries(
  KINDS.map((k) => {
    const fill = `(?:\\s+(?:${R.FILLERS}|${COORD})(?![\\p{L}]))*?`;
    // at most one word outside the filler list: "39,145 Palestinians have been killed", or two joined: "100 protesters and
    // bystanders were killed"
    return [k, new RegExp(`^(${fill}(?:\\s+${R.GENERIC}(?:\\s+(?:and|or|y|o|e)\\s+${R.GENERIC})?)?${fill})\\s+(${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')];
  }),
) as Record<FigureKind, RegExp>;
const WEAK_AFTER_RE = Object.fromEntries(
  KINDS.map((k) => [k, new RegExp(`^((?:\\s+${WEAK_PERSON})?(?:\\s+${WEAK_AUX}){0,2})\\s+(${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')]),
) as Record<FigureKind, RegExp>;
// "Dos personas que habían recibido disparos graves fallecieron", "three men who had been shot on Friday died": a
// relative clause between the people counted and their verb
const RELATIVE_AFTER_RE = Object.fromEntries(
  // (the relative clause's words hold no count of their own: "unas 20.000 personas, que informó de 5 detenidos")
  KINDS.map((k) => [k, new RegExp(`^(\\s+(?:${R.FILLERS})\\s+(?:que|who|that)(?:\\s+(?!\\d)[^\\s,;:.]+){1,8}?)\\s+(${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')]),
) as Record<FigureKind, RegExp>;
// "Al menos 18 miembros de las fuerzas de seguridad kazajas han perdido la vida": who they were, then their verb
const GROUP_AFTER_RE = Object.fromEntries(
  KINDS.map((k) => [k, new RegExp(`^(\\s+${R.VICTIM_GROUP}(?:\\s+[\\p{L}]+){0,10}?)\\s+(${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')]),
) as Record<FigureKind, RegExp>;
/** A word that opens another clause between a group and a verb: "where", "when", "after", "donde", "cuando", "tras". */
const OTHER_CLAUSE_BETWEEN = /(?<![\p{L}])(?:where|when|after|because|while|donde|cuando|tras|porque|mientras)(?![\p{L}])/iu;
/** "12 police officers died", not "12 soldiers killed three protesters": the group's verb, unless it is an actor's. */
function groupThenVerb(m: RegExpExecArray | null, post: string): boolean {
  if (!m) return false;
  // ("25 soldiers were sent to the area where two people died": the verb of another clause; a count coordinated with it,
  // "10 civiles y tres agentes resultaron heridos", shares it)
  if (OTHER_CLAUSE_BETWEEN.test(m[1]!)) return false;
  const word = m[2]!.toLowerCase();
  return !(TRANSITIVE.test(word) && R.ACTIVE_AFTER.test(`${word}${post.slice(m[0].length)}`));
}
export const ARTICLE_PERSON_RE = new RegExp(`^\\s+${ARTICLE_PERSON}`, 'iu');
const ARTICLE_AFTER_RE = Object.fromEntries(
  KINDS.map((k) => [k, new RegExp(`^(\\s+${ARTICLE_PERSON}(?:\\s+${WEAK_AUX}){0,2})\\s+(${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')]),
) as Record<FigureKind, RegExp>;
const BEFORE_RE = Object.fromEntries(
  // ("murieron en total 13 personas", "killed a total of 13", "murieron otras siete", "killed another 12")
  KINDS.map((k) => [k, new RegExp(`(?:${R.KIND_BEFORE[k]})\\s*(?:en total\\s+|in total\\s+|un total de\\s+|a total of\\s+)?(?:the\\s+|los\\s+|las\\s+|a\\s+|otros\\s+|otras\\s+|another\\s+|other\\s+)?['’"“”]?\\s*$`, 'iu')]),
) as Record<FigureKind, RegExp>;
/** A casualty word of each kind anywhere in a text ("de los fallecidos,", "Del total de detenidos"). */
export const KIND_WORD_RE = Object.fromEntries(KINDS.map((k) => [k, new RegExp(`(?:${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')])) as Record<FigureKind, RegExp>;
const TRANSITIVE = /^(?:killed|murdered|arrested|detained|wounded|injured|hurt|executed)$/i;




export function qualifierOf(pre: string, post: string, n: NumberMention): { qualifier: Qualifier; cut: number } {
  if (n.plus) return { qualifier: 'more_than', cut: pre.length };
  if (R.CHANGED_TO_BEFORE.test(pre)) return { qualifier: 'exact', cut: pre.length };
  for (const [re, q] of R.QUALIFIERS) {
    const m = re.exec(pre);
    if (m) return { qualifier: q, cut: m.index };
  }
  for (const [re, q] of R.QUALIFYING_VERBS) if (re.test(pre)) return { qualifier: q, cut: pre.length };
  for (const [re, q] of R.QUALIFIER_AFTER) if (re.test(post)) return { qualifier: q, cut: pre.length };
  // "un centenar de heridos", "una veintena de detenidos": about that many
  return { qualifier: n.approx ? 'approximately' : 'exact', cut: pre.length };
}

/** Which casualty (if any) a number counts, and how: 'after' ("17 killed"), 'before' ("killed 17"), 'toll'. */
export type How = 'after' | 'before' | 'toll' | 'part';
/**
 * "106 protesters, spread over 21 cities, have been killed", "1,500 people - 17 teenagers among them - were killed": an aside
 * between commas or dashes after the people counted, before their verb. The words after the number with the aside left
 * out, or null when there is none.
 */
const ASIDE_AFTER_GROUP = /^((?:\s+[\p{L}’'-]+){1,3}?)(?:\s*,[^,;:.()]{3,80},|\s+[-–—][^-–—;:.()]{3,160}[-–—])(?=\s+\p{Ll})/u;
function withoutAside(post: string): string | null {
  const m = ASIDE_AFTER_GROUP.exec(post);
  return m ? m[1]! + post.slice(m[0].length) : null;
}

export function kindOf(pre: string, post: string, n: NumberMention): { kind: FigureKind; how: How } | null {
  const read = kindOfWords(pre, post, n);
  if (read || n.weak) return read;
  const bare = withoutAside(post);
  return bare === null ? null : kindOfWords(pre, bare, n);
}

function kindOfWords(pre: string, post: string, n: NumberMention): { kind: FigureKind; how: How } | null {
  // "son 23 las personas que perdieron la vida": the cleft is a toll even where the words after read as a plain count
  const cleftFirst = !n.weak && R.CLEFT_BEFORE.test(pre) ? KINDS.find((k) => R.CLEFT_AFTER[k].test(post)) : undefined;
  if (cleftFirst) return { kind: cleftFirst, how: 'toll' };
  let best: { kind: FigureKind; len: number; across: boolean; rest: string } | null = null;
  for (const k of KINDS) {
    const m = (n.weak ? (/^an?$/i.test(n.text) ? ARTICLE_AFTER_RE : WEAK_AFTER_RE) : AFTER_RE)[k].exec(post);
    if (!m || (best && best.len <= m[0].length)) continue;
    const fillers = m[1]!.trim().toLowerCase();
    const rest = post.slice(m[0].length);
    const word = m[2]!.toLowerCase();
    // "12 soldiers killed 3 protesters", "soldiers who killed…": the number is the actor, not the casualty
    if (TRANSITIVE.test(word) && (R.ACTIVE_AFTER.test(`${word}${rest}`) || /\b(?:who|that|which)$/.test(fillers))) continue;
    // "a soldier killed him": an active verb with an object after a lone article
    if (n.weak && TRANSITIVE.test(word) && /^\s+(?:him|her|them|us|me|it|people|(?:protest[eo]r|demonstrator|civilian|student|officer|soldier|man|woman|boy|girl)s?)\b/i.test(rest)) continue;
    // "sufrió una herida de bala", "a wound to the head": a lone article before a wound is the wound, not a person
    if (n.weak && !fillers && /^(?:herida|lesi[oó]n|wound|injury)$/.test(word) && /^\s*(?:de|por|en|to|from|in|on|that|que|grave|leve|mortal)\b/i.test(rest)) continue;
    // (the verb reached across a coordinated count: "261 personas y 4.199 han sido detenidas")
    best = { kind: k, len: m[0].length, across: /\d|\b(?:and|y|as well as)\s/iu.test(fillers), rest };
  }
  // "eight other detainees died", "dos de los heridos fallecieron después": who they were, then a death verb, is their fate
  // (and the dead among the detained or the injured are a part by who they were, never the toll)
  if (best && best.kind !== 'deaths' && R.DIED_AFTER_NOUN.test(best.rest)) return { kind: 'deaths', how: 'part' };
  // "han muerto 261 personas y 4.199 han sido detenidas": a verb right before the count is its own, not the next count's
  const ownVerb = best?.across && !n.weak && R.AFTER_BEFORE_OK.test(post) ? KINDS.find((k) => BEFORE_RE[k].test(pre)) : undefined;
  if (ownVerb) return { kind: ownVerb, how: 'before' };
  if (best) return { kind: best.kind, how: R.TOLL_NOUN_BEFORE.test(pre) ? 'toll' : 'after' };
  const relative = n.weak ? undefined : KINDS.find((k) => RELATIVE_AFTER_RE[k].test(post) || groupThenVerb(GROUP_AFTER_RE[k].exec(post), post));
  if (relative) return { kind: relative, how: 'after' };
  if (n.weak) return null;
  const tollAfter = KINDS.find((k) => R.TOLL_AFTER[k].test(post));
  if (tollAfter) return { kind: tollAfter, how: 'toll' };
  const cleft = R.CLEFT_BEFORE.test(pre) ? KINDS.find((k) => R.CLEFT_AFTER[k].test(post)) : undefined;
  if (cleft) return { kind: cleft, how: 'toll' };
  const copula = KINDS.find((k) => R.COPULA_BEFORE[k].test(pre));
  if (copula) return { kind: copula, how: 'toll' };
  if (R.LIVES_BEFORE.test(pre) && R.LIVES_AFTER.test(post)) return { kind: 'deaths', how: 'before' };
  if (R.LIVES_OF_BEFORE.test(pre)) return { kind: 'deaths', how: 'before' };
  if (!R.AFTER_BEFORE_OK.test(post)) return null;
  for (const k of KINDS) {
    const m = BEFORE_RE[k].exec(pre);
    if (m) return { kind: k, how: /toll|cifra|n[uú]mero|balance|saldo|number/i.test(m[0]) ? 'toll' : 'before' };
  }
  return null;
}

/**
 * A toll-like count the sentence narrows to a part: told by a local authority ("La Policía Metropolitana contabiliza 10
 * homicidios", "the mayor said 13 died"), over a stretch of days just told ("En esos cuatro días hubo 161 detenciones"), or
 * of one hospital's patients ("atendidos en ese hospital"), or held at one place of detention. `clause` is the count's
 * clause in `s`, `at` its number.
 */
export function narrowedToPart(s: string, clause: [number, number], at: number): boolean {
  return (
    R.LOCAL_AUTHORITY.test(s.slice(clause[0], at)) || R.DAYS_POINTER.test(s.slice(0, clause[1])) || R.FACILITY_POINTER.test(s.slice(clause[0], clause[1])) ||
    R.DETENTION_PLACE_CUE.test(s.slice(clause[0], clause[1]))
  );
}

/** `own`: the count's own words, from its number to the next number of its clause (a cause there is the count's). */
export function scopeOf(clause: string, own: string, pre: string, post: string, how: string, dates: DateMention[], asOfDate = false): Scope {
  if (how === 'part' || R.SUBSET_AFTER_NUMBER.test(post) || R.SUBSET_BEFORE_NUMBER.test(pre) || R.SUBSET_CUES.test(clause)) return 'subset';
  // "con 21, 10 y 8 fallecidos, respectivamente" after a list of regions: each a part, even in a toll's words
  if (R.RESPECTIVELY_PARTS.test(clause)) return 'subset';
  if (how !== 'toll' && R.RECENT_HOURS_AFTER.test(post)) return 'incident';
  // "reported four more deaths on Saturday": the new deaths since the last count, not the toll
  if (how !== 'toll' && R.INCREMENT_AFTER.test(post)) return 'incident';
  // "put the day's death toll higher, at 16": one day's toll
  if (how === 'toll' && /\b(?:the day['’]s|that day['’]s|del d[ií]a|de la jornada)\s+(?:death\s+)?(?:toll|balance|cifra)/iu.test(pre)) return 'incident';
  // "the dead since Friday's raid", "los heridos que dejó el desalojo", "cifró en 25 los heridos de la jornada": the toll of
  // one event or day
  if (R.SINCE_RECENT_EVENT.test(clause) || (how === 'toll' && (R.LEFT_BY_EVENT.test(clause) || R.DAY_CUES.test(own)))) return 'incident';
  // "las personas heridas por bombas lacrimógenas son 253", "los heridos por perdigones suman 400": a toll noun restricted
  // by a cause before its number counts a part
  if (how === 'toll' && R.CAUSE_CUES.test(pre.split(/[,;:]/).at(-1) ?? '')) return 'subset';
  if (R.WEEKDAY_SPAN.test(clause)) return 'subset';
  if (how === 'toll' || asOfDate) return 'cumulative';
  // a day of its own makes one event even in the perfect ("22 had been killed there on the night of June 25"), unless
  // the clause spans a period ("between April 28 and June 30")
  // ("la jornada más violenta desde que comenzaron las protestas", "the deadliest day since…": a superlative's "since" spans nothing)
  // ("murieron este martes … en una de las protestas que se suceden desde hace dos semanas": the protests' span, not the count's)
  // ("este diario había contabilizado al menos 22 víctimas fatales en todo el país": a tally of the whole country taken
  // on a day is as of that day, not that day's toll)
  if (R.TALLY_CUES.test(clause) && R.NATIONWIDE_CUES.test(clause)) return 'cumulative';
  // ("…perdieron la vida este lunes cuando desalojaron a los manifestantes que desde hacía dos meses acampaban…": the
  // camp's span, told in a relative clause the count is not in)
  const at = clause.indexOf(own);
  const notTheCounts = (m: string, offset: number) => (at >= offset && at < offset + m.length ? m : ' ');
  if (dates.some((d) => d.precision === 'day') && !R.SPAN_CUES.test(clause.replace(R.SUPERLATIVE_SINCE, ' ').replace(R.RELATIVE_SINCE, notTheCounts))) return 'incident';
  if (R.WINDOW_CUES.test(clause)) return 'subset';
  if (R.CAUSE_CUES.test(own)) return 'subset';
  if (R.DAY_CUES.test(clause)) return 'incident';
  if (R.NATIONWIDE_CUES.test(clause) || R.CUMULATIVE_CUES.test(clause)) return 'cumulative';
  if (R.PERIOD_CUES.test(clause)) return 'cumulative';
  // "the unrest that swept the country in January 2022 claimed the lives of 230": a count over a month runs over it
  if (dates.some((d) => d.precision === 'month' && !d.since) && !dates.some((d) => d.precision === 'day')) return 'cumulative';
  if (R.MOVEMENT_LEFT.test(clause)) return 'cumulative';
  // "Investigators found that 943 people were arrested", "calculan que entre 1.000 y 2.000 personas fueron arrestadas": a
  // count an inquiry or an estimate arrives at sums the story up, whatever the tense of what it counts
  if (R.FINDING_BEFORE.test(clause.slice(0, Math.max(0, clause.indexOf(own))))) return 'cumulative';
  if (R.INCIDENT_CUES.test(clause) || R.BODIES_FOUND.test(clause) || (how === 'before' && R.PAST_BEFORE.test(pre))) return 'incident';
  // bodies counted, found or seen are one finding, unless a span or a total says they run on (BODIES_FOUND above also
  // reads a finding told away from the count: "the bodies of 15 protesters were found")
  if (R.BODY_COUNT_AFTER.test(post) && !R.RUNNING_OR_SINCE.test(clause)) return 'incident';
  return 'cumulative';
}

/** "The court sentenced 12 protesters to death": the count stands between a sentencing verb and its "to death". */
export function deathSentenceAround(masked: string, n: NumberMention): boolean {
  const from = Math.max(0, n.start - 60);
  const m = R.DEATH_SENTENCE_AROUND.exec(masked.slice(from, n.end + 60));
  return m !== null && from + m.index < n.start && from + m.index + m[0].length > n.end;
}
