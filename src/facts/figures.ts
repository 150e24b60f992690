// Casualty figures (deaths, injured, detained) from English and Spanish news text.
// Hand-written rules (see figure-rules.ts for the tables): no library extracts casualty counts reliably, and
// rules make every figure explainable. Pipeline per sentence: number mentions → casualty word right after
// ("17 people were killed") or right before ("killed 17", "death toll rose to 47") → qualifier from the words
// before the number → scope from cues in its clause (a place that restricts it: place-scope.ts) → date
// (figure-dates.ts), place and source (attribution.ts).
import type { ExtractedFigure, FactInput, FigureKind, Qualifier, Story } from './types.ts';
import { addDays } from './calendar.ts';
import { dayOf, findDateMentions, periodEnd, statedPeriod, storyDayCount, type DateMention } from './dates.ts';
import { findNumbers, type NumberMention } from './numbers.ts';
import { placesSharing } from './each-share.ts';
import { AGES, maskAsides, splitClauses, splitSentences, type Sentence } from './sentences.ts';
import { infoboxFigures } from './infobox.ts';
import { findPlaces } from './story.ts';
import { placeRestricting } from './place-scope.ts';
import { breakdownIn, placeBracket, regionOf, regionPart } from './place-breakdown.ts';
import { entryDays, isEntryHeader, newsDayOf, toldOn } from './news-day.ts';
import { attributionOf } from './attribution.ts';
import { asOfFor, namesVoteOrCoup, ofReason, partsAfter, withNarrativeYears } from './figure-dates.ts';
import type { Context, Dated, Found } from './figure-context.ts';
import * as R from './figure-rules.ts';
import { datelineLength, SHARE_OUT_BEFORE } from './figure-rules.ts';
import { ARTICLE_PERSON_RE, deathSentenceAround, KIND_WORD_RE, KINDS, kindOf, narrowedToPart, qualifierOf, scopeOf, type How } from './figure-kind.ts';

const { REPORT_VERBS } = R;

/** The place nearest the number in its clause (else in the sentence, past the dateline `skip`). */
function locationOf(s: string, clause: [number, number], at: number, story: Story | undefined, wholeSentence: boolean, skip = 0): string | null {
  if (R.MOST_OF_BEFORE.test(s.slice(Math.max(0, at - 60), at))) return null;
  const pick = (from: number, to: number) => {
    // "…58 have died, most of them in Puno and Ayacucho": places that share out the count are not its place.
    // ("…in N'Djamena and other cities", "in several cities, N'Djamena among them": one of the places the count spans is
    // not its place either; nor, before the count, where it was said: "In N'Djamena, the government said the toll had…")
    const found = (story ? findPlaces(story, s.slice(from, to)) : []).filter(
      (f) =>
        !SHARE_OUT_BEFORE.test(s.slice(Math.max(0, f.index + from - 60), f.index + from)) &&
        !R.oneOfSeveralPlaces(s.slice(f.end + from, to)) &&
        !(f.end + from <= at && R.SAID_BETWEEN.test(s.slice(f.end + from, at))),
    );
    if (found.length === 0) return null;
    const places = found.filter((f) => !f.isRegion);
    const pool = places.length ? places : found;
    return pool.reduce((a, b) => (Math.abs(a.index + from - at) <= Math.abs(b.index + from - at) ? a : b)).place;
  };
  const hit = pick(clause[0], clause[1]) ?? (wholeSentence ? pick(skip, s.length) : null);
  if (hit || story) return hit;
  const m = /\b(?:[Ii]n|[Ee]n|city of|town of|ciudad de|localidad de|distrito de|provincia de|regi[oó]n de|department of|departamento de)\s+([\p{Lu}][\p{L}]+(?:\s+(?:de\s+)?[\p{Lu}][\p{L}]+)?)/u.exec(s.slice(clause[0], clause[1]));
  return m && !R.NOT_PLACES.test(m[1]!.split(/\s+/)[0]!) ? m[1]! : null;
}


const KIND_WORDS_ALL = Object.fromEntries(KINDS.map((k) => [k, new RegExp(KIND_WORD_RE[k].source, 'giu')])) as Record<FigureKind, RegExp>;

/** The kind whose word comes last in `text` ("la mayoría de los arrestos se produjeron en…" → detained). */
function lastKindNamed(text: string): FigureKind | undefined {
  let best: { kind: FigureKind; at: number } | undefined;
  for (const k of KINDS) {
    const at = [...text.matchAll(KIND_WORDS_ALL[k])].at(-1)?.index ?? -1;
    if (at >= 0 && (!best || at > best.at)) best = { kind: k, at };
  }
  return best?.kind;
}

/**
 * The whole a sentence opening on it points back to ("Del total, 63 son varones adultos…", "Of those, 17…") when the last
 * count before it cannot be that whole: no larger than the part (a day's count told after the total: "…74 muertos… 26
 * murieron el domingo… Del total, 63…"), or none in the sentence before and the opening names the total itself ("Del
 * total,", "Of the total,": an "Of those" after a sentence with no count points at that sentence's people). The last
 * larger count, not itself a part, of the six sentences before; undefined otherwise (the last count is the whole).
 */
function leadWhole(before: string, value: number, idx: number, ctx: Context): Found | undefined {
  if (ctx.previous ? value < ctx.previous.f.value || !R.PART_LEAD.test(before) : !TOTAL_LEAD.test(before)) return undefined;
  return [...ctx.found].reverse().find((x) => x.idx >= idx - 6 && !x.part && !x.earlierValue && x.f.value > value);
}

/**
 * "Hemos recibido 16 cuerpos, 15 hombres y una mujer", "…45 vidas, entre ellas 39 hombres y seis mujeres": a list right
 * after a whole's words, its counts adding up to the whole exactly, counts its parts — `n` is one of them.
 */
function itemOfSum(text: string, numbers: NumberMention[], whole: Found, n: NumberMention): boolean {
  const after = numbers.filter((m) => m.start > whole.at);
  const first = after[0];
  if (!first || !/^[^\d,;:.]*[,:]\s*(?:\p{L}+\s+){0,2}$/u.test(text.slice(whole.at, first.start).replace(/^[\d.,]+/, ''))) return false;
  let sum = 0;
  const items: NumberMention[] = [];
  for (const [k, m] of after.entries()) {
    // (a list's items follow each other closely: "15 hombres y una mujer", not "…, indicó a EFE una fuente")
    if (k > 0 && !/^[^\d.;:]{0,50}$/u.test(text.slice(after[k - 1]!.end, m.start))) return false;
    sum += m.value;
    items.push(m);
    if (sum >= whole.f.value) break;
  }
  // (each item names who it counts: not "69 más que el año pasado", nor an age, "un niño de 13 años")
  const names = (m: NumberMention) => ITEM_NOUN_AFTER.test(text.slice(m.end, m.end + 30));
  return sum === whole.f.value && items.length >= 2 && items.includes(n) && !n.weak && items.every(names);
}
const ITEM_NOUN_AFTER = /^\s+(?!(?:m[aá]s|menos|more|fewer|less|than|a[nñ]os|years?|de\s+edad)(?![\p{L}]))\p{L}/iu;

/** Sentences with no count a whole is kept across for the parts after them (a quote, a comment between the two). */
const QUIET_SENTENCES_KEPT = 2;
/** A sentence opening on "the total" its counts are parts of: "Del total, 63 son…", "Of the total of 74, …". */
const TOTAL_LEAD = /^\s*["“«]?(?:del total|of the total)(?![\p{L}])[^.;\d]{0,60}$/iu;

function figuresIn(sent: Sentence, idx: number, ctx: Context): Found[] {
  const s = sent.text;
  const masked = maskAsides(s);
  const partAsides = [...masked.matchAll(R.PART_ASIDE)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  const withoutParts = partAsides.reduce((text, [a, b]) => text.slice(0, a) + ' '.repeat(b - a) + text.slice(b), masked);
  // "NAIROBI, July 25 (Reuters) -" / "LIMA, 12 de enero (EFE).-": the dateline dates the dispatch, not a figure
  const dateline = idx === ctx.first ? datelineLength(s) : 0;
  const dates = (ctx.dates[idx] ?? []).filter((d) => d.start >= dateline && !namesVoteOrCoup(s, d));
  const clauses = splitClauses(s);
  const out: Found[] = [];
  let skipped = -1;
  const numbers = findNumbers(masked);
  // "Of the 148 dead, 54 were shot": the whole restated from an earlier sentence; its parts take that figure's day
  let anchor: Found | undefined;
  // "Del total, 63 son varones…": the whole the sentence opens on, when not the last count (see leadWhole)
  let led: Found | undefined;
  for (const n of numbers) {
    if (n.start < dateline) continue;
    if (dates.some((d) => n.start < d.end && d.start < n.end)) continue;
    // a casualty word sits within a few words of its number: bounded windows keep the regexes linear
    const pre = masked.slice(Math.max(0, n.start - 240), n.start);
    // "More than 200 people, 23 of them minors, have died": the whole reads on past its parts' aside
    const inPartAside = partAsides.some(([a, b]) => n.start >= a && n.start < b);
    const post = (inPartAside ? masked : withoutParts).slice(n.end, n.end + 240);
    // "ages 16 and 17", "aged between 15 and 60": the second of a pair whose first is not a count is not one either
    const pairedWithSkipped = skipped >= 0 && /^\s*(?:and|or|to|y|o|a|-|–)\s*$/i.test(masked.slice(skipped, n.start));
    if (pairedWithSkipped || R.NOT_COUNT_BEFORE.test(pre)) {
      skipped = n.end;
      continue;
    }
    if (R.NOT_COUNT_AFTER.test(post)) continue;
    if (/^\d{4}$/.test(n.text) && n.value >= 1900 && n.value <= 2100) continue;
    // "Los lesionados suman 1.000 en total (771 civiles y 229 policías)", "—771 civiles y 229 funcionarios—": a breakdown of
    // the count just stated, opened by a bracket or a dash right after it
    const lastWhole = [...out].reverse().find((x) => !x.part && !x.earlierValue);
    // "Alejandría (25 fallecidos y 171 heridos)": a bracketed count that names its own kind is a count of that kind, not
    // an entry of the count before it (nor a bare "Ayacucho (9)")
    const ownKind = /\(\s*$/.test(pre) ? KINDS.find((k) => KIND_RIGHT_AFTER[k].test(post)) : undefined;
    const opensBreakdown = lastWhole !== undefined && (!ownKind || ownKind === lastWhole.f.kind) && /[(—–]\s*$/.test(pre) && n.start - lastWhole.at < 60 && n.value < lastWhole.f.value && /^\s+\p{Ll}/u.test(post);
    // "Los heridos -631 hombres y 84 mujeres- suman 715", "the dead (12 men and three women)": a breakdown in an aside
    // right after the noun of what it breaks down, before its total
    const nounAside = R.KIND_NOUN_ASIDE_BEFORE.exec(pre)?.[1];
    const asideKind = nounAside && (R.GROUP_AFTER.test(post) || R.MEN_AFTER.test(post)) ? KINDS.find((k) => KIND_WORD_RE[k].test(nounAside)) : undefined;
    if (!opensBreakdown && !ownKind && !asideKind && (/^\s*\(/.test(post) || /\(\s*$/.test(pre))) continue; // "Ayacucho (9)": a breakdown entry
    // "one of three people killed": a member, not a count; "10 of the 18 killed": a part of the next count
    // ("cinco de los 12 fallecidos", the Spanish partitive)
    const ofNumber = /^\s+(?:of\s+(?:the\s+)?|de\s+(?:los|las|esos|esas|estos|estas)\s+)(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|\p{L}+(?:teen|ty)|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|cuarenta|cincuenta|cien|\p{L}+(?:ientos|ientas))(?![\p{L}\d])/iu.exec(post);
    if (ofNumber && n.value === 1) continue;
    // "one of the young men killed", "uno de los jóvenes asesinados": a member of a group, not a count ("one of them
    // drowned" is a part of the count before it)
    if (n.value === 1 && /^\s+(?:of\s+(?:the|those|these)|de\s+(?:los|las|esos|esas|estos|estas))(?![\p{L}])/iu.test(post)) continue;
    // "Cinco civiles, uno de ellos dirigente indígena, han muerto": who one of them was, not a count ("one of them drowned" is one)
    if (n.value === 1 && R.WHO_ONE_WAS_AFTER.test(s.slice(n.end, n.end + 80))) continue;
    const wholeOf = ofNumber ? kindOf('', post.slice(ofNumber[0].length), { ...n, weak: false }) : null;
    const read = qualifierOf(pre, post, n);
    // "Tres personas, como mínimo, murieron": the hedge masked as an aside still qualifies the count
    const hedged = read.qualifier === 'exact' && R.HEDGE_ASIDE_AFTER.test(s.slice(n.end, n.end + 60));
    const { qualifier, cut } = hedged ? { ...read, qualifier: 'at_least' as Qualifier } : read;
    let kind = wholeOf ? { kind: wholeOf.kind, how: 'part' as How } : opensBreakdown ? { kind: lastWhole.f.kind, how: 'part' as How } : kindOf(pre.slice(0, cut), post, n);
    const sameSentence = out.length > 0;
    if (!sameSentence && !led) led = leadWhole(masked.slice(0, n.start), n.value, idx, ctx);
    // "…nearly 500 injured, including 176 police officers": a part of the count just stated (a part is no whole)
    // ("…one of them drowned", "Of those, 150 were students" after a sentence with no count: "them", "those" are that
    // sentence's people, not the count's)
    const beyondReach = (ctx.previousPastQuiet ?? 0) > 0 && (R.PRONOUN_PARTITIVE_AFTER.test(post) || R.PRONOUN_LEAD.test(masked));
    const whole = lastWhole ?? anchor ?? led ?? (beyondReach ? undefined : ctx.previous);
    const before = pre.slice(0, cut);
    // "one in Nakuru and one in Meru": a lone "one" is a part only as the next item of a list in progress
    const listed = (R.LIST_ITEM_BEFORE.test(before) && (R.PART_PREDICATE_AFTER.test(post) || R.PART_PLACE_AFTER.test(post)))
      || (sameSentence && whole !== undefined && whole.idx === idx && itemOfSum(masked, numbers, whole, n));
    const partOf = !kind && (!n.weak || (sameSentence && listed)) && whole && n.value < whole.f.value && !R.NOT_PART_AFTER.test(post) && (
      R.SUBSET_BEFORE_NUMBER.test(before) || R.PART_OF_AFTER.test(post) || (sameSentence && R.OF_THE.test(masked.slice(0, whole.at)))
      // "…: 17 were related to the protests, 19 had no connection", "121 en la capital, 12 en Tipitapa", "Kisumu had two"
      || listed
      // "90 people, among them students, nurses and two reporters, were injured": a count inside its whole's aside
      || (sameSentence && inPartAside)
      || R.PART_HOLDER_BEFORE.test(before)
      // "los cuatro restantes aún no han sido reconocidos", "the remaining five"
      // ("Seventeen of them died in Kathmandu. The remaining two victims were in Sunsari": the rest of the whole before)
      || (sameSentence && R.REST_AFTER.test(post)) || R.REST_BEFORE.test(before)
      // "Of those, the ministry said 17 were related to the protests": the sentence opens on the whole
      || (!sameSentence && R.PART_LEAD.test(masked.slice(0, n.start)) && (R.PART_PREDICATE_AFTER.test(post) || R.PART_PLACE_AFTER.test(post)))
      // "18 civiles y dos uniformados": the next item of a list of parts
      // ("52 son civiles y tres, funcionarios policiales": a comma stands for the verb left out)
      || (out.at(-1)?.f.scope === 'subset' && out.at(-1)!.f.kind === whole.f.kind && /(?:,|\b(?:y|and|o|or)\b)\s*$/iu.test(before) && (/^\s+\p{L}/u.test(post) || R.ELIDED_VERB_AFTER.test(post))));
    // "hay cuatro venezolanos y dos haitianos": the next item of a list of parts with no whole stated
    const nextItem = !kind && !partOf && !n.weak && out.at(-1)?.part && /(?:,|\b(?:y|and)\b)\s*$/iu.test(before) && /^\s+\p{L}/u.test(post) && !R.NOT_PART_AFTER.test(post) ? out.at(-1) : undefined;
    if (nextItem) kind = { kind: nextItem.f.kind, how: 'part' };
    // "Everest Hospital had 102 of them, Civil Hospital 100, the Trauma Centre 59 and Bir Hospital 18": the next items of a
    // list of parts, each a name and its count, the verb left out
    const namedItem = !kind && !n.weak && sameSentence && out.at(-1)?.part && R.NAMED_ITEM_BEFORE.test(before) && R.ITEM_END_AFTER.test(post) ? out.at(-1) : undefined;
    if (namedItem) kind = { kind: namedItem.f.kind, how: 'part' };
    // "Del total de detenidos durante las protestas, 389 permanecen en prisión": the opening names the kind
    // ("Most of the deaths, 139, occurred in Almaty": the part between commas, its verb after them)
    const partAfter = /,\s*$/.test(before) ? post.replace(/^,(?=\s)/, '') : post;
    const leadKind = !kind && !sameSentence && !n.weak && (R.PART_PREDICATE_AFTER.test(partAfter) || R.PART_PLACE_AFTER.test(partAfter)) ? KINDS.find((k) => KIND_WORD_RE[k].test(R.PART_LEAD.exec(masked.slice(0, n.start))?.[0] ?? '')) : undefined;
    if (leadKind) kind = { kind: leadKind, how: 'part' };
    // "…se produjeron en Barinas, con diecisiete, y en Anzoátegui, con una decena": a place's share of what the
    // sentence counts, told with "con" after the place
    const shareKind = !kind && R.PLACE_SHARE_BEFORE.test(before) && R.AFTER_BEFORE_OK.test(post) ? lastKindNamed(masked.slice(Math.max(0, n.start - 200), n.start)) : undefined;
    if (shareKind) kind = { kind: shareKind, how: 'part' };
    // "…, de los fallecidos, 19 ya fueron identificados": the partitive names the whole's kind (and opens a part even when
    // the whole was told paragraphs back: "De los heridos, 36 lo fueron por armas de fuego")
    const partitive = (partOf && !leadKind) || (!kind && !n.weak) ? R.SUBSET_BEFORE_NUMBER.exec(before)?.[0] : undefined;
    const namedKind = partitive ? KINDS.find((k) => KIND_WORD_RE[k].test(partitive)) : undefined;
    if (namedKind) kind = { kind: namedKind, how: 'part' };
    // "the toll now stands at 24, up from 19 two days ago": an earlier value of the count just stated
    const earlier = !kind && !n.weak && out.at(-1) && (R.EARLIER_VALUE_BEFORE.test(before) || (R.FROM_BEFORE.test(before) && R.TO_VALUE_AFTER.test(post))) ? out.at(-1) : undefined;
    if (earlier) kind = { kind: earlier.f.kind, how: earlier.f.scope === 'cumulative' ? 'toll' : 'before' };
    // "Police first said 70 people had died, before later revising it to 73", "cifra que luego elevó a 73": the count just
    // stated, revised, is a count of the same kind
    // ("Rights groups counted 300 dead. The president later raised his own number to 195": the count of the sentence before)
    const revised = !kind && !n.weak && R.REVISED_TO_BEFORE.test(before) && R.AFTER_BEFORE_OK.test(post) ? (out.at(-1) ?? ctx.previous) : undefined;
    if (revised) kind = { kind: revised.f.kind, how: revised.f.scope === 'cumulative' ? 'toll' : 'before' };
    // (the partitive's own noun wins: "23 muertos y 715 heridos. De los fallecidos, 19…" are dead, not injured; a part
    // after another part of its sentence counts the same people: "…19 ya fueron identificados y los cuatro restantes…")
    // ("…, while Nakuru and Mombasa recorded three each. Kisumu had two.": a list of parts runs on into the next sentence)
    const lastFound = ctx.found.at(-1);
    const sibling = sameSentence ? (out.at(-1)?.part ? out.at(-1) : undefined) : lastFound?.part && lastFound.idx === idx - 1 ? lastFound : undefined;
    if (partOf && whole && !namedKind && !leadKind && !shareKind) kind = { kind: (sibling ?? whole).f.kind, how: 'part' };
    // "Entre los extranjeros fallecidos hay tres peruanos", "among the dead were two police officers"
    const among = kind ? undefined : KINDS.find((k) => R.AMONG_HOLDER[k].test(pre.slice(0, cut)));
    if (among) kind = { kind: among, how: 'part' };
    // "34 people died in the protests: two police officers, one investigator and 31 demonstrators"
    else if (!kind && !n.weak && sameSentence && whole && n.value < whole.f.value && /:\s*$/.test(pre.slice(0, cut)) && /^\s+\p{L}/u.test(post) && !R.NOT_PART_AFTER.test(post)) {
      kind = { kind: whole.f.kind, how: 'part' };
    }
    // "the 230 suspects comprise 71 from…", "Of the 230 suspects, 68…": a count stated earlier, restated under another
    // noun, is the whole of the parts that follow it
    const restatedAs = !kind && !n.weak && R.DEFINITE_BEFORE.test(before) ? [...ctx.found, ...out].reverse().find((x) => x.f.value === n.value && !x.part) : undefined;
    if (restatedAs) {
      anchor = { ...restatedAs, idx, at: n.start };
      continue;
    }
    // "Police killed 40 protesters, along with eight police officers": a group told beside the count before it, its part
    const beside = !kind && !n.weak && R.ALONG_WITH_BEFORE.test(before) && R.GROUP_AFTER.test(post) ? out.at(-1) : undefined;
    if (beside) kind = { kind: beside.f.kind, how: 'part' };
    // "Nakuru, Kajiado and Mombasa recorded three each", "hubo seis en cada caso": shares of what the sentence counts
    const shared = placesSharing(s, n.start, n.end);
    if (!kind && !n.weak && shared) {
      const sharedKind = out.at(-1)?.f.kind ?? lastKindNamed(masked.slice(Math.max(0, n.start - 200), n.start));
      if (sharedKind) kind = { kind: sharedKind, how: 'part' };
    }
    // "Seven people were killed in Narsingdi and eight in Narayanganj": the next count of a list of places, its verb and
    // noun left out, counts what the count before it in the sentence counts
    const placeSibling = !kind && !n.weak && sameSentence && R.PART_PLACE_AFTER.test(post) && R.PLACE_THEN_AND.test(masked.slice(out.at(-1)!.at, n.start)) ? out.at(-1) : undefined;
    if (placeSibling) kind = { kind: placeSibling.f.kind, how: 'part' };
    // "14 personas murieron el sábado y 21 el domingo", "about 300 on 2 May and 450 on 9 May": the next count of a list of
    // days, its verb and noun left out, counts what the count before it counts, on its own day
    const daySibling = !kind && !n.weak && sameSentence && dayAfter(s, dates, n.end) && dayThenAnd(s, dates, out.at(-1)!.at, n.start) ? out.at(-1) : undefined;
    if (daySibling) kind = { kind: daySibling.f.kind, how: 'after' };
    if (!kind && !n.weak && asideKind) kind = { kind: asideKind, how: 'part' };
    if (!kind) continue;
    // "171 pobladores afectados por el gas (84 en Nochixtlán, 25 en Huitzo…)": parts in brackets after a count that is
    // no casualty count are its parts, whatever casualty was named before it
    if (kind.how === 'part' && partsOfAnotherCount(s, n, numbers, dates, out)) continue;
    // "a protester was killed", "un agente murió": an article is no count (ANNOTATION.md); "…y una es un agente", the last
    // item of a list of parts, is one
    if (n.weak && !(partOf && listed) && !R.ONE_CASUALTY_AFTER.test(post)) continue;
    // "40 were killed, and 12 were sentenced to prison": what a court did to some is no casualty of the count's kind; "150
    // people were missing": the missing are no casualty count
    if ((kind.kind !== 'detained' && R.JUDGED_AFTER.test(post)) || R.MISSING_AFTER.test(post)) continue;
    if (kind.kind === 'deaths' && (R.NOT_DEATHS_AFTER.test(post) || deathSentenceAround(masked, n) || R.OTHER_CAUSE_BEFORE.test(before) || R.OTHER_CAUSE_AFTER.test(post))) continue;
    // "553 de los detenidos han sido excarcelados", "32 han quedado en libertad bajo fianza", "80 serán presentados ante los
    // tribunales": what became of some of the detained (freed, bailed, charged, sentenced, missing) counts no detention
    if (kind.kind === 'detained' && (R.NO_LONGER_HELD_AFTER.test(post) || R.FREED_BEFORE.test(before))) continue;
    // ("Of the 24 dead, 23 were protesters…" paragraphs after "At least 24 people have died": a partitive names a running
    // count again however far back it was told; an incident only from the last sentences)
    const restates = R.OF_THE.test(before)
      ? ctx.found.filter((x) => (x.idx >= idx - 3 || x.f.scope !== 'incident') && x.f.kind === kind!.kind && x.f.value === n.value).at(-1)
      : undefined;
    if (restates) {
      anchor = { ...restates, idx, at: n.start };
      continue;
    }
    // "At least 24 people have died … the 24 deaths occurred between …", "los 24 fallecidos": a count of the last
    // sentences named again with a definite article is the same count, not a second one
    const namedAgain = R.DEFINITE_BEFORE.test(before) ? ctx.found.filter((x) => x.idx >= idx - 3 && !x.part && x.f.kind === kind!.kind && x.f.value === n.value).at(-1) : undefined;
    if (namedAgain) {
      anchor = { ...namedAgain, idx, at: n.start };
      continue;
    }
    const ownClause = clauses.find(([a, b]) => n.start >= a && n.start < b) ?? [0, s.length];
    // "Diez muertos y 98 heridos: ese fue el saldo de la jornada del 15 de noviembre": the clause after the colon tells the list's
    const next = clauses.find(([a]) => a === ownClause[1]);
    const clause: [number, number] = next && R.TOLL_RESTATED_AFTER.test(s.slice(next[0], next[1])) ? [ownClause[0], next[1]] : ownClause;
    const clauseText = s.slice(clause[0], clause[1]);
    // ("más de 500 personas detenidas —139 de ellas el 25 de noviembre—, al menos 26 muertos": a day told in a part's
    // aside is that part's, not the other counts')
    const inOtherAside = (d: DateMention) => partAsides.some(([a, b]) => d.start >= a && d.end <= b && !(n.start >= a && n.start < b));
    // ("…han perdido la vida, entre ellos Roman Bondarenko, que falleció el 12 de noviembre": a day among the parts after a count)
    const [partsAt, partsEnd] = partsAfter(s, n.end, clause[1]);
    // ("Twelve people have now died, up from nine on Friday": a day told of the count's earlier value)
    const earlierAt = R.EARLIER_VALUE_BETWEEN.exec(s.slice(n.end, clause[1]))?.index;
    const ownDay = (d: DateMention) => !(d.start >= partsAt && d.start < partsEnd) && !(earlierAt !== undefined && d.start >= n.end + earlierAt);
    const clauseDates = dates.filter((d) => d.start >= clause[0] && d.start < clause[1] && !d.since && !inOtherAside(d) && ownDay(d));
    // "said on Monday", "On Sunday, the ministry acknowledged that 25 have died": the day of the statement, not of the deaths
    const eventDates = clauseDates.filter((d) => !toldOn(s, d) && !(d.end <= n.start && REPORT_VERBS.test(s.slice(d.end, n.start))) && !ofReason(s, n, d));
    const isWhole = /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\p{L}+(?:teen|ty)|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez))\s+(?:of\s+(?:the\s+)?|de\s+(?:los|las|esos|esas|estos|estas)\s+)$/iu.test(pre.slice(0, cut));
    // "al 28 de febrero", "as of Feb. 28": the day a running count was taken, not an incident
    const asOfDate = eventDates.some((d) => R.AS_OF_BEFORE.test(s.slice(Math.max(0, d.start - 20), d.start)) || (d.start > n.end && R.TALLIED_ON_BEFORE.test(s.slice(Math.max(n.end, d.start - 40), d.start))));
    // "a police officer was killed": the article's own noun is who died, not a part of a larger count
    const article = /^an?$/i.test(n.text);
    const scopePost = article ? post.replace(ARTICLE_PERSON_RE, '') : post;
    const ownEnd = Math.min(clause[1], numbers.find((m) => m.start > n.end && !m.weak && !dates.some((d) => m.start < d.end && d.start < m.end))?.start ?? clause[1]);
    // "…más de 1.300 detenidos, cientos de los cuales siguen en prisión": what a relative clause after the count says is
    // said of its part, not of the count
    const tail = R.PART_TAIL.exec(clauseText.slice(n.end - clause[0]));
    // ("Eight people aged between 18 and 30 were shot dead…": an age range spans no days)
    const scopeClause = (tail ? clauseText.slice(0, n.end - clause[0] + tail.index) : clauseText).replace(AGES, (m) => ' '.repeat(m.length));
    // "Los saqueos seguían creciendo el jueves …, agobiada por unos disturbios que ya se cobraron 19 vidas": a running
    // count's cue in the count's own stretch between commas leaves a day named in another stretch to that one's verb
    const stretch = commaStretch(s, clause, n.start);
    const running = R.RUNNING_BEFORE.test(s.slice(stretch[0], n.start)) || R.RUNNING_AFTER.test(s.slice(n.end, stretch[1]));
    // ("…tiene registrados 93 muertos y 3.978 heridos, tal y como había prometido el jueves el primer ministro": a day in a
    // stretch after the count's that a subordinator opens is that clause's)
    const subordinate = (d: DateMention) => d.start >= stretch[1] && R.SUBORDINATE_OPEN.test(s.slice(commaStretch(s, clause, d.start)[0], d.start));
    const ownDates = eventDates.filter((d) => !subordinate(d));
    const scopeDates = running ? ownDates.filter((d) => d.start >= stretch[0] && d.start < stretch[1]) : ownDates;
    let scope = scopeOf(isWhole ? scopeClause.replace(R.SUBSET_CUES, ' ') : scopeClause, s.slice(n.start, ownEnd), pre.slice(0, cut), scopePost, kind.how, scopeDates, asOfDate);
    // "18 miembros de las fuerzas de seguridad han muerto y 748 han resultado heridos", "13 los uniformados muertos y en 353
    // los heridos": a count with no group of its own, coordinated with one that names who they were, counts the same group
    const previous = out.at(-1);
    const sameGroup = scope === 'cumulative' && previous !== undefined && previous.groupNamed && R.COORDINATED_BARE.test(masked.slice(previous.at, n.start)) && R.NO_GROUP_AFTER.test(post);
    if (sameGroup || (scope === 'cumulative' && R.AMONG_GROUP_LEAD.test(masked.slice(0, n.start)))) scope = 'subset';
    // "rose to 58 after a protester died", "eight protesters and a police officer": one person of a count just stated
    if (article && out.some(({ f }) => f.kind === kind.kind)) scope = 'subset';
    // ("De las dos muertes adicionales…": the whole of the parts after it, but a count of new deaths, not the toll)
    // ("Of the 28 people killed that Sunday, …": the whole of one day)
    else if (R.OF_THE.test(pre.slice(0, cut))) scope = R.INCREMENT_AFTER.test(post) || R.DAY_CUES.test(s.slice(n.start, ownEnd)) ? 'incident' : 'cumulative';
    else if (whole && R.OF_THE.test(masked.slice(0, whole.at))) scope = 'subset';
    // "at least 20 of whom appear to have been killed by the police": a part of the count before it
    else if (whole && R.PART_OF_AFTER.test(post)) scope = 'subset';
    // "En Masaya se reportan 35 muertos", "Kisumu had two": a place restricting the count makes it a part of the toll
    // (an incident stays one: "17 were killed in Juliaca on Monday", "el enfrentamiento dejó un muerto en Andahuaylas")
    // ("Alejandría (25 fallecidos y 171 heridos)": the counts in brackets after a place's name are that place's)
    const restrictedTo = scope === 'incident' ? null : placeRestricting(s, n.start, n.end, [Math.max(clause[0], dateline), clause[1]], ctx.story) ?? placeBracket(s, n.start);
    if (restrictedTo) scope = 'subset';
    if (scope === 'cumulative' && R.WORST_HIT_BEFORE.test(pre.slice(0, cut))) scope = 'subset';
    if (scope === 'cumulative' && ctx.story && sinceLaterDay(s, dates, clause, ctx.story.start)) scope = 'incident';
    // "el balance creció en seis muertos", "aumentó en 12 hasta 45": the deaths a count grew by, a part of it, never the toll
    if (R.INCREMENT_BY_BEFORE.test(pre)) scope = 'subset';
    // "Antes del 18 de febrero la lista sumaba nueve muertos. Entre el 18 y el 20 perdieron la vida otras 78 personas": the
    // deaths added to a count of the same kind just told, not the toll (after a count of another kind, "otros 563
    // sufrieron heridas" are other people, counted whole)
    if (scope === 'cumulative' && R.ANOTHER_BEFORE.test(pre) && [...ctx.found, ...out].some((x) => x.idx >= idx - 1 && x.f.kind === kind.kind)) scope = 'incident';
    // "La violencia en esa entidad, indicó, ha dejado siete personas muertas": the place just named, pointed at again
    const pointedPlace = !restrictedTo && scope === 'cumulative' && R.PLACE_POINTER.test(s.slice(0, clause[1])) ? ctx.places.slice(Math.max(0, idx - 3), idx).flat().at(-1) : undefined;
    if (pointedPlace) scope = 'subset';
    if (scope === 'cumulative' && narrowedToPart(s, clause, n.start)) scope = 'subset';
    // "Las dos muertes restantes se debieron a atropellos", "the remaining two deaths": the rest of a whole, a part of it
    if (scope === 'cumulative' && (R.REST_BEFORE.test(before) || R.REST_NOUN_AFTER.test(post))) scope = 'subset';
    // "in the last 24 hours" is anchored on publication: dated by its own words
    const recentHours = R.RECENT_HOURS_AFTER.test(post);
    const own = asOfFor(s, n, clause, clauseDates.filter((d) => !subordinate(d)), dates, scope, idx, ctx, recentHours);
    // a part listed after its whole ("…, of whom 12 died in Kurdish areas") describes the whole's day unless it names its own
    const isPart = kind.how === 'part' || R.SUBSET_BEFORE_NUMBER.test(pre.slice(0, cut)) || (scope === 'subset' && R.PARTITIVE_AFTER.test(post));
    // "De los detenidos, veinte fueron arrestados en Nairobi": a part takes the day of its whole of the same kind
    const kindWhole = kind.how === 'part' ? whole : [...ctx.found, ...out].reverse().find((x) => !x.part && !x.earlierValue && x.idx >= idx - 2 && x.f.kind === kind.kind)
      ?? (whole?.f.kind === kind.kind ? whole : undefined);
    // "Seven were killed in Narsingdi, seven in Narayanganj, four in Rangpur": the next item of a list, its verb left out,
    // shares the day of the item before it
    const listMate = sameSentence && out.at(-1)?.f.kind === kind.kind && /(?:[,;]|\b(?:and|y|e)\b)\s*$/iu.test(before) ? out.at(-1) : undefined;
    const from = own.fromCue === 'own' ? undefined : isPart && kindWhole ? kindWhole : listMate;
    const { asOf, precision, fromCue: cue } = from ? { asOf: from.f.asOf, precision: from.f.asOfPrecision, fromCue: 'inherited' as Dated } : own;
    const fromCue: Dated = !cue && recentHours ? 'own' : cue;
    // (a toll's own words end where a clause of another happening opens: "The toll has risen to 67, the Ombudsman said,
    // after two more died in clashes in Cusco" is the national toll; Cusco is where the two died)
    const otherHappening = scope === 'cumulative' ? R.HAPPENING_OPENS.exec(s.slice(n.end, clause[1])) : null;
    const tollEnd = otherHappening ? n.end + otherHappening.index : clause[1];
    let location = restrictedTo ?? pointedPlace ?? locationOf(s, [Math.max(clause[0], dateline), tollEnd], n.start, ctx.story, scope !== 'cumulative', dateline);
    if (!location && scope === 'incident') location = ctx.places.slice(Math.max(0, idx - 3), idx).flat().at(-1) ?? null;
    const { attribution, official } = attributionOf(s, n.start, ctx.story);
    // (one count said twice in a sentence is one figure; "one in Nakuru and one in Meru" are two)
    // ("un militar, dos policías y dos periodistas": parts of a list named by different nouns are two)
    // ("seven in Narsingdi and seven in Narayanganj": two places the gazetteer does not know are two counts too)
    const sameCount = (x: Found) => x.f.kind === kind.kind && x.f.value === n.value && x.f.location === location
      && !(x.part && kind.how === 'part' && headNoun(masked.slice(x.at)) !== headNoun(masked.slice(n.start)))
      && placeNamedAfter(masked, x.at) === placeNamedAfter(masked, n.start);
    if (out.some(sameCount)) continue;
    const f: ExtractedFigure = {
      kind: kind.kind, value: n.value, qualifier, scope, location, region: location ? regionOf(location, ctx.story) : null,
      asOf, asOfPrecision: precision, quote: s, attribution, official,
    };
    const found: Found = {
      f, dated: fromCue, idx, at: n.start, running: R.CUMULATIVE_CUES.test(clauseText), part: isPart, groupNamed: sameGroup || R.SUBSET_AFTER_NUMBER.test(post),
      follows: from && !from.dated ? from : from?.follows, earlierValue: earlier !== undefined,
    };
    out.push(found);
    // "nine each in Jatrabari and Uttara": the count once for every place named
    if (shared) {
      const share = (place: string): ExtractedFigure => ({ ...f, location: place, region: regionOf(place, ctx.story), scope: f.scope === 'cumulative' ? 'subset' : f.scope });
      found.f = share(shared[0]!);
      out.push(...shared.slice(1).map((place) => ({ ...found, f: share(place) })));
    }
  }
  // "451 protesters and 60 members of the security forces have been killed", "62 carabineros y 11 civiles heridos", "three
  // dead protesters and 11 dead police officers": two groups of one count, each a part of a total the sentence does not
  // state — of one clash's dead too (ANNOTATION.md: "thirty people and two police officers" is a subset)
  ctx.restated = anchor;
  for (let i = 1; i < out.length; i++) {
    const [a, b] = [out[i - 1]!, out[i]!];
    if (a.f.kind !== b.f.kind || a.part) continue;
    const aEnd = findNumbers(masked.slice(a.at)).at(0)?.end ?? 0;
    if (!R.COORDINATED_GROUPS.test(masked.slice(a.at + aEnd, b.at))) continue;
    for (const x of [a, b]) x.f.scope = 'subset';
  }
  return out;
}

/** The word after a count's number: "dos policías" → "policías". */
function headNoun(fromNumber: string): string {
  return /^\S+\s+(\p{L}+)/u.exec(fromNumber)?.[1]?.toLowerCase() ?? '';
}

/** A kind's word right after a count: "25 fallecidos", "171 heridos". */
const KIND_RIGHT_AFTER = Object.fromEntries(KINDS.map((k) => [k, new RegExp(`^\\s+(?:${R.KIND_AFTER[k]})(?![\\p{L}])`, 'iu')])) as Record<FigureKind, RegExp>;

/**
 * Casualty figures a document states, one per (sentence, kind, value), in text order. Headlines are skipped
 * (they repeat the body); with no publication date, a story-day count in the text ("in power for 40 days")
 * anchors relative dates when a story is given.
 */
/** `anchored`: the page's date is a stand-in (an undated page's, or an encyclopedia page's): see withNarrativeYears. */
export function extractFigures(doc: FactInput, story?: Story, options: { anchored?: boolean } = {}): ExtractedFigure[] {
  const sentences = splitSentences(doc.text);
  let published = dayOf(doc.published);
  if (!published && story) published = storyDayCount(doc.text, story.start)?.date ?? null;
  const periods = sentences.map((x) => ({ text: x.text, stated: x.headline ? null : statedPeriod(x.text, published, doc.language) }));
  // Each sentence's date mentions, found once: the day the article reports on and every count read them.
  const found = sentences.map((x) => (x.headline ? [] : findDateMentions(x.text, published, doc.language)));
  const mentions = options.anchored ? withNarrativeYears(found) : found;
  const out: Found[] = [];
  // wholes named again to open their parts ("De los 285 decesos que reporta la ANPDH, …"), where they were named
  const restatements: Found[] = [];
  const ctx: Context = { first: sentences.findIndex((x) => !x.headline), published, story, language: doc.language, dates: [], places: [], periods, found: out,
    newsDay: newsDayOf(sentences, mentions, published), entryDays: entryDays(sentences, published) };
  const infobox = infoboxFigures(doc.text, published, story?.start ?? null);
  const inInfobox = (sent: Sentence) => [...infobox.lines].some((line) => line.includes(sent.text));
  sentences.forEach((sent, idx) => {
    if (infobox.lines.size && inInfobox(sent)) {
      ctx.dates.push([]);
      ctx.places.push([]);
      return;
    }
    ctx.dates.push(mentions[idx]!);
    const skip = idx === ctx.first ? datelineLength(sent.text) : 0;
    // ("Yamena, 20 oct 2022 (AFP)" on a line of its own: where the dispatch was filed, no place of the next count)
    const datelineAlone = R.DATELINE_LINE.test(sent.text);
    ctx.places.push(sent.headline || !story || datelineAlone ? [] : findPlaces(story, sent.text.slice(skip)).map((p) => p.place));
    if (sent.headline) return;
    const figs = figuresIn(sent, idx, ctx);
    if (ctx.restated) restatements.push(ctx.restated);
    // "It also listed the deaths of 45 civilians. Of those, 17 were…": a subset by victim type is a whole for the next parts
    // ("De las 3.649 personas heridas, 2.063 … El desglose: 1.624 …": the restated whole runs on to the next sentence)
    // (a sentence with no count between a whole and its parts keeps the whole: "39 people have died. \"This is
    // cumulative data from June 18.\" Nairobi accounted for 17 of the deaths, followed by Uasin Gishu with four")
    const lastWholeHere = figs.filter((x) => !x.part && !x.earlierValue).at(-1);
    if (lastWholeHere || figs.length) ctx.previous = lastWholeHere ?? ctx.restated ?? ctx.previous;
    else ctx.previous = (ctx.previousPastQuiet ?? 0) >= QUIET_SENTENCES_KEPT ? undefined : ctx.previous;
    ctx.previousPastQuiet = figs.length || !ctx.previous ? 0 : (ctx.previousPastQuiet ?? 0) + 1;
    const recent = out.filter((x) => x.idx >= idx - 2);
    // a report spread over sentences: "On Sunday, the Health Ministry said 25 died. It also reported 287 injured."
    for (const x of figs) {
      const ownVoice = REPORT_VERBS.test(sent.text) || /["“”«»]|\b(?:seg[uú]n|according to|de acuerdo)\b/iu.test(sent.text) || R.SOURCES.some(([re]) => re.test(sent.text));
      // (an incident's day is no day of a running count or of its parts)
      const prev = recent.filter((r) => r.dated && r.f.attribution && (x.f.attribution ? x.f.attribution === r.f.attribution : !ownVoice) && (r.f.scope !== 'incident' || x.f.scope === 'incident')).at(-1);
      if (!x.dated && prev) Object.assign(x, { dated: 'inherited', f: { ...x.f, asOf: prev.f.asOf, asOfPrecision: prev.f.asOfPrecision, attribution: x.f.attribution ?? prev.f.attribution, official: x.f.official || prev.f.official } });
    }
    const breakdown = breakdownIn(sent.text, story);
    if (breakdown) {
      const sum = breakdown.reduce((a, b) => a + b.value, 0);
      const mentioned = KINDS.find((k) => new RegExp(`\\b${R.KIND_AFTER[k]}(?![\\p{L}])`, 'iu').test(sent.text));
      const candidates = figs.length ? figs : recent;
      const fits = ({ f }: Found) => (!mentioned || f.kind === mentioned) && sum <= f.value * 1.1 + 1;
      // "…429 detenciones. … se concentra en Anzoátegui, con 99, y en el Distrito Capital, con 80. Les siguen Barinas (32),
      // …": a breakdown continued from the sentences before counts out the last whole it fits, a few sentences back
      const target = [...candidates].reverse().find(fits)
        ?? (figs.length ? undefined : [...out].reverse().find((x) => x.idx >= idx - 6 && !x.part && x.f.scope !== 'incident' && fits(x)));
      if (target && !target.f.byRegion) {
        target.f.byRegion = breakdown.map(({ region, value }) => ({ region, value }));
        // "69 people remain hospitalized in Ayacucho (20), Junin (17)…": spread over regions, not in the first one
        if (figs.includes(target)) Object.assign(target.f, { location: null, region: null });
        figs.push(...breakdown.map((entry) => regionPart(entry, target, sent.text, idx)));
      }
    }
    out.push(...figs);
  });
  // "…at least 148 people were killed on July 19. … Within Dhaka city, the report lists 24 killed in Mirpur, 23 in
  // Rampura…", "…claimed 230 lives in January. … 86 assailants were killed…": an undated subset (by place, victim,
  // cause) is a share of the last larger count of its kind named before it, and of its day — unless another voice
  // speaks ("The authorities, for their part, …") or the two name different sources
  // (a whole named again, "De los 285 decesos…", is the last one named)
  const wholes = [...out, ...restatements].sort((a, b) => a.idx - b.idx || a.at - b.at);
  for (const x of out) {
    if (x.dated || x.part || x.running || x.f.scope !== 'subset' || R.OTHER_VOICE.test(x.f.quote)) continue;
    const before = wholes.filter((w) => w.idx < x.idx || (w.idx === x.idx && w.at < x.at));
    const whole = before.reverse().find((w) => w.dated && !w.part && !w.earlierValue && w.f.kind === x.f.kind && w.f.value > x.f.value
      && (!w.f.attribution || !x.f.attribution || w.f.attribution === x.f.attribution));
    if (whole) Object.assign(x, { dated: 'inherited', f: { ...x.f, asOf: whole.f.asOf, asOfPrecision: whole.f.asOfPrecision } });
  }
  // an undated incident (or part of one) most likely belongs to the document's dated incident: "after over a
  // dozen were killed" in a story about "17 killed in Juliaca Monday"
  const counts = new Map<string, number>();
  for (const x of out) if (x.dated === 'own' && x.f.scope === 'incident' && x.f.asOfPrecision === 'day') counts.set(x.f.asOf!, (counts.get(x.f.asOf!) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  // (a part of a running count, "El departamento de Managua acumula 145", is no part of that day)
  // (a live blog's entry has its own day: "La víspera…" in the morning's entry dates no count of the afternoon's)
  for (const x of out) if (main && !x.dated && !x.running && !ctx.entryDays[x.idx] && (x.f.scope === 'incident' || (x.f.scope === 'subset' && !x.part && !x.f.location)) && main <= (published ?? main)) Object.assign(x.f, { asOf: main, asOfPrecision: 'day' });
  // (a part or list item that took its day from a count dated only now takes that day)
  for (const x of out) if (x.follows) Object.assign(x.f, { asOf: x.follows.f.asOf, asOfPrecision: x.follows.f.asOfPrecision });
  // a count dated (by its own words) before the story starts is background, not the story's toll
  const start = story?.start;
  // A title line ("Masacre en el Día de las Madres: 15 muertos y 199 heridos") restated in the body is one mention: the body's.
  const titleLine = (x: Found) => sentences[x.idx]!.paragraph === sentences[0]?.paragraph && !/[.!?"”»]$/.test(sentences[x.idx]!.text);
  // A live blog's entry header ("Domingo 20, 23:50 — Balance nocturno: ocho muertos") restated in the entry's body: the body's.
  const entryTitle = (x: Found) => isEntryHeader(sentences[x.idx]!.text);
  const restated = (x: Found) =>
    (titleLine(x) && out.some((y) => y.idx > x.idx && !titleLine(y) && y.f.kind === x.f.kind && y.f.value === x.f.value))
    || (entryTitle(x) && out.some((y) => y.idx > x.idx && y.idx <= x.idx + 3 && !entryTitle(y) && y.f.kind === x.f.kind && y.f.value === x.f.value));
  // "30/07 · 14.40 — Dos muertes antes de abrir las urnas": an entry header's count is that entry's news, not the toll, unless
  // its words say it is one
  for (const x of out) if (entryTitle(x) && x.f.scope === 'cumulative' && !x.running) x.f.scope = 'incident';
  // A toll or incident told again further down ("Más de 400 personas … murieron", after "…perdieron la vida más de 400
  // personas" in the lead) is one figure: its first mention. (Parts with one value are often two: "17 police … 17 executions".)
  // ("at least 45 dead" in the lead and "45 lives" in a quote further down are one count, hedged once)
  const sameFigure = (a: ExtractedFigure, b: ExtractedFigure) => a.kind === b.kind && a.value === b.value
    && (a.qualifier === b.qualifier || (b.qualifier === 'exact' && a.qualifier === 'at_least'))
    && a.scope === b.scope && a.asOf === b.asOf && (a.location === b.location || a.scope === 'cumulative');
  const read: ExtractedFigure[] = [];
  for (const { f } of out.filter((x) => !restated(x) && !(start && x.dated === 'own' && x.f.asOf && periodEnd(x.f.asOf, x.f.asOfPrecision ?? 'day') < start))) {
    const first = f.scope === 'subset' ? undefined : read.find((earlier) => sameFigure(earlier, f));
    if (!first) read.push(f);
    // (who said it, when only the restatement says: "…, según el recuento de EFE, …")
    else if (!first.attribution && f.attribution) Object.assign(first, { attribution: f.attribution, official: f.official });
  }
  const boxed = infobox.figures.filter((f) => !(start && f.asOf && f.asOf < start));
  // The prose under an infobox restating one of its rows ("…that 638 people were killed on 14 August, 595 of them
  // civilians" under "Deaths (Health Ministry): 638 killed – 595 civilians") is the same figure: the box's.
  const inBox = (f: ExtractedFigure) => boxed.some((b) => b.kind === f.kind && b.value === f.value && b.asOf === f.asOf && (b.scope === 'subset') === (f.scope === 'subset'));
  // A day's count on the day the story began, anywhere in the country, is its whole toll on that day: the running
  // count starts with it ("Al menos 50 personas murieron este jueves" on the day of the protests that began it all).
  const all = [...read.filter((f) => !inBox(f)), ...boxed];
  for (const f of all) if (start && f.scope === 'incident' && f.asOf === start && !f.location) f.scope = 'cumulative';
  return all;
}

/** The stretch of a clause between commas (or dashes) that holds position `at`. */
function commaStretch(s: string, clause: [number, number], at: number): [number, number] {
  const text = s.slice(clause[0], clause[1]);
  let start = clause[0];
  let end = clause[1];
  for (const m of text.matchAll(/,\s+|\s[–—]\s/gu)) {
    const cut = clause[0] + m.index;
    if (cut < at) start = cut + m[0].length;
    else {
      end = cut;
      break;
    }
  }
  return [start, end];
}

/** How long after a story's start a day a count runs from ("since Thursday") still opens the story's own span. */
const SPAN_OPENS_STORY_DAYS = 7;

/**
 * "Since Thursday the death toll has reached 42", "desde el jueves … 22 muertos", told weeks into a story: a count run
 * from a day well after the story began counts that stretch (one phase, one siege), not the story's running toll. A
 * span with its end ("between June 3 and 18": the period a count sums up) or opened by something beginning ("since the
 * new riots began on Tuesday", "desde que la policía irrumpió…") is left as it is: whether it restarts the story's count
 * is the writer's to say.
 */
function sinceLaterDay(s: string, dates: readonly DateMention[], clause: readonly [number, number], storyStart: string): boolean {
  const limit = addDays(storyStart, SPAN_OPENS_STORY_DAYS);
  return dates.some(
    (d) =>
      d.start >= clause[0] && d.start < clause[1] && d.since && !d.began && (d.precision === 'day' || d.precision === 'week') && d.date > limit &&
      SINCE_BEFORE_DAY.test(s.slice(Math.max(clause[0], d.start - 30), d.start)),
  );
}

/** "since", "desde (la noche del)" right before a day: a span that runs to the report's day. */
const SINCE_BEFORE_DAY = /\b(?:since|desde)\s+(?:(?:the|el|la)\s+)?(?:(?:last|pasado|noche\s+del)\s+)?$/iu;

/** A day named right after position `at` ("… 21 el domingo", "… 17 on Sunday"), with no casualty word of its own after it. */
function dayAfter(s: string, dates: DateMention[], at: number): boolean {
  const day = dates.find((d) => d.start >= at && !d.since && /^\s+(?:on\s+|el\s+)?$/iu.test(s.slice(at, d.start)));
  const rest = day ? /^[^.,;:]*/u.exec(s.slice(day.end))![0] : '';
  return day !== undefined && !KINDS.some((k) => KIND_WORD_RE[k].test(rest));
}

/** Between two counts (`from`, `to`): a day named after the first, then "and"/"y" or a comma ("14 murieron el sábado y "). */
function dayThenAnd(s: string, dates: DateMention[], from: number, to: number): boolean {
  const between = s.slice(from, to);
  if (/[.;:()]/.test(between) || between.length > 120) return false;
  return dates.some((d) => d.start > from && d.end <= to && !d.since && /^\s*(?:,\s*|(?:,\s*)?\b(?:and|y|e)\s+)$/iu.test(s.slice(d.end, to)));
}

/** The capitalized place a count is told "in" right after its noun ("7 people were killed in Narsingdi"), or null. */
function placeNamedAfter(s: string, at: number): string | null {
  return /^[\p{L}\d.,]+(?:\s+[\p{Ll}]+){0,4}?\s+(?:in|en|at)\s+(?:the\s+|la\s+|el\s+)?(\p{Lu}[\p{L}-]+)/u.exec(s.slice(at, at + 120))?.[1] ?? null;
}

/** Whether `n` is in brackets right after a number that was not read as a casualty count (its parts, not the toll's). */
function partsOfAnotherCount(s: string, n: NumberMention, numbers: readonly NumberMention[], dates: readonly DateMention[], out: readonly Found[]): boolean {
  const open = s.lastIndexOf('(', n.start);
  if (open < 0 || s.slice(open, n.start).includes(')')) return false;
  const counted = numbers.filter((m) => m.end <= open && open - m.end <= 80 && !m.weak && !dates.some((d) => m.start < d.end && d.start < m.end)).at(-1);
  return counted !== undefined && !/[.;:]/.test(s.slice(counted.end, open)) && !out.some((found) => found.at === counted.start);
}
