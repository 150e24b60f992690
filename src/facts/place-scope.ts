// Whether a place restricts a count ("En Masaya se reportan 35 muertos", "Nairobi had 17", "killed 128 in
// Sistan-Baluchistan") rather than merely being named in its sentence ("the toll rose to 67, the Ombudsman said, after
// two more died in Cusco"). A count a place restricts is part of the story's toll, never the toll itself.
// Hand-written: it reads the story's own gazetteer (src/facts/story.ts), which no library knows.
import { NATIONWIDE_CUES, oneOfSeveralPlaces } from './figure-rules.ts';
import { findNumbers } from './numbers.ts';
import { findPlaces } from './story.ts';
import type { Story } from './types.ts';

/** What names a place's kind before its name: "el departamento de", "the town of", "Kenya's county of". */
const PLACE_NOUN = String.raw`(?:(?:the|el|la|los|las)\s+)?(?:(?:city|town|village|province|department|region|county|state|district|municipality|ciudad|localidad|provincia|departamento|regi[oó]n|condado|estado|distrito|municipio|comuna|cabecera)\s+(?:of|de|del)\s+)?`;
/** A count over the whole country (the scope rule's nationwide cues, and any national word): no place restricts it. */
const NATIONAL = new RegExp(String.raw`${NATIONWIDE_CUES.source}|\b(?:across\s+\p{Lu}\p{L}+|in the whole country|national(?:ly)?|en el pa[ií]s|(?:de|en) todo el territorio|nacional(?:es)?)\b`, 'iu');
/** Verbs whose subject holds a count: "Managua acumula 145", "Kisumu had two", "Nakuru recorded 3". */
const HOLDS = String.raw`(?:(?:each|cada uno|cada una)\s+)?(?:acumula|acumulaba|registra|registr[oó]|registraba|suma|sum[oó]|sumaba|reporta|report[oó]|cuenta|cont[oó]|tiene|tuvo|had|has|recorded|registered|counted|reported|accounted for|saw|lost)`;
/** The words a count may carry before its number: qualifiers and articles ("acumula al menos 145"). */
const LEAD = String.raw`(?:(?:al|por|lo|at|no|the|un|unos|unas|about|some|over|least|menos|más|mas|de|more|than|nearly|almost|casi|cerca|alrededor|otros|otras|another|a|an)\s+){0,3}`;

/** "most of the", "la mayoría de": the place holds a share of the count, not all of it. */
const SHARE = /\b(?:most|many|some|half|much|the (?:majority|bulk)|la mayor[ií]a|gran parte|buena parte|parte)\s+(?:of|de)\b/iu;

// Built once (a count is tested against every place of its clause).
/** Before the place, from the clause's start: "En …", "In the town of …". */
const OPENS_ON_PLACE = new RegExp(String.raw`^\s*(?:[Ii]n|[Ee]n|[Ss]olo en|[Oo]nly in|[Ii]n the [\p{L}-]+ of)\s+${PLACE_NOUN}$`, 'u');
const NOT_OPENING = /\b(?:after|before|tras|despu[eé]s|antes|where|donde|while|mientras)\b/i;
/** Before a place that is the subject holding a count: a clause start, "and", "y". */
const HOLDER_BEFORE = new RegExp(String.raw`(?:^|[,;:]\s*|\b(?:and|y)\s+)${PLACE_NOUN}$`, 'iu');
const HOLDS_BETWEEN = new RegExp(String.raw`^\s+(?:se\s+)?${HOLDS}\s+${LEAD}$`, 'iu');
const WHERE_BETWEEN = /^[^,.;:]{0,20},?\s+(?:where|donde|in which|en (?:la|el) que)\s+(?:[\p{L}]+\s+){0,4}$/iu;
/** After the count, right before the place: "… heridas en", "killed 128 in the province of". */
const IN_BEFORE_PLACE = new RegExp(String.raw`(?:^|\s)(?:in|en|at)\s+${PLACE_NOUN}$`, 'iu');
const SHARE_WITH_BETWEEN = new RegExp(String.raw`^(?:\s*\([^()]{1,40}\))?,\s*con\s+${LEAD}$`, 'iu');
const TOLD_BETWEEN = /\b(?:after|before|tras|despu[eé]s|antes|said|says|told|dijo|dice|inform\p{L}*|according|seg[uú]n)\b/iu;

/**
 * The place restricting the count at `at` (an index into `s`, the number's start; `end` its end) in the clause
 * [from, to), or null when no place modifies the count itself.
 */
export function placeRestricting(s: string, at: number, end: number, clause: [number, number], story: Story | undefined): string | null {
  if (!story) return null;
  const [from, to] = clause;
  const clauseText = s.slice(from, to);
  if (NATIONAL.test(clauseText)) return null;
  const places = findPlaces(story, clauseText).map((p) => ({ ...p, index: p.index + from, end: p.end + from }));
  if (places.length === 0) return null;
  for (const p of places) {
    if (oneOfSeveralPlaces(s.slice(p.end, to))) continue;
    if (p.end <= at) {
      const between = s.slice(p.end, at);
      // "the Puno area, where most of the 60 deaths occurred": the count is larger than the place
      if (SHARE.test(between)) continue;
      const lead = s.slice(from, p.index);
      // "En Masaya se reportan 35 muertos", "In Cusco, 18 died": the clause opens on the place ("In N'Djamena, the
      // government said the toll had risen to 50": where it was said, not what it counts)
      if (OPENS_ON_PLACE.test(lead) && !/\d/.test(between) && !NOT_OPENING.test(between) && !TOLD_BETWEEN.test(between) && between.length < 80) return p.place;
      // "El departamento de Managua acumula 145", "Kisumu had two"
      if (HOLDER_BEFORE.test(s.slice(Math.max(from, p.index - 40), p.index)) && HOLDS_BETWEEN.test(between)) return p.place;
      // "in Sistan-Baluchistan, where 128 people have been killed", "en Masaya, donde murieron 35"
      if (WHERE_BETWEEN.test(between)) return p.place;
      // "La provincia con más detenciones es Pichincha, con 499 aprehensiones", "Guayas (Guayaquil), con 309": a place's share
      if (SHARE_WITH_BETWEEN.test(between)) return p.place;
    } else if (p.index >= end) {
      // "Al menos 200 personas han resultado heridas en Nairobi", "killed 128 in Sistan-Baluchistan"
      const between = s.slice(end, p.index);
      // ("eight deaths in clashes - six of them in El-Gadarif": another count, or a dash, between makes the place that one's)
      if (between.length < 70 && !/[,;:()–—]|\s-\s|\d/.test(between) && findNumbers(between).length === 0 && IN_BEFORE_PLACE.test(between) && !TOLD_BETWEEN.test(between)) return p.place;
    }
  }
  return null;
}
