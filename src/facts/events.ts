/**
 * Dated events for the timeline: "who did what where", one line each, cut from news sentences.
 *
 * An event is a clause that holds a day-precise date cue and a predicate saying what happened there: an
 * event word of the lexicon below (killed, arrested, said, signed, marched, drowned… in English and
 * Spanish), another verb in a past tense ("escalated", "se registraron"), or an event noun the date
 * modifies ("the march of 8 August", "la jornada del martes"). A date belongs to the clause it is in:
 * a fronted "On 18 October," goes with the clause it introduces, a trailing ", on June 20" with the one
 * before. A date that opens or closes a period ("since April 28", "until June 30", "between … and …",
 * "as of …") is no happening's date unless the clause says what happened that day ("the unrest began
 * on 16 September", "until July 17, when police retook it"). Weekdays and "yesterday" resolve against
 * the publication date, or against the day of the live-blog entry they are in; "that same night", "the
 * next day" take the date of the sentence before. Undated happenings give nothing: a headline or a lead
 * without a date cue is no event (when the body dates it, the body's sentence is the event).
 * The text is the clause around the predicate with its date cues removed — trimmed from the sentence,
 * never composed. Hand-written: no library here tags English and Spanish news clauses with their dates.
 */
import { addDays, dayOf, findDateMentions, type DateMention } from './dates.ts';
import { findPlaces, normalizeName } from './story.ts';
import type { ExtractedEvent, FactInput, Precision, Story } from './types.ts';

export type EventKind =
  | 'removal'
  | 'arrest'
  | 'emergency'
  | 'authorisation'
  | 'vote'
  | 'killing'
  | 'injury'
  | 'clash'
  | 'resignation'
  | 'swearing-in'
  | 'investigation'
  | 'charge'
  | 'trial'
  | 'apology'
  | 'dissolution'
  | 'agreement'
  | 'decision'
  | 'complaint'
  | 'report'
  | 'statement'
  | 'meeting'
  | 'funeral'
  | 'protest'
  /** A past-tense verb or event noun the lexicon does not name. */
  | 'other';

/** An extracted event with the kind of its event word (extra field; ExtractedEvent-compatible). */
export type DatedEvent = ExtractedEvent & { kind: EventKind };

// ---------------------------------------------------------------------------------------------
// Lexicon: event words by kind, English and Spanish. Each entry is a regular-expression fragment
// matched case-insensitively as whole words. Weak kinds (protests, statements) lose to strong ones
// when both could carry a date.

interface KindWords {
  kind: EventKind;
  weak?: boolean;
  words: string[];
}

const LEXICON_TABLE: KindWords[] = [
  {
    kind: 'removal',
    words: [
      'removed', 'removing', 'ousted', 'ousting', 'ouster', 'deposed', 'toppled', 'overthrown', 'overthrew', 'dismissed',
      'dismissal', 'impeached', 'impeachment', 'vacated', 'forced from power', 'removal from office', 'destituid[oa]',
      'destituyó', 'destituyeron', 'destitución', 'vacad[oa]', 'vacancia', 'derrocad[oa]', 'derrocó', 'depuesto',
    ],
  },
  {
    kind: 'arrest',
    words: [
      'arrested', 'arrests', 'detained', 'jailed', 'imprisoned', 'taken into custody', 'taken to jail', 'detenid[oa]s?',
      'detuvo', 'detuvieron', 'arrestad[oa]s?', 'arrestó', 'arrestaron', 'capturad[oa]s?', 'capturó', 'capturaron',
      'encarcelad[oa]s?', 'encarceló',
    ],
  },
  {
    kind: 'emergency',
    words: ['state of emergency', 'states of emergency', 'state of siege', 'curfew', 'emergency decree', 'estado de emergencia', 'estado de sitio', 'toque de queda'],
  },
  {
    kind: 'authorisation',
    words: ['authori[sz]ed', 'authori[sz]es', 'authori[sz]ation', 'gave its approval', 'autorizó', 'autoriza', 'autorizaron', 'autorización'],
  },
  {
    kind: 'vote',
    words: [
      'voted(?: down| against| in favou?r)?', 'votes? down', 'rejected', 'rejects', 'refused', 'refuses', 'denied', 'approved',
      'approves', 'passed', 'amended', 'shot down(?= (?:a|the|any)(?: \\w+)? (?:proposal|bill|motion|initiative|chance|possibility))',
      'votó', 'votaron', 'rechazó', 'rechaza', 'rechazaron', 'aprobó', 'aprueba', 'aprobaron', 'archivó', 'enmendó',
    ],
  },
  {
    kind: 'killing',
    words: [
      'killed', 'killings?', 'shot dead', 'shot down(?= (?:civilians|protesters|demonstrators|people|them|\\d))', 'shot to kill',
      'massacred?', 'massacres', 'murdered', 'slain', 'died', 'dead', 'drowned', 'drowning', 'perished', 'passed away',
      'lost (?:his|her|their) lives?', 'opened fire', 'asesinad[oa]s?', 'asesinaron', 'asesinó', 'murieron', 'murió', 'muere',
      'mueren', 'muert[oa]s', 'fallecid[oa]s', 'falleció', 'fallecieron', 'fallece', 'perdió la vida', 'perdieron la vida',
      'se ahogó', 'se ahogaron', 'ahogad[oa]s?', 'masacre', 'matanza', 'abrieron fuego', 'hanged', 'executed', 'ejecutad[oa]s?',
      'ahorcad[oa]s?',
    ],
  },
  {
    kind: 'injury',
    words: [
      'wounded', 'injured', 'hurt', 'was shot', 'were shot', 'beaten', 'herid[oa]s', 'resultaron heridos', 'hirió', 'hirieron',
      "recibi(?:ó|eron|r) (?:un|una|varios|\\w+) (?:disparos?|balazos?|impactos? de bala|heridas? de bala)", 'golpead[oa]s?', 'golpearon', 'apalearon',
    ],
  },
  {
    kind: 'clash',
    words: [
      'clash(?:es|ed)?', 'attacked', 'stormed', 'set fire', 'torched', 'looted', 'vandali[sz]ed', 'fired (?:live|tear|on|at|into)',
      'raided', 'enfrentamientos?', 'se enfrentaron', 'atacad[oa]s', 'atacaron', 'asaltaron', 'irrumpieron', 'incendiad[oa]',
      'incendiaron', 'saquead[oa]', 'saquearon', 'saqueos', 'dispararon', 'disparó', 'allanaron',
    ],
  },
  { kind: 'resignation', words: ['resigned', 'resigns', 'resignation', 'stepped down', 'renunció', 'dimitió', 'dimite', 'dimisión', 'presentó su renuncia'] },
  {
    kind: 'swearing-in',
    words: ['sworn in', 'took office', 'taken office', 'taking office', 'appointed', 'assumed the presidency', 'juramentó', 'asumió', 'se posesionó'],
  },
  {
    kind: 'investigation',
    words: [
      'opened (?:an?|its) (?:\\w+ )?investigation', 'investigation launched', 'opening an investigation', 'launched an? (?:\\w+ )?investigation',
      'investigation into', 'abrió una investigación', 'abre investigación', 'abrió (?:una )?indagación',
    ],
  },
  { kind: 'charge', words: ['charged with', 'charged', 'sentenced', 'indicted', 'convicted', 'acusad[oa] de', 'sentenciad[oa]', 'condenad[oa]', 'imputad[oa]'] },
  { kind: 'trial', words: ['went on trial', 'on trial', 'trial', 'hearing', 'juicio', 'audiencia'] },
  { kind: 'apology', words: ['apologi[sz]ed', 'pidió perdón', 'pidió disculpas'] },
  { kind: 'dissolution', words: ['dissolv(?:e|ed|ing) (?:the )?(?:Congress|Parliament)', 'disolvió el Congreso', 'disolver el Congreso'] },
  {
    kind: 'agreement',
    words: ['signed', 'agreed', 'reached an? (?:\\w+ )?(?:agreement|deal)', 'agreement', 'firmaron', 'firmó', 'pactaron', 'acordaron', 'acuerdo'],
  },
  {
    kind: 'decision',
    words: [
      'ordered', 'deployed', 'withdrew', 'withdrawn', 'revoked', 'repealed', 'lifted', 'suspended', 'decreed', 'imposed', 'banned',
      'placed', 'sanctioned', 'extended', 'released', 'freed', 'deported', 'expelled', 'shut down', 'ordenó', 'ordenara', 'ordenaron',
      'desplegó', 'despliegue', 'retiró', 'retiraron', 'revocó', 'derogó', 'levantó', 'suspendió', 'suspendía', 'decretó', 'impuso',
      'prorrogó', 'excarceló', 'desterró', 'expulsó', 'liberó', 'canceló', 'clausuró', 'prohibió', 'bloqueó', 'bloquead[oa]',
    ],
  },
  { kind: 'complaint', words: ['denounced', 'condemned', 'complained', 'filed (?:a|an) (?:\\w+ )?(?:complaint|lawsuit|petition)', 'denunció', 'denunciaron', 'condenó', 'criticó', 'demandó'] },
  {
    kind: 'report',
    weak: true,
    words: [
      'published', 'issued', 'presented', 'delivered', 'unveiled', 'publicó', 'publicad[oa]', 'difundió', 'difundid[oa]', 'divulgó',
      'divulgad[oa]', 'presentó', 'presentaron', 'entregó', 'dio a conocer', 'dieron a conocer',
    ],
  },
  {
    kind: 'statement',
    weak: true,
    words: [
      'said', 'told', 'announced', 'stated', 'declared', 'confirmed', 'reported', 'acknowledged', 'admitted', 'warned', 'urged',
      'called for', 'claimed', 'insisted', 'estimated', 'raised the (?:death )?toll', 'put the (?:total|toll|number|figure)', 'rose',
      'dijo', 'dijeron', 'afirmó', 'aseguró', 'señaló', 'indicó', 'informó', 'informaron', 'anunció', 'anunciaron', 'anunciad[oa]s?',
      'confirmó', 'confirmaron', 'se confirmó', 'reconoció', 'declaró', 'precisó', 'detalló', 'agregó', 'añadió', 'advirtió',
      'reportó', 'cifró', 'elevó', 'eleva', 'actualizó', 'comunicó', 'sostuvo', 'expresó', 'pidió', 'pidiera', 'exigió', 'instó',
    ],
  },
  {
    kind: 'meeting',
    weak: true,
    words: ['met', 'meeting', 'talks', 'visited', 'se reunió', 'se reunieron', 'reunión', 'encuentro', 'diálogo nacional', 'visita'],
  },
  { kind: 'funeral', words: ['funeral', 'burial', 'buried', 'mourned', 'vigil', 'entierro', 'entierra', 'sepelio', 'velorio', 'velatón', 'enterrad[oa]s?'] },
  {
    kind: 'protest',
    words: ['(?:(?:first|second|third|fourth|primera|segunda|tercera|cuarta)\\s+)?(?:takeover of (?:lima|peru)|seizure of lima|taking of lima|toma de lima)'],
  },
  {
    kind: 'protest',
    weak: true,
    words: [
      'protest(?:s|ed)?', 'march(?:ed|es)?', 'strikes?', 'general strike', 'took to the streets', 'take the streets', 'returned to the streets',
      'took over', 'roadblocks?', 'blockades?', 'mobili[sz]ation', 'demonstrations?', 'rall(?:y|ies)', 'marcha(?:s|ron|ban)?', 'marchó',
      'paro(?: nacional)?', 'huelga', 'protestas?', 'protestaron', 'movilización', 'movilizaciones', 'manifestación', 'manifestaciones',
      'bloqueos?', 'volvieron a (?:las calles|congregarse|salir)', 'se congregaron', 'se concentró', 'se concentraron', 'plantón', 'cacerolazo',
    ],
  },
];

/** Words the date modifies that name a happening without a verb: "News of her death on September 16", "la jornada del martes". */
const EVENT_NOUNS = [
  'death', 'deaths', 'killing', 'killings', 'shooting', 'attack', 'assault', 'raid', 'massacre', 'violence', 'unrest', 'riots?', 'clashes',
  'march', 'protests?', 'demonstrations?', 'rally', 'strike', 'vigil', 'funeral', 'burial', 'night', 'dismissal', 'resignation', 'arrest',
  'report', 'update', 'tally', 'statement', 'briefing', 'address', 'speech', 'session', 'vote', 'agreement', 'trial', 'hearing', 'visit',
  'meeting', 'offensive', 'crackdown', 'muerte', 'muertes', 'asesinato', 'tiroteo', 'ataque', 'asalto', 'masacre', 'violencia', 'disturbios',
  'marcha', 'protestas?', 'manifestación', 'movilización', 'paro', 'huelga', 'jornada', 'noche', 'funeral', 'sepelio', 'entierro', 'renuncia',
  'dimisión', 'detención', 'informe', 'balance', 'reporte', 'comunicado', 'declaración', 'rueda de prensa', 'punto de prensa', 'sesión',
  'votación', 'acuerdo', 'juicio', 'audiencia', 'visita', 'reunión', 'encuentro', 'toma', 'ofensiva', 'operativo',
];

// ---------------------------------------------------------------------------------------------
// Verbs the lexicon does not list: past tenses recognised by their form.

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

interface Lexeme {
  kind: EventKind;
  weak: boolean;
  re: RegExp;
}

// JavaScript's \b only knows ASCII letters ("destituyó" never ends a word): use Unicode-aware edges.
const wholeWords = (fragments: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${fragments.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const LEXICON: Lexeme[] = LEXICON_TABLE.map((entry) => ({ kind: entry.kind, weak: !!entry.weak, re: wholeWords(entry.words) }));
const EVENT_NOUN_RE = wholeWords(EVENT_NOUNS);

const STRONG_ORDER: EventKind[] = [
  'removal',
  'arrest',
  'killing',
  'emergency',
  'authorisation',
  'vote',
  'resignation',
  'swearing-in',
  'dissolution',
  'injury',
  'clash',
  'investigation',
  'charge',
  'trial',
  'apology',
  'agreement',
  'decision',
  'complaint',
  'funeral',
  'protest',
  'report',
  'meeting',
  'statement',
  'other',
];

interface VerbHit {
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
function findVerbs(sentence: string): VerbHit[] {
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

function dropOverlaps(hits: VerbHit[]): VerbHit[] {
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
function findGenericVerbs(sentence: string, taken: { start: number; end: number }[]): VerbHit[] {
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

// ---------------------------------------------------------------------------------------------
// Sentences

const ABBREVIATIONS =
  /(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gen|Lt|Col|Capt|Sgt|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|No|Nos|vs|etc|Av|Ave|Sra|Sr|Dra|approx|Inc|Co|Corp|U\.S|U\.N|p\.m|a\.m|e\.g|i\.e)|\b\p{Lu})\.$/u;

function splitSentences(text: string): { text: string; paragraph: number }[] {
  const out: { text: string; paragraph: number }[] = [];
  const paragraphs = text.split(/\n\s*\n|\n(?=\s*[•*\-–])|\r?\n/);
  paragraphs.forEach((para, p) => {
    const clean = para.replace(/\s+/g, ' ').replace(/^[\s•*–-]+/, '').trim();
    if (!clean) return;
    let start = 0;
    const re = /[.!?…]+["”’)\]]*\s+(?=["“‘(¿¡]?[\p{Lu}\d])/gu;
    for (let m = re.exec(clean); m; m = re.exec(clean)) {
      const candidate = clean.slice(start, m.index + m[0].trimEnd().length);
      if (ABBREVIATIONS.test(clean.slice(Math.max(start, m.index - 6), m.index + 1))) continue;
      out.push({ text: candidate.trim(), paragraph: p });
      start = m.index + m[0].length;
    }
    const rest = clean.slice(start).trim();
    if (rest) out.push({ text: rest, paragraph: p });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Actors

const DEFAULT_ACTORS: [RegExp, string][] = [
  [/\b(?:Congress|Congreso|Parliament|legislators|lawmakers|legisladores|congresistas)\b/u, 'Congress'],
  [/\b(?:Prime Minister|Premier|primer ministro)\b/iu, 'Prime Minister'],
  [/\b(?:government|gobierno|regime|régimen|Executive)\b/iu, 'government'],
  [/\b(?:police|PNP|policía|policia)\b/iu, 'police'],
  [/\b(?:army|military|armed forces|soldiers|troops|ejército|Fuerzas Armadas|militares)\b/iu, 'armed forces'],
  [/\b(?:security forces|fuerzas del orden)\b/iu, 'security forces'],
  [/\b(?:protesters|protestors|demonstrators|marchers|manifestantes|protestantes)\b/iu, 'protesters'],
  [/\b(?:Attorney General|Fiscal de la Nación|Fiscalía|prosecutor(?:'s|’s)? office)\b/iu, 'Attorney General'],
  [/\b(?:Supreme Court|Corte Suprema)\b/u, 'Supreme Court'],
  [/\b(?:Constitutional Tribunal|Constitutional Court|Tribunal Constitucional)\b/u, 'Constitutional Tribunal'],
  [/\b(?:Ombudsman|Defensoría del Pueblo)\b/u, 'Ombudsman'],
  [/\b(?:Health Ministry|Ministry of Health|Ministerio de Salud|Minsa)\b/iu, 'Health Ministry'],
];

const INSTITUTION_WORD = /\b(?:ministry|court|tribunal|office|congress|police|army|general|council|party|front|union|platform|commission)\b/i;

function actorMatchers(story?: Story): [RegExp, string][] {
  const extra = ((story as { actors?: string[] } | undefined)?.actors ?? []).flatMap((name): [RegExp, string][] => {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const words = name.split(/\s+/);
    const forms = [esc(name)];
    // "Pedro Castillo" is also "Castillo"; "Health Ministry" is not "Ministry".
    if (words.length >= 2 && !INSTITUTION_WORD.test(name) && /^\p{Lu}/u.test(words.at(-1)!)) forms.push(esc(words.at(-1)!));
    const folded = forms.map((f) => f.normalize('NFD').replace(/\p{M}+/gu, ''));
    return [[new RegExp(`(?<![\\p{L}])(?:${[...new Set([...forms, ...folded])].join('|')})(?![\\p{L}])`, 'u'), name]];
  });
  return [...extra, ...DEFAULT_ACTORS];
}

function findActors(text: string, matchers: [RegExp, string][]): string[] {
  const out: string[] = [];
  const found: { index: number; name: string }[] = [];
  for (const [re, name] of matchers) {
    const m = re.exec(text);
    if (m && !found.some((f) => f.name === name)) found.push({ index: m.index, name });
  }
  found.sort((a, b) => a.index - b.index);
  for (const f of found) if (!out.includes(f.name)) out.push(f.name);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text: the clause around the event word, date cues removed

const LEADING_JUNK =
  /^(?:there (?:was|were|has been|have been)|and|but|for|after|when|as|while|which|who|that|where|with|since|following|then|so|also|meanwhile|however|moreover|indeed|on|in|at|this|last|y|cuando|tras|luego|mientras|que)\s+/iu;
const RIGHT_STOP =
  /^(?:with|that|in what|what|to demand|demanding|and to|and in favou?r|in a bid|in order|amid|while|after|because|as|which|who|following|despite|for|over accusations|according|to tackle|and will|but|where|when|so that|since|mientras|porque|tras|luego|después|que|según)\b/iu;
const RIGHT_STOP_ALWAYS = /^(?:and to|to demand|demanding|in a bid|in order to|and in favou?r|para exigir|exigiendo)\b/iu;
const TRAILING_JUNK = /(?:\s+(?:and|or|of|the|a|an|to|in|on|at|for|with|by|from|y|o|de|del|la|el|los|las|en|a|por|con|que|its|their|his|her))+$/iu;

const PREPOSITIONAL_ASIDE = /^(?:in|on|at|during|after|according to|speaking|en|durante|según|tras|desde)\b/iu;

function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(TRAILING_JUNK, '')}…`;
}

function balanceQuotes(s: string): string {
  let out = s;
  const opens = (out.match(/“/g) ?? []).length;
  const closes = (out.match(/”/g) ?? []).length;
  if (opens !== closes) out = out.replace(/[“”]/g, '');
  if (((out.match(/"/g) ?? []).length) % 2) out = out.replace(/"/g, '');
  const po = (out.match(/\(/g) ?? []).length;
  const pc = (out.match(/\)/g) ?? []).length;
  if (po !== pc) out = out.replace(/[()]/g, '');
  return out;
}

/**
 * The clause of `sentence` around the event word at [vStart, vEnd), minus the date cues `remove`.
 * Left: back to the previous comma/semicolon (or the last conjunction when that is far); right: to the
 * next punctuation, a subordinate clause or another event word, at most ~14 words.
 */
export function eventClause(
  sentence: string,
  vStart: number,
  vEnd: number,
  remove: { start: number; end: number }[],
  others: { start: number; end: number; weak?: boolean }[] = [],
  /** Keep words up to this offset even past the word limit (a place named in the clause: "…of the city of Ayacucho"). */
  keepUntil = -1,
): string {
  // Blank out date cues (with the preposition before them) keeping offsets.
  const chars: string[] = [];
  for (let i = 0; i < sentence.length; i++) chars.push(sentence[i]!);
  const blank = (a: number, b: number) => {
    if (b <= vStart || a >= vEnd) for (let i = Math.max(0, a); i < b && i < chars.length; i++) chars[i] = '\u0000';
  };
  const spans = [...remove];
  WEEKDAY_WORDS.lastIndex = 0;
  for (let m = WEEKDAY_WORDS.exec(sentence); m; m = WEEKDAY_WORDS.exec(sentence)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const r of spans) {
    let a = r.start;
    let b = r.end;
    const before = sentence.slice(Math.max(0, a - 24), a);
    const prep = before.match(/(?:\b(?:on|in|this|last|past|el|este|since|from|until|by|as of|at|del|de|el pasado)\s+(?:the\s+(?:same|following|previous)\s+|(?:el|ese|la|esa)\s+mism[oa]\s+)?|\b(?:the\s+(?:same|following|previous)|(?:ese|esa)\s+mism[oa])\s+|\(\s*)$/iu);
    if (prep) a -= prep[0].length;
    const after = sentence.slice(b, b + 3);
    const close = after.match(/^\s*\)/);
    if (close) b += close[0].length;
    const paren = sentence.slice(b).match(/^\s*\([^)]{0,40}\)/);
    if (paren && /\d/.test(paren[0])) b += paren[0].length;
    const night = sentence.slice(b).match(/^\s+(?:night|morning|evening|afternoon)\b/i);
    if (night) b += night[0].length;
    blank(a, b);
  }
  // "this Wednesday and Thursday": the conjunction between two removed dates goes too.
  const masked = chars
    .join('')
    .replace(/\u0000+(\s*(?:and|y|or|o|to|through|until|-|–)\s*)\u0000+/gu, (m) => '\u0000'.repeat(m.length));
  // The last clause-breaking mark (not the colon of "19:00" nor the comma of "1,500").
  const lastPunct = (t: string) => Math.max(-1, ...[...t.matchAll(/[,;:](?!\d)| [–—] /g)].filter((m) => !(m[0] === ',' && listComma(sentence, m.index!))).map((m) => m.index!));
  // Left boundary.
  const leftPart = masked.slice(0, vStart);
  let punct = lastPunct(leftPart);
  let left = leftPart.slice(punct + 1);
  const bare = () => left.replace(/\u0000/g, ' ').trim();
  // "Hours later, he was impeached" / "…, Pedro Castillo, was overthrown": reach back one chunk for a subject.
  for (let i = 0; i < 2 && punct > 0 && (!/\p{L}/u.test(bare()) || /^(?:was|were|is|are|has|have|had|been|being|fue|fueron|ha|han)\b/iu.test(bare())); i++) {
    const prev = leftPart.slice(0, punct);
    const p2 = lastPunct(prev);
    const chunk = prev.slice(p2 + 1);
    // "Ruto, in an address on Wednesday, said…": a prepositional aside between subject and verb is left out.
    if (p2 > 0 && PREPOSITIONAL_ASIDE.test(chunk.replace(/\u0000/g, ' ').trim())) {
      const before = prev.slice(0, p2);
      const p3 = lastPunct(before);
      if (/\p{L}/u.test(before.slice(p3 + 1))) {
        left = before.slice(p3 + 1) + ' ' + left;
        punct = p3;
        break;
      }
    }
    left = chunk + ' ' + left;
    punct = p2;
  }
  if (/^(?:that|which|who|que|quien|quienes)$/iu.test(bare()) && punct > 0) {
    // "…, who resigned": the noun phrase before the comma is the subject.
    const prev = leftPart.slice(0, punct);
    left = prev.slice(lastPunct(prev) + 1) + ' ' + left;
  }
  const prevStrong = others.filter((o) => !o.weak && o.end <= vStart && o.end > vStart - left.length).map((o) => o.end).sort((a, b) => b - a)[0];
  if (prevStrong !== undefined) {
    // "…coup that removed Castillo and the First Taking of Lima": start after the other event's clause.
    const offset = vStart - left.length;
    const tail = left.slice(prevStrong - offset);
    const conj = tail.match(/(?:,|\b(?:and|but|y|pero)\b)\s*/iu);
    if (conj) left = tail.slice(conj.index! + conj[0].length);
  }
  const sub = [...left.matchAll(/\b(?:after|when|while|because|since|as|cuando|tras|mientras)\s+/giu)].at(-1);
  if (sub && sub.index! > 0 && /\p{L}{2,}/u.test(left.slice(sub.index! + sub[0].length).replace(/\u0000/g, ' '))) {
    // "I wrote about the protests after President Castillo was arrested": the subordinate clause is the event.
    left = left.slice(sub.index! + sub[0].length);
  }
  let leftWords = bare().split(/\s+/).filter(Boolean);
  const relative = bare().match(/^(.*?)(?:\s|^)(that|which|who|que)$/iu);
  if ((leftWords.length > 8 || /[,;]/.test(relative?.[1] ?? '')) && relative) {
    // "… to reject the coup d’état that overthrew …": keep the noun phrase the relative pronoun hangs on.
    const head = relative[1]!.split(/\s+/).filter(Boolean);
    const np: string[] = [];
    for (let i = head.length - 1; i >= 0 && np.length < 6; i--) {
      if (/[,;:]$/.test(head[i]!) && np.length) break;
      if (/^(?:to|reject|is|are|was|were|be|of|in|on|for|by|with|against|from|at|into|over|a|la|el|de|en|por|contra)$/iu.test(head[i]!) && np.length) {
        if (/^(?:of|de)$/i.test(head[i]!) && np.length < 4) {
          np.unshift(head[i]!);
          continue;
        }
        break;
      }
      np.unshift(head[i]!);
    }
    left = `${np.join(' ').replace(/^[,;:\s]+/, '')} ${relative[2]} `;
    leftWords = np;
  } else if (leftWords.length > 24) {
    const conj = /\b(?:as|while|when|after|because|for|that|which|who|where|since|and|cuando|mientras|tras|que|y)\b/giu;
    let lastConj = -1;
    for (let m = conj.exec(left); m; m = conj.exec(left)) if (/\p{L}/u.test(left.slice(m.index + m[0].length))) lastConj = m.index;
    if (lastConj >= 0) left = left.slice(lastConj);
    else left = leftWords.slice(-16).join(' ') + ' ';
  }
  // Right boundary.
  const nextOther = others.filter((o) => o.start >= vEnd && !o.weak).map((o) => o.start).sort((a, b) => a - b);
  let right = '';
  let count = 0;
  const tokenRe = /\s+|[^\s]+/g;
  const rightPart = masked.slice(vEnd);
  for (let m = tokenRe.exec(rightPart); m; m = tokenRe.exec(rightPart)) {
    const token = m[0];
    const at = vEnd + m.index;
    if (/^\s+$/.test(token)) {
      right += ' ';
      continue;
    }
    const clean = token.replace(/\u0000/g, '');
    if (!clean) continue;
    // Another event word ahead: stop before it unless it is the next item of a list ("impeached, arrested").
    const other = nextOther.find((o) => o >= at && o < at + token.length);
    if (other !== undefined && count >= 1 && !/(?:,|\band|\by)\s*$/.test(right)) break;
    const ahead = rightPart.slice(m.index).replace(/\u0000/g, '');
    if ((count >= 2 && RIGHT_STOP.test(ahead)) || RIGHT_STOP_ALWAYS.test(ahead)) break;
    if (count >= 11 && at >= keepUntil) break;
    const stop = clean.search(/[,;:.!?]["”’)]?$|[,;:]/);
    if (stop >= 0 && !/^\d/.test(clean.slice(stop + 1))) {
      right += clean.slice(0, stop);
      // "impeached, arrested by his own security detail and taken to jail": a list of event words goes on.
      const rest = masked.slice(at + stop + 1);
      const nextWord = rest.match(/^\s*(\S+)/)?.[1] ?? '';
      const listed = clean[stop] === ',' && nextOther.some((o) => o > at && o <= at + stop + 3 + (rest.length - rest.trimStart().length)) && /^\p{Ll}/u.test(nextWord);
      if (!listed) break;
      right += ',';
      count += 1;
      continue;
    }
    right += clean;
    count += 1;
  }
  let text = `${left}${masked.slice(vStart, vEnd)}${right}`.replace(/\u0000+/g, ' ');
  text = text
    .replace(/\s*\(\s*\)\s*/g, ' ')
    .replace(/\bhaving been\s+/giu, '')
    // date cues removed from "demonstrations of December 2022 and January 2023 in …"
    .replace(/\b(?:of|in|on|during|from|de|del|en)\s+(?=(?:and|y|in|en|,)(?![\p{L}]))/giu, '')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 4 && LEADING_JUNK.test(text); i++) {
    const next = text.replace(LEADING_JUNK, '');
    if (next.split(/\s+/).length < 2) break;
    text = next;
  }
  text = text.replace(/^[\s,;:–—-]+/, '').replace(/[\s,;:–—-]+$/, '').replace(TRAILING_JUNK, '').trim();
  text = balanceQuotes(text).replace(/\s+/g, ' ').trim();
  text = cutAt(text, 150);
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Dates a happening can carry

const WEEKDAY_WORDS =
  /(?:\b(?:last|this|past|on|el|este|pasado)\s+)?\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?:\s+(?:night|morning|evening|afternoon|pasado))?\b/giu;

interface DateContext {
  /** The day relative cues resolve against: the publication date, or the live-blog entry's day. */
  reference: string | null;
  language: string | null;
  /** True when the document has no publication date of its own (`reference` was inferred from the text). */
  anchored: boolean;
  storyStart: string | null;
  /** The last year written out in the document before this sentence ("18 de abril de 2018" → 2018). */
  lastYear: number | null;
}

/**
 * findDateMentions, patched for events: "since Dec. 7" reads as the month ("since Dec") there, so the day
 * is re-read; "Monday of last week" is a week earlier than "Monday"; "every Friday", "a single Friday",
 * "Friday prayers" name no day; year-less days are placed by `placeYearless`.
 */
function dateMentions(sentence: string, ctx: DateContext): DateMention[] {
  // A day something began on ("las protestas estallaron el 18 de octubre") is an event's day; the end of a
  // "desde … hasta …" span is no more one than its start.
  const found = findDateMentions(sentence, ctx.reference, ctx.language).map((m) => {
    const spanEnd = m.closes && !m.since && findDateMentions(sentence.slice(0, m.start), ctx.reference, ctx.language).some((o) => o.since && !o.began);
    return { ...m, since: (m.since && !m.began) || Boolean(spanEnd) };
  });
  let lastYear = ctx.lastYear;
  return found.map((m) => {
    let mention = m;
    const prefix = m.text.match(/^(?:since|in|during|desde|en|durante)\s+/i);
    if (prefix && m.precision === 'month' && /^\.?\s+\d{1,2}\b/.test(sentence.slice(m.end))) {
      const offset = m.start + prefix[0].length;
      const again = findDateMentions(sentence.slice(offset), ctx.reference, ctx.language)[0];
      if (again && again.start === 0) mention = { ...again, start: offset, end: offset + again.end, since: m.since || /^since|^desde/i.test(prefix[0]) };
    }
    if (mention.kind === 'weekday' && /^\s+(?:of last week|de la semana pasada)\b/i.test(sentence.slice(mention.end))) {
      mention = { ...mention, date: addDays(mention.date, -7) };
    }
    const modifier = /^\s+(?:prayers?|sermon|mass|services?|market|oraci[oó]n|misa|rezo)\b/iu.test(sentence.slice(mention.end, mention.end + 12));
    if (mention.kind === 'weekday' && (modifier || /\b(?:a|an|one|single|every|each|cada|un|una|todos los|los)\s+$/i.test(sentence.slice(Math.max(0, mention.start - 14), mention.start)))) {
      return { ...mention, precision: 'week' as const };
    }
    const written = mention.text.match(/\b(?:19|20)\d{2}\b/);
    if (written) lastYear = Number(written[0]);
    else if (mention.kind === 'explicit' && mention.precision === 'day') mention = { ...mention, date: placeYearless(mention.date, mention.text, { ...ctx, lastYear }) };
    return mention;
  });
}

/**
 * A year-less day placed in a year: in a text with no publication date of its own, its first occurrence
 * on or after the story's start (an encyclopedia article's "On 19 October" is the story's October); in a
 * dated text, the year last written out when the publication-based reading falls a year or more back
 * (an anniversary piece's "El 20 de abril" after "18 de abril de 2018").
 */
function placeYearless(date: string, text: string, ctx: DateContext): string {
  // Month and day as written (the publication-based reading may have capped a "today's" date to publication).
  const written = findDateMentions(text, '2099-12-31')[0]?.date.slice(4) ?? date.slice(4);
  const inYear = (year: number) => `${year}${written}`;
  const valid = (d: string) => !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (ctx.anchored && ctx.storyStart) {
    const year = Number(ctx.storyStart.slice(0, 4));
    const first = inYear(year) >= ctx.storyStart ? inYear(year) : inYear(year + 1);
    return valid(first) ? first : date;
  }
  if (!ctx.lastYear || !ctx.reference) return date;
  const reread = inYear(ctx.lastYear);
  if (!valid(reread) || reread > addDays(ctx.reference, 1) || (ctx.storyStart && reread < ctx.storyStart)) return date;
  return Date.parse(ctx.reference) - Date.parse(date) > 300 * 86_400_000 ? reread : date;
}

/** Words that say a period began: "the unrest began on 16 September" dates the beginning itself. */
const BEGIN_WORD = /(?<![\p{L}])(?:began|begun|beginning|start(?:ed|s)?|broke out|erupted|comenz\p{L}*|empez\p{L}*|estall\p{L}*|arranc\p{L}*|inici\p{L}*|comienzo|outbreak)(?![\p{L}])/iu;
const OPENS_RIGHT_BEFORE = /\b(?:since|desde|from|between|entre)\s+(?:the\s+|el\s+|la\s+|pasado\s+)*$/i;
/** A date that closes a span: "as of 22 November", "until the night of Monday", "hasta las 06:00 del lunes", "al 5 de octubre". */
const CLOSES_RIGHT_BEFORE = /(?:\b(?:as of|as at|up to|al|through)\s+|\b(?:until|till|hasta)\s+(?:[^\s,;]*[^\s,;:.]\s+){0,3})$/iu;
/** The end of a span whose start has no date of its own: "between 19 and 28 October", "entre el 19 y el 22 de abril". */
const SPAN_END_BEFORE = /\b(?:between|entre|from|del?)\s+(?:the\s+|el\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:and|y|to|a|al)\s+(?:the\s+|el\s+)?$/iu;
/** A date something happened before: "Ahead of Wednesday's marches, police sealed off roads". */
const BEFORE_DATE = /\b(?:ahead of|before|in the run-up to|antes del?|en la víspera del?)\s+(?:the\s+|el\s+|la\s+)?$/iu;
/** A date something is planned for, set to or postponed to: "fresh marches for Sunday", "fijado para el 26 de abril". */
const PLANNED_FOR = /\b(?:next|coming|pr[oó]xim[oa]|for|para(?:\s+el)?|to)\s+$/i;
const WHEN_AFTER = /^\s*,?\s*(?:when|cuando)\b/i;

/** "between 17 September and 7 December", "entre el 19 y el 22 de abril": both ends of a span. */
function rangeParts(sentence: string, mentions: DateMention[]): Set<DateMention> {
  const parts = new Set<DateMention>();
  for (let i = 0; i + 1 < mentions.length; i++) {
    const [a, b] = [mentions[i]!, mentions[i + 1]!];
    const joint = sentence.slice(a.end, b.start);
    const opener = sentence.slice(Math.max(0, a.start - 30), a.start);
    if (/^\s*(?:and|to|until|till|through|-|–|y|a|al|hasta)\s+(?:\p{L}+\s+){0,3}$/iu.test(joint) && /\b(?:between|from|entre|desde|del?)\s+(?:\p{L}+\s+){0,3}$/iu.test(opener)) {
      parts.add(a);
      parts.add(b);
    }
  }
  return parts;
}

/** Day-precise mentions that can date a happening (not a span's start or end, not a plan). */
function happeningDates(sentence: string, mentions: DateMention[]): DateMention[] {
  const spans = rangeParts(sentence, mentions);
  return mentions.filter((m) => {
    if (m.precision !== 'day' || spans.has(m)) return false;
    const before = sentence.slice(Math.max(0, m.start - 45), m.start);
    const whenAfter = WHEN_AFTER.test(sentence.slice(m.end, m.end + 12));
    if (PLANNED_FOR.test(before) || BEFORE_DATE.test(before) || SPAN_END_BEFORE.test(before) || /\b(?:next|coming|pr[oó]xim[oa])\b/i.test(m.text)) return false;
    if (CLOSES_RIGHT_BEFORE.test(before)) return whenAfter;
    // A place named after a date: "Nairobi's August 7 Memorial Park".
    if (/^\s+(?:Memorial|Park|Square|Street|Avenue|Stadium|Bridge|Movement)\b/.test(sentence.slice(m.end, m.end + 12))) return false;
    if (m.since) return whenAfter || (BEGIN_WORD.test(before) && !OPENS_RIGHT_BEFORE.test(before));
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Clauses: a date goes with the predicate of its own clause

/** Words that open a subordinate clause (the word belongs to the clause it opens). */
const SUBORDINATOR =
  /(?<![\p{L}])(?:when|while|after|before|because|as(?! of| well| a result| at| many| much)|since|until|which|who|whom|whose|where|that|although|though|cuando|mientras|tras|después de|antes de|luego de|porque|que|quien|quienes|donde|aunque|pese a)(?![\p{L}])/giu;

interface Clauses {
  /** Offsets where a clause starts: after punctuation, at a subordinator. */
  starts: number[];
  /** Offsets where a new stretch starts that no date reaches across: after ; : — or a quotation mark. */
  walls: number[];
}

/** The clauses of a sentence. Date cues are never cut. */
/** The comma at `i` separates names of a list ("in Lima, Cusco and Puno"), not clauses. */
const NAME = '\\p{Lu}[\\p{L}’\'-]*(?:\\s+(?:de\\s+)?\\p{Lu}[\\p{L}’\'-]*)?';
const LIST_AFTER_COMMA = new RegExp(`^,\\s+${NAME}(?:,\\s+${NAME})*,?\\s+(?:and|y|e|or|o)\\s+\\p{Lu}`, 'u');
function listComma(sentence: string, i: number): boolean {
  return /\p{Lu}[\p{L}’'-]*$/u.test(sentence.slice(Math.max(0, i - 30), i)) && LIST_AFTER_COMMA.test(sentence.slice(i, i + 120));
}

function clausesOf(sentence: string, keep: { start: number; end: number }[]): Clauses {
  const inside = (i: number) => keep.some((k) => i > k.start && i < k.end);
  const starts: number[] = [];
  const walls: number[] = [];
  for (const m of sentence.matchAll(/[,;:()\[\]—–"“”]|\s-\s/g)) {
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
function datedNouns(sentence: string, dates: DateMention[], predicates: VerbHit[], starts: Clauses): VerbHit[] {
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
      return d.end <= start && start - d.end <= 25 && /^['’]s\s/.test(sentence.slice(d.end, start));
    });
    if (dated) out.push({ kind: eventKind(m[0]) ?? 'other', weak: true, source: 'noun', start, end, text: m[0] });
  }
  return out;
}

const PENALTY: Record<VerbHit['source'], number> = { lexicon: 0, noun: 4, verb: 12 };

interface Pairing {
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
function pairDates(sentence: string, dates: DateMention[], predicates: VerbHit[], clauses: Clauses): Pairing[] {
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

// ---------------------------------------------------------------------------------------------
// Document structure: headlines, live-blog entries, carried dates

interface Sentence {
  text: string;
  paragraph: number;
  /** Index of the sentence inside the document body (title is -1). */
  ordinal: number;
  headline: boolean;
  /** The day of the live-blog entry the sentence is in ("Domingo 20, 17:30 —"), when its header names one. */
  entryDate: string | null;
  /** First sentence of a dated live-blog entry: its happening is the entry's, even without a date cue. */
  entryLead: boolean;
  /** A live-blog entry header: a time stamp and a headline, never an event itself. */
  entryHeader: boolean;
}

/** Bylines and page metadata: "Publicado el 17/01/2020 | Por …", "This page was last edited on 3 December 2024". */
const METADATA = /^(?:(?:publicado|published|updated|actualizado|posted|fecha)\b|this page was last (?:edited|modified)|última (?:edición|actualización)|last (?:updated|modified))|\s\|\s/iu;

/** "Domingo 20, 17:30 — …", "09:40 — …", "5.20pm", "11:50 p.m. El Centro…": a live-blog entry's time stamp. */
const ENTRY_HEADER = /^(?:(\p{L}+\s+\d{1,2}|\d{1,2}\s+(?:de\s+)?\p{L}+)\s*,\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?|GMT|UTC|h(?![\p{L}]))?\s*(?:[—–|-]\s*|$)/iu;

/** The day a live-blog header names ("Domingo 20"): the latest day on or before publication with that day number. */
function entryDay(label: string, published: string | null): string | null {
  const day = Number(label.match(/\d{1,2}/)?.[0]);
  if (!published || !day) return null;
  for (let back = 0; back < 31; back++) {
    const date = addDays(published, -back);
    if (Number(date.slice(8, 10)) === day) return date;
  }
  return null;
}

function documentSentences(doc: FactInput, published: string | null): Sentence[] {
  const sentences: Sentence[] = [];
  const blank = { entryDate: null, entryLead: false, entryHeader: false };
  if (doc.title?.trim()) sentences.push({ text: doc.title.replace(/\s+/g, ' ').trim(), paragraph: -1, ordinal: -1, headline: true, ...blank });
  const title = doc.title ? normalizeName(doc.title) : null;
  let ordinal = 0;
  let entryDate: string | null = null;
  let leadPending = false;
  let lastParagraph = -1;
  for (const s of splitSentences(doc.text)) {
    // The splitter may leave the title at the top of the text: skip the repeat.
    if (title && ordinal === 0 && normalizeName(s.text) === title) continue;
    const headline = !/[.!?…"”]$/.test(s.text) && s.text.split(/\s+/).length <= 20;
    const newParagraph = s.paragraph !== lastParagraph;
    lastParagraph = s.paragraph;
    const stamp = newParagraph ? s.text.match(ENTRY_HEADER) : null;
    if (stamp) {
      entryDate = stamp[1] ? entryDay(stamp[1], published) : null;
      leadPending = entryDate !== null;
      if (headline) {
        sentences.push({ text: s.text, paragraph: s.paragraph, ordinal: ordinal++, headline, entryDate, entryLead: false, entryHeader: true });
        continue;
      }
    }
    const entryLead = leadPending && !headline;
    if (entryLead) leadPending = false;
    sentences.push({ text: s.text, paragraph: s.paragraph, ordinal: ordinal++, headline, entryDate, entryLead, entryHeader: false });
  }
  return sentences;
}

/** Cues that date a sentence by the one before: "hours later", "esa misma noche", "the next day", "la víspera". */
const CARRIED: { re: RegExp; days: number }[] = [
  { re: /\b(?:hours|minutes|moments) (?:later|after)|\blater (?:that|the same) (?:day|night)|\b(?:that|the) same (?:day|night|evening)|\b(?:horas|minutos) (?:después|más tarde)|\b(?:ese|el) mismo día|\b(?:esa|la) misma (?:noche|tarde|jornada)/giu, days: 0 },
  { re: /\b(?:the (?:next|following) day|a day later|al día siguiente|un día después)\b/giu, days: 1 },
  { re: /\b(?:the day before|the previous day|la víspera)\b/giu, days: -1 },
];

/** Carried cues, each dated from the last date before it in the sentence ("On July 4 …; a day later …") or the sentence before. */
function carriedMentions(sentence: string, dated: DateMention[], carry: { date: string } | null): DateMention[] {
  const out: DateMention[] = [];
  for (const { re, days } of CARRIED) {
    re.lastIndex = 0;
    for (const m of sentence.matchAll(re)) {
      const from = dated.filter((d) => d.end <= m.index!).at(-1)?.date ?? carry?.date;
      if (from) out.push({ start: m.index!, end: m.index! + m[0].length, date: addDays(from, days), precision: 'day', kind: 'relative', text: m[0], since: false });
    }
  }
  return out;
}

/** Sentences about anniversaries restate old events with a new date. */
const ANNIVERSARY = /\b(?:anniversary|aniversario|one year (?:since|after)|un año (?:de|desde))\b/iu;
/** Between a date and its event word: the happening is announced, not reported. */
const PLANNED = /\b(?:will|would|shall|plans? to|is set to|are set to|scheduled|va a|van a|se realizará|será)\b/i;

function storyOk(date: string, story: Story | undefined, published: string | null): boolean {
  if (story && date < story.start) return false;
  if (published && date > addDays(published, 1)) return false;
  return true;
}

/** End offset of the last gazetteer place within ~16 words after the event word, or -1. */
function placeEnd(sentence: string, from: number, story: Story | undefined): number {
  if (!story) return -1;
  const window = sentence.slice(from, from + 130);
  const stop = window.search(/[,;:.!?]/);
  const limit = from + (stop >= 0 ? stop : window.length);
  const ends = findPlaces(story, sentence).filter((p) => p.index >= from && p.end <= limit).map((p) => p.end);
  return ends.length ? Math.max(...ends) : -1;
}

function placesOf(sentence: string, story: Story | undefined): string[] {
  if (!story) return [];
  const out: string[] = [];
  for (const p of findPlaces(story, sentence)) if (!out.includes(p.place)) out.push(p.place);
  return out;
}

/** Nouns that name an event without saying it happened then ("the killings", "impeachment"). */
const NOUNISH = /^(?:killings?|massacres?|masacre|matanza|deaths|dead|impeachment|ouster|vacancia|arrests)$/i;

export interface ExtractOptions {
  /** The publication date was inferred from the text (the latest date it names), not given. */
  anchored?: boolean;
}

/**
 * Dated one-line events of a document, in text order (title first). `story` adds places (gazetteer),
 * actors (story.actors) and drops events dated before the story starts.
 */
export function extractEvents(doc: FactInput, story?: Story, options: ExtractOptions = {}): DatedEvent[] {
  const published = dayOf(doc.published);
  const matchers = actorMatchers(story);
  const out: DatedEvent[] = [];
  let carry: { date: string; paragraph: number } | null = null;
  let lastActor: string | null = null;
  let lastYear: number | null = null;
  for (const s of documentSentences(doc, published)) {
    const sentence = s.text;
    const ctx: DateContext = { reference: s.entryDate ?? published, language: doc.language, anchored: !!options.anchored, storyStart: story?.start ?? null, lastYear };
    const mentions = dateMentions(sentence, ctx);
    for (const m of mentions) lastYear = Number(m.text.match(/\b(?:19|20)\d{2}\b/)?.[0] ?? lastYear);
    if (s.entryHeader || METADATA.test(sentence)) continue;
    const actorsHere = findActors(sentence, matchers);
    const prevActor = lastActor;
    const personal = actorsHere.filter((a) => /^\p{Lu}/u.test(a) && /\s/.test(a));
    if (personal.length) lastActor = personal.at(-1)!;

    let dates = happeningDates(sentence, mentions);
    if (!s.headline) dates = [...dates, ...carriedMentions(sentence, dates, carry)].sort((a, b) => a.start - b.start);
    const lastDated = dates.at(-1) ?? mentions.find((m) => m.precision === 'day' && !m.since);
    if (lastDated && !s.headline) carry = { date: lastDated.date, paragraph: s.paragraph };
    const lexical = findVerbs(sentence);
    const verbs = dropOverlaps([...lexical, ...findGenericVerbs(sentence, [...lexical, ...mentions])]).filter((h) => !mentions.some((m) => h.start < m.end && m.start < h.end));
    if (!verbs.length && !dates.length) continue;
    const clauses = clausesOf(sentence, mentions);
    const predicates = dropOverlaps([...verbs, ...datedNouns(sentence, dates, verbs, clauses)]);
    const pairs = pairDates(sentence, dates, predicates, clauses);
    // An entry's first sentence takes the entry's day unless it dates itself (a span between two dated ends does too).
    if (!dates.length && !rangeParts(sentence, mentions).size && s.entryLead && s.entryDate) {
      // The entry's first predicate is its main verb: "Chadwick confirmó … la muerte de siete personas".
      const lead = predicates.find((p) => p.source !== 'noun') ?? predicates[0];
      if (lead) pairs.push({ date: { start: 0, end: 0, date: s.entryDate, precision: 'day', kind: 'relative', text: '', since: false }, verb: lead, cost: 0 });
    }

    const seenDates = new Set<string>();
    for (const pair of pairs.sort((a, b) => a.cost - b.cost)) {
      const { date, verb } = pair;
      if (seenDates.has(date.date) || !storyOk(date.date, story, published)) continue;
      // Weak protest words in "since …" sentences describe the whole movement, not an event.
      if (verb.kind === 'protest' && verb.weak && /^["“‘']?(?:since|desde)\b/i.test(sentence)) continue;
      // "Saturday, July 22, will be a day of struggle, with marches…": announced, not happened.
      const between = sentence.slice(Math.min(date.end, verb.end), Math.max(date.start, verb.start));
      if (date.end > date.start && PLANNED.test(between)) continue;
      // "December 7, 2023, marks the one-year anniversary of the coup that ousted…": the date is the anniversary's.
      if (ANNIVERSARY.test(between) || ANNIVERSARY.test(sentence.slice(Math.max(0, date.start - 40), date.start))) continue;
      // A statement's line goes on to what was stated ("acknowledged that 25 people have died").
      const others = verb.weak ? predicates.filter((p) => p.kind !== 'statement' && p.kind !== 'report' && p.start > verb.end + 80) : predicates;
      let text = eventClause(sentence, verb.start, verb.end, mentions, others, placeEnd(sentence, verb.end, story));
      if (!text || text.split(/\s+/).length < (NOUNISH.test(verb.text) ? 3 : 2)) continue;
      // "He was impeached" after a sentence naming Castillo: name him.
      if (prevActor && !actorsHere.some((a) => /\s/.test(a)) && /^(?:He|She)\s/.test(text)) {
        text = `${prevActor.split(/\s+/).at(-1)} ${text.slice(text.indexOf(' ') + 1)}`;
      }
      seenDates.add(date.date);
      const actors = findActors(text, matchers);
      const event: DatedEvent = {
        date: date.date,
        precision: 'day',
        text,
        places: placesOf(sentence, story),
        actors: actors.length ? actors : actorsHere,
        quote: sentence,
        // The strongest event word of the line names its kind ("the decree introducing the state of emergency was published").
        kind: eventKind(text) ?? verb.kind,
      };
      if (!out.some((e) => e.date === event.date && normalizeName(e.text) === normalizeName(event.text))) out.push(event);
    }
  }
  return out;
}
