// Sentence segmentation for news text (English and Spanish): paragraphs by line, sentences by terminal
// punctuation followed by a capital, a digit or an opening quote — not after abbreviations or initials.
// The project's one splitter: figures, events (facts/events/document-sentences.ts), the model verifier and
// the extractive summary all read sentences through it. Hand-written: Intl.Segmenter splits after "Gen." and
// "U.S.", and no maintained library knows Spanish news abbreviations ("Sra.", "ago.", "EE.UU.").

import { findNumbers } from './numbers.ts';

export interface Sentence {
  text: string;
  start: number;
  end: number;
  paragraph: number;
  /** A title-case line without final punctuation: a headline or section title, not reporting. */
  headline: boolean;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'st', 'jr', 'sr', 'sra', 'srta', 'dra',
  'prof', 'lic', 'ing', 'av', 'avda', 'no', 'nos', 'vs', 'etc', 'inc', 'corp', 'co', 'ltd', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'ene', 'abr', 'ago', 'dic', 'approx', 'aprox', 'est', 'fig',
  'u.s', 'u.n', 'p.m', 'a.m', 'e.g', 'i.e', 'ee.uu', 'pres', 'min', 'dept', 'depto', 'prov', 'mt', 'ft',
]);

/**
 * The word before a full stop is an abbreviation or an initial ("Gen.", "J.", "U.S."): a capital letter alone
 * (not the "s" of "government's"), and "ago" (agosto) only before a day number ("two days ago. Of those" ends).
 */
function isAbbreviation(written: string, lastWord: string, next: string): boolean {
  if (lastWord === 'ago') return /^\d/.test(next);
  return ABBREVIATIONS.has(lastWord) || /^\p{Lu}$/u.test(written) || /(^|\.)\p{L}\.\p{L}$/u.test(lastWord);
}

function isHeadline(line: string): boolean {
  const t = line.trim();
  if (!t || /[.!?:;"”’)]$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 18) return false;
  const content = words.filter((w) => /^[\p{L}\d]/u.test(w) && w.replace(/[^\p{L}]/gu, '').length > 3);
  if (content.length === 0) return true;
  const capital = content.filter((w) => /^[\p{Lu}\d‘'"“]/u.test(w)).length;
  return capital / content.length >= 0.6;
}

/** A dispatch's city in capitals, three letters or more in all: "LIMA", "LA PAZ", "NUR-SULTAN". */
const CAPITALS_CITY = String.raw`(?=[\p{Lu}'’-]{3}|\p{Lu}{1,2} \p{Lu})\p{Lu}[\p{Lu}'’-]+(?: \p{Lu}[\p{Lu}'’-]+)*`;
const CITY_ALONE = new RegExp(`^${CAPITALS_CITY}$`, 'u');
/**
 * "LIMA. La Defensoría…", "NUR-SULTAN. March 14 (Interfax) - …": a city in capitals and a full stop opening a dispatch
 * (the splitter keeps it with its sentence; figures skip it as a dateline, summaries drop it).
 */
export const CITY_STOP_DATELINE = new RegExp(`^${CAPITALS_CITY}\\.\\s+(?=["“]?\\p{Lu})`, 'u');

/** Sentences of `text` with their offsets; `text.slice(s.start, s.end) === s.text`. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  const lineRe = /[^\n]+/g;
  for (let lm = lineRe.exec(text); lm; lm = lineRe.exec(text)) {
    const line = lm[0];
    if (!line.trim()) continue;
    const headline = isHeadline(line);
    const base = lm.index;
    let from = 0;
    const endRe = /([.!?…]+)(["”’»)\]]*)(\s+)(?=[¿¡"“‘'«(\p{Lu}\d•*–-])/gu;
    for (let m = endRe.exec(line); m; m = endRe.exec(line)) {
      const before = line.slice(from, m.index);
      // ("del 11J.", "el 28-A.": a day's name written with its number is no initial)
      const written = /\d-?\p{L}$/u.test(before) ? '' : (before.match(/([\p{L}.]+)$/u)?.[1] ?? '');
      const lastWord = written.toLowerCase();
      if (m[1] === '.' && isAbbreviation(written, lastWord, line.slice(m.index + m[0].length))) continue;
      // "NUR-SULTAN. March 14 (Interfax) - …": a dispatch's city in capitals opens the line's first sentence
      if (m[1] === '.' && from === 0 && CITY_ALONE.test(before)) continue;
      const stop = m.index + m[1]!.length + m[2]!.length;
      push(out, line, base, from, stop, paragraph, headline);
      from = stop + m[3]!.length;
    }
    push(out, line, base, from, line.length, paragraph, headline);
    paragraph++;
  }
  return out;
}

function push(out: Sentence[], line: string, base: number, from: number, to: number, paragraph: number, headline: boolean): void {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(line[a]!)) a++;
  while (b > a && /\s/.test(line[b - 1]!)) b--;
  if (b > a) out.push({ text: line.slice(a, b), start: base + a, end: base + b, paragraph, headline });
}

/** Clause boundaries inside a sentence, as [start, end) offsets: ";", ", with", ", while", ", bringing the toll…". */
export function splitClauses(sentence: string): [number, number][] {
  const cuts = [0];
  const re = /;\s+|:\s+(?=\p{Ll})|,\s+(?=(?:with|while|whereas|whilst|bringing|raising|taking|pushing|mientras|con lo que|lo que eleva|elevando|llevando|sumando)\b)|\s+[–—]\s+(?=\p{Ll}+\s)/gu;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) cuts.push(m.index);
  cuts.push(sentence.length);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) out.push([cuts[i]!, cuts[i + 1]!]);
  return out;
}

/** A count named in words: an aside that has one lists parts. */
const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\p{L}+teen|\p{L}+ty|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)\b/iu;
/** A verb that resumes the sentence after an aside: "…, were injured", "…, murieron". */
export const ASIDE_VERB = String.raw`(?:(?:also|too|later|reportedly|ya|tambi[eé]n)\s+)?(?:were|was|have|has|had|are|is|died|remain|remained|fueron|fue|han|ha|hab[ií]an|murieron|fallecieron|resultaron|sufrieron|quedaron|est[aá]n|permanecen|siguen)(?![\p{L}])`;
/** The rest of a list aside after its first item: " nurses and two reporters, were injured". */
const LIST_RUNS_ON = new RegExp(String.raw`^[^,;:.]{1,60}\s(?:and|y|e)\s[^,;:.]{1,60},\s+${ASIDE_VERB}`, 'iu');

// "son ocho y no nueve los muertos", "la cifra es de ocho y no de nueve", "eight, not nine": what stands between the count
// told and the count it denies (the counts themselves are numbers.ts's to find)
const DENIAL_BETWEEN = /^(?:\s*,\s*|\s+(?:y|and)\s+)(?:no|not)\s+(?:de\s+)?$/iu;
// (the denial's cue first: most sentences have none, and need no count found)
const DENIAL_CUE = /(?:,|\s(?:y|and))\s+(?:no|not)\s/i;

/** The sentence with each denied count (and its denial) blanked, so the count told reads on to its noun. */
function maskDenied(s: string): string {
  if (!DENIAL_CUE.test(s)) return s;
  const numbers = findNumbers(s);
  let out = s;
  for (const [i, denied] of numbers.entries()) {
    const told = numbers[i - 1];
    if (told && DENIAL_BETWEEN.test(s.slice(told.end, denied.start))) out = out.slice(0, told.end) + ' '.repeat(denied.end - told.end) + out.slice(denied.end);
  }
  return out;
}

// A count's words in quotation marks: 'de "una treintena" de fallecidos', '"más de 300" heridos'.
const QUOTED_COUNT = /["“«]\s*(?=\d|(?:una?|unos|unas|a|an|about|some|more than|over|at least|más de|al menos|cerca de)\s)[^"“”«»]{1,40}["”»]/giu;

// The counted people's noun in quotation marks: 'murieron unos 800 "mártires"', 'killed 12 "rioters"' (the outlet's
// distance from the word it quotes, not another noun).
const QUOTED_NOUN = new RegExp(String.raw`(?<=(?:\d|(?<![\p{L}])${NUMBER_WORD.source.slice(2, -2)})\s+)["“«](\p{L}+(?:[\s-]\p{L}+){0,2})["”»]`, 'giu');

// A casualty denied to everyone: "and that no one was hurt", "nadie resultó herido", "ningún agente murió" (it counts no one,
// and its casualty word is no other count's)
const NO_ONE_HURT = /(?<![\p{L}])(?:no[- ]one|nobody|nadie|ningun[oa]?|ningún|none)(?![\p{L}])[^.;:,\d]{0,40}?(?<![\p{L}])(?:hurt|injured|wounded|killed|died|dead|arrested|detained|herid[oa]s?|lesionad[oa]s?|muri[oó]|muert[oa]s?|falleci[oó]|fallecid[oa]s?|detenid[oa]s?)(?![\p{L}])/giu;

/** Ages told of the people counted: "aged 22, 25 and 31", "between the ages of 18 and 25", "de entre 14 y 16 años". */
export const AGES = /(?<![\p{L}])(?:(?:aged|ages)\s+(?:between\s+)?|between the ages of\s+)\d{1,2}(?:\s*(?:,|and|to|-|–)\s*\d{1,2})*(?![\d\p{L}])|(?<![\p{L}])de\s+(?:entre\s+)?\d{1,2}(?:\s*(?:,|y|a|-|–)\s*\d{1,2})*\s+años(?:\s+de\s+edad)?(?![\p{L}])/giu;

/** Replace long parentheticals with spaces (same length) so "48 protesters (it started …) have been killed" reads on. */
export function maskAsides(s: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  const unlessCounts = (m: string) => (NUMBER_WORD.test(m) ? m : blank(m));
  // "son ocho y no nueve los muertos": the denied count is no count, and the one told reads on to its noun
  return maskDenied(s)
    // 'había hablado de "una treintena" de fallecidos': quotation marks around a count's words are no words between it and its noun
    .replace(QUOTED_COUNT, (m) => ` ${m.slice(1, -1)} `)
    .replace(QUOTED_NOUN, (m) => ` ${m.slice(1, -1)} `)
    .replace(NO_ONE_HURT, blank)
    // "Two protesters, ages 16 and 17, were killed": ages between commas; "Eight people aged between 18 and 30 were
    // shot dead", "tres jóvenes de 17, 19 y 22 años murieron": ages between the people and their verb
    .replace(/,\s+(?:(?:ages?|aged)\s+\d{1,2}(?:\s*(?:and|to|-|–)\s*\d{1,2})?|de\s+\d{1,2}(?:\s*(?:y|a|-|–)\s*\d{1,2})?\s+años),/giu, blank)
    .replace(AGES, blank)
    .replace(/\(([^()]*)\)/g, (m, inner: string) => (inner.trim().split(/\s+/).length >= 4 && !/\d/.test(inner) ? blank(m) : m))
    // "17 (4.2%) were members of the police": a share beside a count says nothing of what it counts
    .replace(/\(\s*(?:about|around|some|cerca del?|alrededor del?|casi|almost|nearly)?\s*\d{1,3}(?:[.,]\d+)?\s*(?:%|per ?cent|por ciento)\s*\)/giu, blank)
    // "Seven people - among them an indigenous leader - have died", "Cinco personas —dos de ellas menores— murieron"
    // (an aside that names a count is a part of the count before it: "103 —entre ellos, dos menores de edad— corresponden…")
    .replace(/\s[-–—]\s?(?:among them|including|most of them|many of them|all of them|entre ell[oa]s|incluid[oa]s?|la mayor[ií]a|tod[oa]s ell[oa]s)\b[^-–—.;:\d]{1,80}\s?[-–—]\s/giu, unlessCounts)
    .replace(/\s—(?:among them|including|entre ell[oa]s|incluid[oa]s?)\b[^—.;:\d]{1,80}—/giu, unlessCounts)
    // "More than 400 people, among them protesters, police officers and journalists, were injured": a list as the aside
    .replace(new RegExp(String.raw`,\s+(?:including|among them|among whom|entre ell[oa]s|incluid[oa]s?)\s[^;:\d.]{1,120}?\s(?:and|y|e)\s[^,;:\d.]{1,40},(?=\s+${ASIDE_VERB})`, 'giu'), unlessCounts)
    // "18 people, including a police officer, were killed", "Eighteen people, most of them young men, died"
    // (an aside that names counts is a list of parts: figure-rules PART_ASIDE)
    // (nor the first item of a list that runs on: ", among them students, nurses and two reporters, were…")
    .replace(/,\s+(?:including|among them|most of them|mostly|many of them|all of them|incluid[oa]s?|entre ell[oa]s|la mayor[ií]a|en su mayor[ií]a)\b[^,;:\d]{1,60},(?=\s+(?:\p{Ll}+\s+){0,2}\p{Ll})/giu,
      (m: string, at: number, all: string) => (LIST_RUNS_ON.test(all.slice(at + m.length)) ? m : unlessCounts(m)))
    // "Al menos 30 personas, de acuerdo con las cifras del Comité de Médicos, un sindicato, perdieron la vida", "12 people,
    // according to the ministry, were killed": who says it, between the count and its verb (attribution reads the sentence)
    .replace(new RegExp(String.raw`,\s+(?:according to|citing|de acuerdo con|seg[uú]n|conforme a)\s[^;:\d.]{1,120}?,(?=\s+(?:${ASIDE_VERB}|perdieron|lost))`, 'giu'), blank)
    // "Tres personas, como mínimo, murieron", "Ten people, at least, were hurt": a hedge between the count and its verb
    // (read by the qualifier: QUALIFIER_AFTER)
    .replace(/(?<=\d|\p{L}),\s+(?:como m[ií]nimo|por lo menos|al menos|at least|at the very least)\s*,(?=\s+\p{Ll})/giu, blank);
}

