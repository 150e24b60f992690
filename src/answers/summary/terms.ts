/**
 * The terms a summary compares sentences by: folded (lower case, no accents), stopwords out, a light stem,
 * casualty words merged into one concept per kind ("killed", "muertos", "fallecieron" → ~die), and one
 * "#value" term per number mention. Known sentences' terms (the stored timeline) are remembered.
 */
import { findNumbers } from '../../facts/numbers.ts';
import { isEnglishOnce } from './stopwords.ts';

const NON_ASCII = /[^\x00-\x7f]/;
export const fold = (s: string) => {
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
export function terms(text: string, stop: ReadonlySet<string>): { terms: string[]; numbers: Set<number> } {
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
export type KnownTerms = { counts: [string, number][]; numbers: Set<number> };
const knownCaches = new Map<ReadonlySet<string>, Map<string, KnownTerms>>();
const KNOWN_CACHE_SIZE = 20_000;

export function knownTerms(sentence: string, stop: ReadonlySet<string>): KnownTerms {
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

/**
 * Terms of every sentence of a list of known sentences, computed once per list: a digest hands the same list to every
 * entry's summary, and a list longer than the sentence cache above would otherwise be computed again for each entry.
 * Kept as long as the list is (a list is not changed once handed over; one that was is computed again).
 */
const knownLists = new WeakMap<readonly string[], Map<ReadonlySet<string>, KnownTerms[]>>();

export function knownTermsOf(known: readonly string[], stop: ReadonlySet<string>): KnownTerms[] {
  let byStop = knownLists.get(known);
  if (!byStop) knownLists.set(known, (byStop = new Map()));
  let list = byStop.get(stop);
  if (!list || list.length !== known.length) byStop.set(stop, (list = known.map((sentence) => knownTerms(sentence, stop))));
  return list;
}
