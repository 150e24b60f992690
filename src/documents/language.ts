import { franc } from 'franc-min';

// franc-min answers in ISO 639-3; no ISO 639 mapping package is installed, so the codes franc-min
// can return (its Latin, Cyrillic, Arabic and Devanagari models) are mapped here by hand.
const ISO_639_1: Record<string, string> = {
  spa: 'es', eng: 'en', por: 'pt', fra: 'fr', deu: 'de', ita: 'it', nld: 'nl', ind: 'id', jav: 'jv',
  vie: 'vi', tur: 'tr', pol: 'pl', swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', bos: 'bs', hrv: 'hr',
  srp: 'sr', yor: 'yo', uzn: 'uz', zlm: 'ms', ibo: 'ig', ceb: 'ceb', tgl: 'tl', hun: 'hu', azj: 'az',
  ces: 'cs', run: 'rn', plt: 'mg', qug: 'qu', nya: 'ny', kin: 'rw', zul: 'zu', swe: 'sv', lin: 'ln',
  som: 'so', ilo: 'ilo', rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur',
  pes: 'fa', pbu: 'ps', hin: 'hi', mar: 'mr', npi: 'ne', ckb: 'ku', fuv: 'ff', mad: 'mad', zyb: 'za',
  hms: 'hms', hnj: 'hnj', koi: 'kv', skr: 'skr', mai: 'mai', bho: 'bho', mag: 'mag',
};

/** Fewer letters than this and trigram statistics are guesswork. */
const MIN_LETTERS = 40;

/** ISO 639-1 code of the text's language ('en', 'es', …), or null when too short or undecidable. */
export function detectLanguage(text: string): string | null {
  // A couple of paragraphs decide the language as well as the whole text, at a fraction of the cost.
  const sample = text.slice(0, 1500);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const code = franc(sample, { minLength: MIN_LETTERS });
  return ISO_639_1[code] ?? null;
}
