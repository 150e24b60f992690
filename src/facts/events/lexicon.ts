/**
 * The event lexicon: event words by kind, English and Spanish, the event nouns a date can modify, and the order
 * in which kinds outrank each other. Data only (compiled to whole-word regular expressions here); the matching
 * is in event-words.ts.
 */
import type { ExtractedEvent } from '../types.ts';

export type EventKind =
  | 'removal'
  | 'arrest'
  | 'emergency'
  | 'authorization'
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
    kind: 'authorization',
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
  'elections?', 'elecciones', 'elección', 'comicios',
];

interface Lexeme {
  kind: EventKind;
  weak: boolean;
  re: RegExp;
}

// JavaScript's \b only knows ASCII letters ("destituyó" never ends a word): use Unicode-aware edges.
const wholeWords = (fragments: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${fragments.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
export const LEXICON: Lexeme[] = LEXICON_TABLE.map((entry) => ({ kind: entry.kind, weak: !!entry.weak, re: wholeWords(entry.words) }));
export const EVENT_NOUN_RE = wholeWords(EVENT_NOUNS);

export const STRONG_ORDER: EventKind[] = [
  'removal',
  'arrest',
  'killing',
  'emergency',
  'authorization',
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
