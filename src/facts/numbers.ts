// Number mentions in English and Spanish news text: digits ("1,200", "1.200", "600+") and number words
// ("seventeen", "forty-seven", "two hundred and five", "diecisiete", "treinta y cinco", "a dozen").
// Vague plurals ("dozens", "hundreds", "scores", "decenas", "centenares") are deliberately not numbers.

export interface NumberMention {
  start: number;
  end: number;
  value: number;
  text: string;
  /** "600+": the number itself says "more than". */
  plus: boolean;
  /** Spanish article-like "un"/"una": a number only in tight casualty patterns ("un muerto"). */
  weak: boolean;
  /** A collective noun that rounds ("un centenar", "una veintena", "medio centenar"): about that many. */
  approx?: boolean;
}

/** Spanish collective nouns of a round count: "una veintena", "una decena", "un centenar", "un millar". */
const COLLECTIVE: Record<string, number> = { decena: 10, docena: 12, veintena: 20, treintena: 30, cincuentena: 50, centenar: 100, centena: 100, millar: 1000 };

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  cero: 0, uno: 1, un: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  veintiuno: 21, veintiun: 21, veintiuna: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25,
  veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
};
const HUNDREDS: Record<string, number> = {
  cien: 100, ciento: 100, doscientos: 200, doscientas: 200, trescientos: 300, trescientas: 300, cuatrocientos: 400,
  cuatrocientas: 400, quinientos: 500, quinientas: 500, seiscientos: 600, seiscientas: 600, setecientos: 700,
  setecientas: 700, ochocientos: 800, ochocientas: 800, novecientos: 900, novecientas: 900,
};
const fold = (w: string) => w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

type Tok = { word: string; start: number; end: number; sep: string };
function wordValue(w: string): { kind: 'unit' | 'ten' | 'hundreds' | 'hundred' | 'thousand' | 'dozen'; v: number } | null {
  if (w in UNITS) return { kind: 'unit', v: UNITS[w]! };
  if (w in TENS) return { kind: 'ten', v: TENS[w]! };
  if (w in HUNDREDS) return { kind: 'hundreds', v: HUNDREDS[w]! };
  if (w === 'hundred') return { kind: 'hundred', v: 100 };
  if (w === 'thousand' || w === 'mil') return { kind: 'thousand', v: 1000 };
  if (w === 'dozen' || w === 'docena') return { kind: 'dozen', v: 12 };
  return null;
}

/** Parse a run of number words starting at token i; returns the value and the index after the run. */
function parseWords(toks: Tok[], i: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  let seen = false;
  let lastKind = '';
  let j = i;
  const first = toks[i]!.word;
  // "a dozen", "a hundred", "a thousand", "una docena", "un centenar"
  // ("el centenar de heridos que la ONU contabilizó", "la veintena de detenidos": the count named again with its article)
  const collective = toks[i + 1]?.word;
  if ((first === 'el' || first === 'la') && collective !== undefined && collective in COLLECTIVE) return { value: COLLECTIVE[collective]!, next: i + 2 };
  if (first === 'a' || first === 'an' || first === 'un' || first === 'una' || first === 'medio') {
    const nx = toks[i + 1]?.word;
    // "medio centenar": half of the collective count
    if (first === 'medio') return nx === 'centenar' || nx === 'millar' ? { value: COLLECTIVE[nx]! / 2, next: i + 2 } : null;
    if (nx === 'dozen') return { value: 12, next: i + 2 };
    if (nx === 'hundred') return { value: 100, next: i + 2 };
    if (nx === 'thousand') return { value: 1000, next: i + 2 };
    if (nx && nx in COLLECTIVE && (first === 'un' || first === 'una')) return { value: COLLECTIVE[nx]!, next: i + 2 };
    // "a protester was killed": the article alone is a weak count (the extractor needs a person and a casualty)
    if (first === 'a' || first === 'an') return { value: 1, next: i + 1 };
  }
  while (j < toks.length) {
    if (j > i && !/^[\s-]*$/.test(toks[j]!.sep)) break;
    const w = toks[j]!.word;
    const wv = wordValue(w);
    if (!wv) {
      // joiners: "forty seven", "one hundred and five", "treinta y cinco"
      const nx = toks[j + 1] ? wordValue(toks[j + 1]!.word) : null;
      if (seen && (w === 'and' || w === 'y') && nx && nx.kind === 'unit' && (lastKind === 'ten' || lastKind === 'hundred' || lastKind === 'hundreds')) {
        j++;
        continue;
      }
      break;
    }
    if (wv.kind === 'unit') {
      if (seen && (lastKind === 'unit' || (lastKind === 'ten' && wv.v >= 10))) break;
      current += wv.v;
    } else if (wv.kind === 'ten') {
      if (seen && (lastKind === 'unit' || lastKind === 'ten')) break;
      current += wv.v;
    } else if (wv.kind === 'hundreds') {
      if (seen && lastKind !== 'thousand') break;
      current += wv.v;
    } else if (wv.kind === 'hundred') {
      current = (current || 1) * 100;
    } else if (wv.kind === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else {
      // "two dozen"; a bare "dozen" without "a" is not a count
      if (!seen) return null;
      current = (current || 1) * 12;
    }
    seen = true;
    lastKind = wv.kind;
    j++;
  }
  if (!seen) return null;
  // "dozens", "hundreds", "thousands", "decenas": plural vague counts are not numbers
  const after = toks[j]?.word;
  if (after && /^(dozens|hundreds|thousands|millions)$/.test(after)) return null;
  return { value: total + current, next: j };
}

/** Every number mention in the text, in order. */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  // digits: 1,200 / 1.200 / 600+ (not decimals, ordinals, times, ages "15-year-old", percentages)
  // ("1 200" and "1 200" group thousands with a space, as ANNOTATION.md allows; "11 mil" is 11,000)
  // (a hyphen right before the digits joins them to a word or a range, "10-12"; after a space it opens an aside: "Los heridos -631 hombres y…")
  const digitRe = /(?<![\d.,:$€£/]|(?<!\s)-)(\d{1,3}(?:[,.\u00a0\u202f ]\d{3}(?![\d]))+|\d+)(\+)?(\s+mil(?!\s+millones)(?![\p{L}]))?(?![\d:]|[.,]\d|\s?%|\s?(?:st|nd|rd|th)\b|-?year|\s*percent|\s*por ciento)/giu;
  for (let m = digitRe.exec(text); m; m = digitRe.exec(text)) {
    const value = Number(m[1]!.replace(/[,.\u00a0\u202f ]/g, '')) * (m[3] ? 1000 : 1);
    out.push({ start: m.index, end: m.index + m[0].length, value, text: m[0], plus: Boolean(m[2]), weak: false });
  }
  const toks: Tok[] = [];
  const wordRe = /[\p{L}]+/gu;
  let prevEnd = 0;
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text)) {
    toks.push({ word: fold(m[0]), start: m.index, end: m.index + m[0].length, sep: text.slice(prevEnd, m.index) });
    prevEnd = m.index + m[0].length;
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // (an article opens a count only before a collective noun, "el centenar": the other articles are skipped here)
    const collectiveNext = (t.word === 'el' || t.word === 'la') && (toks[i + 1]?.word ?? '') in COLLECTIVE;
    if (!(wordValue(t.word) || ['a', 'an', 'un', 'una', 'medio'].includes(t.word) || collectiveNext)) continue;
    // ("el 40 por ciento de los arrestados": "ciento" is the percent's, not a hundred)
    if (t.word === 'ciento' && toks[i - 1]?.word === 'por') continue;
    const parsed = parseWords(toks, i);
    if (!parsed) continue;
    const last = toks[parsed.next - 1]!;
    const raw = text.slice(t.start, last.end);
    // "a dozen"/"un centenar" need the article; a lone "un"/"una" is weak; "one-year" is not a count
    if (/^(one|un|una)$/i.test(raw) && /^-(year|day|week|month|time)/i.test(text.slice(last.end))) continue;
    if (/-year|-day|-week/.test(text.slice(last.end, last.end + 6)) && /^\s*-?\s*(year|day|week|month)-?old|^-(year|day|week|month)/i.test(text.slice(last.end))) continue;
    // ("una docena" is twelve, as "a dozen" is; ANNOTATION.md reads "un centenar" as about a hundred)
    const approx = /\b(?:decena|veintena|treintena|cincuentena|centenar|centena|millar)$/i.test(fold(raw));
    out.push({ start: t.start, end: last.end, value: parsed.value, text: raw, plus: false, weak: /^(un|una|a|an)$/i.test(raw), approx });
    i = parsed.next - 1;
  }
  // ("11 mil": the word "mil" is part of the digits' mention)
  const digits = out.filter((x) => /^\d/.test(x.text));
  const found = out.filter((x) => /^\d/.test(x.text) || !digits.some((d) => x.start < d.end && d.start < x.end)).sort((a, b) => a.start - b.start);
  return restatedInDigits(text, found);
}

/**
 * "forty (40) people", "veinte (20) personas": a count in words restated in digits in brackets, as legal and NGO texts
 * write them, is one mention (the words', ending after the bracket); a bracket that says another number stays apart.
 */
function restatedInDigits(text: string, found: NumberMention[]): NumberMention[] {
  const out: NumberMention[] = [];
  for (let i = 0; i < found.length; i++) {
    const word = found[i]!;
    const next = found[i + 1];
    const bracket = next && !/^\d/.test(word.text) && /^\d/.test(next.text) && next.value === word.value ? /^\s*\(\s*$/.exec(text.slice(word.end, next.start)) : null;
    const close = bracket ? /^\s*\)/.exec(text.slice(next!.end)) : null;
    if (!bracket || !close) {
      out.push(word);
      continue;
    }
    const end = next!.end + close[0].length;
    out.push({ ...word, end, text: text.slice(word.start, end), weak: false });
    i++;
  }
  return out;
}
