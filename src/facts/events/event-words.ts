/**
 * Finding event words in a sentence: the lexicon's words (not after a modal, not as an adjective, not the month
 * "March"), past tenses the lexicon does not list (recognized by their form), and the kind of a line of text.
 */
import { LEXICON, STRONG_ORDER, type EventKind } from './lexicon.ts';

// ---------------------------------------------------------------------------------------------
// Verbs the lexicon does not list: past tenses recognized by their form.

const EN_IRREGULAR_PAST = new Set(
  ('began beat bled broke brought burnt came caught chose drove fell fled fought found froze gave got went held hid hung kept knew laid led ' +
    'lit lost made met overran paid quit ran rang rode rose sank saw sent shot shut slew sought spoke spread stood stole struck swore threw ' +
    'took retook overtook undertook tore upheld woke won wrote became spent built burnt dealt dug fed forgot forgave grew meant sat slept sold stuck swept taught understood wore').split(' '),
);
/** "-ed" words that are not verbs in news prose (or are adjectives more often than not). */
const EN_NOT_VERBS = new Set(
  'hundred armed based related alleged aged named masked red bed need speed seed feed shed united supposed concerned interested unidentified organized organised advanced detailed'.split(' '),
);
/** Spanish participles that are nouns or dates far more often ("el pasado viernes", "el estado"). */
const ES_NOT_PARTICIPLES = new Set(
  'pasado pasada sábado estado todo toda lado mercado senado partido resultado resultados comunicado soldado soldados diputado diputados abogado abogados jurado cuidado grado contenido sentido apellido marido nido ruido vestido olvido cercado helado'.split(' '),
);
/** English past participles that are not "-ed", after an auxiliary ("was hit", "were taken", "had been seen"). */
const EN_IRREGULAR_PARTICIPLES = new Set(
  ('taken given shown seen done gone thrown driven written broken spoken stolen chosen frozen risen fallen begun sworn torn worn hidden ' +
    'forgotten forbidden undertaken overtaken arisen drawn flown grown known hit hurt shot held found caught brought fought sought taught ' +
    'kept left lost led fled met paid sold told sent spent built struck beaten put set cut').split(' '),
);
const EN_AUXILIARY = /(?:^|\s)(?:was|were|been|being|had|has|have|got)\s+(?:\p{L}+ly\s+)?$/iu;
/** Spanish preterites that do not end like regular ones ("hizo", "hubo", "dio", "trajeron"). */
const ES_IRREGULAR_PRETERITE = new Set('hizo puso tuvo vino quiso supo trajo condujo produjo dio vio estuvo hubo fue fueron anduvo redujo tradujo'.split(' '));
const ES_AUXILIARY = /(?:^|\s)(?:fue|fueron|ha|han|había|habían|hubo|sido|resultó|resultaron|quedó|quedaron|son|es|está|están|estaba|se)\s+(?:\p{L}+\s+)?$/iu;
const EN_DETERMINER_BEFORE = /(?:^|\s)(?:the|a|an|its|their|his|her|our|this|these|those|of|so-|well-)\s*$/iu;

/** A past-tense verb the lexicon does not list, by its form, or false. */
function isGenericVerb(word: string, before: string, after: string): boolean {
  const w = word.toLowerCase();
  if (word !== w && !/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  // Spanish preterite (3rd person): "escaló", "se registraron", "cayeron", "trajeron", "hizo".
  if (/^\p{Ll}{3,}(?:ó|aron|ieron|yeron|jeron)$/u.test(w) || ES_IRREGULAR_PRETERITE.has(w)) return true;
  // Spanish participle after an auxiliary ("fue incendiado") or right before its date ("anunciadas el martes").
  if (/^\p{Ll}{3,}(?:ad|id)[oa]s?$/u.test(w) && !ES_NOT_PARTICIPLES.has(w)) return ES_AUXILIARY.test(before) || /^\s+(?:el|este|esta|ayer|hoy|on)\b/iu.test(after);
  if (/^[a-z]{3,}ed$/.test(w)) return !EN_NOT_VERBS.has(w) && !EN_DETERMINER_BEFORE.test(before);
  if (EN_IRREGULAR_PARTICIPLES.has(w) && EN_AUXILIARY.test(before)) return true;
  return EN_IRREGULAR_PAST.has(w) && !EN_DETERMINER_BEFORE.test(before);
}

// ---------------------------------------------------------------------------------------------
// Finding event words

export interface VerbHit {
  kind: EventKind;
  weak: boolean;
  /** 'lexicon' event word, 'verb' (a past tense the lexicon does not list), 'noun' (an event noun). */
  source: 'lexicon' | 'verb' | 'noun';
  start: number;
  end: number;
  text: string;
}

/** Words right before an event word that make it a demand, a plan or an adjective, not an event. */
const MODAL_BEFORE =
  /(?:\b(?:will|would|could|might|may|shall|to|plans? to|preparing to|going to|set to|threaten(?:s|ed)? to|demand(?:s|ed|ing)?|calling for|called for|call for|va a|van a|para|exigir|exigen)\s+(?:\w+\s+)?)$/iu;
const ADJECTIVE_BEFORE = /(?:\b(?:the|an?|former|of|ex|recently|and|el|la|los|al|del)\s+)$/iu;

/** Event words of the lexicon in a sentence, overlaps resolved (the longer wins). */
export function findVerbs(sentence: string): VerbHit[] {
  const hits: VerbHit[] = [];
  for (const lex of LEXICON) {
    lex.re.lastIndex = 0;
    for (let m = lex.re.exec(sentence); m; m = lex.re.exec(sentence)) {
      const start = m.index;
      const end = start + m[0].length;
      const word = m[0].toLowerCase();
      const before = sentence.slice(Math.max(0, start - 40), start);
      const wideBefore = sentence.slice(Math.max(0, start - 70), start);
      const after = sentence.slice(end, end + 30);
      // "March 1" is a month, not a march.
      if (/^march/.test(word) && (/^\s*\d/.test(after) || /\b(?:and|in|between|of|until|since|to|late|early|mid|from|by|on)\s+$/i.test(before) || /^March$/.test(m[0]))) continue;
      // "the ousted president", "of ousted left-wing President": an adjective.
      if (/^(?:ousted|deposed|toppled|overthrown|dismissed|impeached|jailed|imprisoned|detained|arrested)$/.test(word) && ADJECTIVE_BEFORE.test(before) && /^\s+(?:[\w-]+\s+){0,3}(?:president|leader|presidente|mandatario|ex-president)/i.test(after)) continue;
      if (MODAL_BEFORE.test(before)) continue;
      if (lex.kind === 'protest' && (/\b(?:lead-?up to|run-up to|ahead of|preparing for|prepare for|call(?:ed|ing)? for|building towards)\b[^.;]{0,40}$/i.test(wideBefore) || /^\s+(?:coming up|planned|scheduled|set for)\b/i.test(after))) continue;
      // "the dead" as a noun phrase ("mourned the dead") is still killing talk; "dead end" is not.
      if (word === 'dead' && /^\s+end\b/i.test(after)) continue;
      hits.push({ kind: lex.kind, weak: lex.weak, source: 'lexicon', start, end, text: m[0] });
    }
  }
  return dropOverlaps(hits);
}

export function dropOverlaps(hits: VerbHit[]): VerbHit[] {
  hits.sort((a, b) => a.start - b.start);
  const kept: VerbHit[] = [];
  for (const h of hits) {
    const clash = kept.findIndex((k) => h.start < k.end && k.start < h.end);
    if (clash < 0) kept.push(h);
    else if (h.end - h.start > kept[clash]!.end - kept[clash]!.start) kept[clash] = h;
  }
  return kept;
}

/** Past-tense verbs the lexicon does not list, outside the spans already taken. */
export function findGenericVerbs(sentence: string, taken: { start: number; end: number }[]): VerbHit[] {
  const out: VerbHit[] = [];
  for (const m of sentence.matchAll(/\p{L}+/gu)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken.some((t) => start < t.end && t.start < end)) continue;
    const before = sentence.slice(Math.max(0, start - 30), start);
    if (!isGenericVerb(m[0], before, sentence.slice(end, end + 12)) || MODAL_BEFORE.test(before)) continue;
    out.push({ kind: 'other', weak: true, source: 'verb', start, end, text: m[0] });
  }
  return out;
}

/** Every kind of event word in a line of text, strongest first. */
export function eventKinds(text: string): EventKind[] {
  const kinds = new Set(findVerbs(text).map((h) => h.kind));
  return STRONG_ORDER.filter((k) => kinds.has(k));
}

/** The kind of event a line of text talks about (its strongest event word), or null. */
export function eventKind(text: string): EventKind | null {
  return eventKinds(text)[0] ?? null;
}
