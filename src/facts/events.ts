/**
 * Dated events for the timeline: "who did what where", one line each, cut from news sentences.
 *
 * A sentence yields an event when it holds an event word (removed, arrested, state of emergency, voted,
 * authorised, killed, massacre, protest/march/strike/Takeover of Lima, resigned, sworn in; Spanish too)
 * and a date that resolves (explicit, a weekday or "yesterday" anchored on the publication date, or
 * "hours later" after a dated sentence). The headline and the lead sentence of a dated document fall back
 * to its publication date. The text is the clause around the event word with its date cues removed —
 * trimmed from the sentence, never composed.
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
  | 'resignation'
  | 'swearing-in'
  | 'investigation'
  | 'charge'
  | 'apology'
  | 'dissolution'
  | 'protest';

/** An extracted event with the kind of its event word (extra field; ExtractedEvent-compatible). */
export type DatedEvent = ExtractedEvent & { kind: EventKind };

interface Lexeme {
  kind: EventKind;
  re: RegExp;
  /** Weak words (protest nouns) lose to strong ones in the same sentence. */
  weak?: boolean;
}

// Order matters only for ties; all are matched case-insensitively, whole words.
const LEXICON: Lexeme[] = [
  {
    kind: 'removal',
    re: /\b(?:removed|removing|ousted|ousting|ouster|deposed|toppled|overthrown|overthrew|dismissed|impeached|impeachment|vacated|forced from power|removal from office|destituid[oa]|destituyó|destituyeron|vacad[oa]|vacancia|derrocad[oa]|derrocó|depuesto)\b/giu,
  },
  {
    kind: 'arrest',
    re: /\b(?:arrested|arrests|detained|jailed|imprisoned|taken into custody|taken to jail|detenid[oa]s?|arrestad[oa]s?|capturad[oa]s?|encarcelad[oa]s?)\b/giu,
  },
  {
    kind: 'emergency',
    re: /\b(?:state of emergency|states of emergency|state of siege|curfew|emergency decree|estado de emergencia|toque de queda)\b/giu,
  },
  {
    kind: 'authorisation',
    re: /\b(?:authori[sz]ed|authori[sz]es|authori[sz]ation|gave its approval|autorizó|autoriza|autorizaron|autorización)\b/giu,
  },
  {
    kind: 'vote',
    re: /\b(?:voted(?: down| against| in favou?r)?|votes? down|rejected|rejects|refused|refuses|denied|approved|approves|passed|shot down(?= (?:a|the|any)(?: \w+)? (?:proposal|bill|motion|initiative|chance|possibility))|votó|votaron|rechazó|rechaza|rechazaron|aprobó|aprueba|aprobaron|archivó)\b/giu,
  },
  {
    kind: 'killing',
    re: /\b(?:killed|killings?|shot dead|shot down(?= (?:civilians|protesters|demonstrators|people|them|\d))|shot to kill|massacred?|massacres|murdered|slain|died|dead|opened fire|asesinad[oa]s?|asesinaron|murieron|muert[oa]s|fallecid[oa]s|masacre|matanza)\b/giu,
  },
  { kind: 'resignation', re: /\b(?:resigned|resigns|stepped down|renunció|dimitió)\b/giu },
  {
    kind: 'swearing-in',
    re: /\b(?:sworn in|took office|taken office|taking office|appointed|assumed the presidency|juramentó|asumió la presidencia)\b/giu,
  },
  {
    kind: 'investigation',
    re: /\b(?:opened (?:an?|its) (?:\w+ )?investigation|investigation launched|opening an investigation|launched an? (?:\w+ )?investigation|investigation into|abrió una investigación|abre investigación)\b/giu,
  },
  { kind: 'charge', re: /\b(?:charged with|sentenced|indicted|acusad[oa] de|sentenciad[oa]|condenad[oa])\b/giu },
  { kind: 'apology', re: /\b(?:apologi[sz]ed|pidió perdón|pidió disculpas)\b/giu },
  { kind: 'dissolution', re: /\b(?:dissolv(?:e|ed|ing) (?:the )?(?:Congress|Parliament)|disolvió el Congreso|disolver el Congreso)\b/giu },
  {
    kind: 'protest',
    re: /\b(?:(?:first|second|third|fourth|primera|segunda|tercera|cuarta)\s+)?(?:takeover of (?:lima|peru)|seizure of lima|taking of lima|toma de lima)\b/giu,
  },
  {
    kind: 'protest',
    weak: true,
    re: /\b(?:protest(?:s|ed)?|march(?:ed|es)?|strikes?|general strike|took to the streets|take the streets|took over|roadblocks?|blockades?|mobili[sz]ation|demonstrations?|rall(?:y|ies)|marcha(?:s|ron)?|paro(?: nacional)?|huelga|protestas?|protestaron|movilización|bloqueos?)\b/giu,
  },
];

// JavaScript's \b only knows ASCII letters ("destituyó" never ends a word): use Unicode-aware edges.
for (const lex of LEXICON) {
  lex.re = new RegExp(
    lex.re.source.replace(/^\\b/, '(?<![\\p{L}\\p{N}])').replace(/\\b(?=[^\\\\]*$)/, '(?![\\p{L}\\p{N}])'),
    lex.re.flags,
  );
}

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
  'investigation',
  'charge',
  'apology',
  'protest',
];

interface VerbHit {
  kind: EventKind;
  weak: boolean;
  start: number;
  end: number;
  text: string;
}

/** Words right before an event word that make it a demand, a plan or an adjective, not an event. */
const MODAL_BEFORE =
  /(?:\b(?:will|would|could|might|may|shall|to|plans? to|preparing to|going to|set to|threaten(?:s|ed)? to|demand(?:s|ed|ing)?|calling for|called for|call for|va a|van a|para|exigir|exigen)\s+(?:\w+\s+)?)$/iu;
const ADJECTIVE_BEFORE = /(?:\b(?:the|an?|former|of|ex|recently|and|el|la|los|al|del)\s+)$/iu;

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
      hits.push({ kind: lex.kind, weak: !!lex.weak, start, end, text: m[0] });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  // Overlaps ("general strike" vs "strike"): keep the longer.
  const kept: VerbHit[] = [];
  for (const h of hits) {
    const clash = kept.findIndex((k) => h.start < k.end && k.start < h.end);
    if (clash < 0) kept.push(h);
    else if (h.end - h.start > kept[clash]!.end - kept[clash]!.start) kept[clash] = h;
  }
  return kept;
}

/** Every kind of event word in a line of text, strongest first. */
export function eventKinds(text: string): EventKind[] {
  const kinds = new Set(findVerbs(text).map((h) => h.kind));
  return STRONG_ORDER.filter((k) => kinds.has(k));
}

/** The kind of event a line of text talks about (its strongest event word), or null. */
export function eventKind(text: string): EventKind | null {
  const hits = findVerbs(text);
  if (!hits.length) return null;
  hits.sort((a, b) => STRONG_ORDER.indexOf(a.kind) - STRONG_ORDER.indexOf(b.kind));
  return hits[0]!.kind;
}

// ---------------------------------------------------------------------------------------------
// Sentences

interface Sentence {
  text: string;
  paragraph: number;
  /** Index of the sentence inside the document body (title is -1). */
  ordinal: number;
  headline: boolean;
}

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
    const before = sentence.slice(Math.max(0, a - 12), a);
    const prep = before.match(/(?:\b(?:on|in|this|last|past|el|este|since|from|until|by|as of|at|del|de|el pasado)\s+|\(\s*)$/iu);
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
  const lastPunct = (t: string) => Math.max(t.lastIndexOf(','), t.lastIndexOf(';'), t.lastIndexOf(':'), t.lastIndexOf(' – '), t.lastIndexOf(' — '));
  // Left boundary.
  const leftPart = masked.slice(0, vStart);
  let punct = lastPunct(leftPart);
  let left = leftPart.slice(punct + 1);
  const bare = () => left.replace(/\u0000/g, ' ').trim();
  // "Hours later, he was impeached" / "…, Pedro Castillo, was overthrown": reach back one chunk for a subject.
  for (let i = 0; i < 2 && punct > 0 && (!/\p{L}/u.test(bare()) || /^(?:was|were|is|are|has|have|had|been|being|fue|fueron|ha|han)\b/iu.test(bare())); i++) {
    const prev = leftPart.slice(0, punct);
    const p2 = lastPunct(prev);
    left = prev.slice(p2 + 1) + ' ' + left;
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

/** Nouns that name an event without saying it happened then ("the killings", "impeachment"). */
const NOUNISH = /^(?:killings?|massacres?|masacre|matanza|deaths|dead|impeachment|ouster|vacancia|arrests)$/i;

const WEEKDAY_WORDS =
  /(?:\b(?:last|this|past|on|el|este|pasado)\s+)?\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?:\s+(?:night|morning|evening|afternoon|pasado))?\b/giu;

/**
 * findDateMentions, patched: "since Dec. 7" reads as the month ("since Dec") there; re-read what follows
 * the preposition so the day wins. Also blanks "Monday night" wholly.
 */
function dateMentions(sentence: string, published: string | null, language: string | null): DateMention[] {
  // A day something began on ("las protestas estallaron el 18 de octubre") is an event's day; the end of a
  // "desde … hasta …" span is no more one than its start.
  const found = findDateMentions(sentence, published, language).map((m) => {
    const spanEnd = m.closes && !m.since && findDateMentions(sentence.slice(0, m.start), published, language).some((o) => o.since && !o.began);
    return { ...m, since: (m.since && !m.began) || Boolean(spanEnd) };
  });
  return found.map((m) => {
    const prefix = m.text.match(/^(?:since|in|during|desde|en|durante)\s+/i);
    if (!prefix || m.precision !== 'month' || !/^\.?\s+\d{1,2}\b/.test(sentence.slice(m.end))) return m;
    const offset = m.start + prefix[0].length;
    const again = findDateMentions(sentence.slice(offset), published, language)[0];
    if (!again || again.start !== 0) return m;
    return { ...again, start: offset, end: offset + again.end, since: m.since || /^since|^desde/i.test(prefix[0]) };
  });
}

const CARRY_OVER = /^(?:hours|minutes|moments) (?:later|after)|^later (?:that|the same) (?:day|night)|^(?:that|the same) (?:day|night|evening)|^(?:horas|minutos) (?:después|más tarde)|^ese mismo día/iu;
const NEXT_DAY = /^(?:the (?:next|following) day|a day later|al día siguiente)/iu;
/** Sentences about anniversaries restate old events with a new date. */
const ANNIVERSARY = /\b(?:anniversary|aniversario|one year (?:since|after)|un año (?:de|desde))\b/iu;

function storyOk(date: string, story: Story | undefined, published: string | null): boolean {
  if (story && date < story.start) return false;
  if (published && date > addDays(published, 1)) return false;
  return true;
}

function pickVerb(hits: VerbHit[], near: { start: number; end: number } | null): VerbHit | null {
  if (!hits.length) return null;
  const strong = hits.filter((h) => !h.weak);
  const pool = strong.length ? strong : hits;
  if (!near) {
    return [...pool].sort((a, b) => STRONG_ORDER.indexOf(a.kind) - STRONG_ORDER.indexOf(b.kind) || a.start - b.start)[0]!;
  }
  const dist = (h: VerbHit) => (h.end <= near.start ? near.start - h.end : h.start >= near.end ? h.start - near.end : 0);
  return [...hits].sort((a, b) => dist(a) + (a.weak ? 60 : 0) - (dist(b) + (b.weak ? 60 : 0)))[0]!;
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

/**
 * Dated one-line events of a document, in text order (title first). `story` adds places (gazetteer),
 * actors (story.actors) and drops events dated before the story starts.
 */
export function extractEvents(doc: FactInput, story?: Story): DatedEvent[] {
  const published = dayOf(doc.published);
  const language = doc.language;
  const matchers = actorMatchers(story);
  const sentences: Sentence[] = [];
  if (doc.title?.trim()) sentences.push({ text: doc.title.replace(/\s+/g, ' ').trim(), paragraph: -1, ordinal: -1, headline: true });
  const title = doc.title ? normalizeName(doc.title) : null;
  let ordinal = 0;
  for (const s of splitSentences(doc.text)) {
    // The splitter may leave the title at the top of the text: skip the repeat.
    if (title && ordinal === 0 && normalizeName(s.text) === title) continue;
    const headline = !/[.!?…"”]$/.test(s.text) && s.text.split(/\s+/).length <= 20;
    sentences.push({ text: s.text, paragraph: s.paragraph, ordinal: ordinal++, headline });
  }

  const out: DatedEvent[] = [];
  let carry: { date: string; precision: Precision; paragraph: number } | null = null;
  let lastActor: string | null = null;
  let bodySentences = 0;
  for (const s of sentences) {
    const sentence = s.text;
    const isLead = s.ordinal === -1 || (!s.headline && bodySentences < 2);
    if (!s.headline && s.ordinal >= 0) bodySentences++;
    const mentions = dateMentions(sentence, published, language).filter((m) => m.precision === 'day' || m.precision === 'month' || m.precision === 'week');
    const actorsHere = findActors(sentence, matchers);
    const prevActor = lastActor;
    const personal = actorsHere.filter((a) => /^\p{Lu}/u.test(a) && /\s/.test(a));
    if (personal.length) lastActor = personal.at(-1)!;

    if (ANNIVERSARY.test(sentence)) {
      const dated = mentions.find((m) => !m.since);
      if (dated) carry = { date: dated.date, precision: dated.precision, paragraph: s.paragraph };
      continue;
    }
    const hits = findVerbs(sentence);
    if (!hits.length) {
      const dated = mentions.find((m) => !m.since);
      if (dated) carry = { date: dated.date, precision: dated.precision, paragraph: s.paragraph };
      continue;
    }

    // Candidate dates: not "since December 7" — unless it is "since Dec. 7, when Congress …".
    const usable: DateMention[] = mentions.filter((m) => !m.since || /^\s*,?\s*(?:when|cuando)\b/i.test(sentence.slice(m.end, m.end + 8)));
    const pairs: { date: string; precision: Precision; verb: VerbHit; near: DateMention | null }[] = [];
    // Pair dates with event words, closest first (each used once): "took to the streets on Tuesday … for
    // the 17 people killed Monday" gives two events.
    const costs: { m: DateMention; h: VerbHit; cost: number }[] = [];
    for (const m of usable) {
      for (const h of hits) {
        const gap = h.end <= m.start ? m.start - h.end : h.start >= m.end ? h.start - m.end : 0;
        if (gap > 140 || (h.weak && gap > 60)) continue;
        costs.push({ m, h, cost: gap + (h.weak ? 60 : 0) + (NOUNISH.test(h.text) ? 20 : 0) });
      }
    }
    costs.sort((a, b) => a.cost - b.cost);
    const usedDates = new Set<DateMention>();
    const usedVerbs = new Set<VerbHit>();
    for (const c of costs) {
      if (usedDates.has(c.m) || usedVerbs.has(c.h)) continue;
      usedDates.add(c.m);
      usedVerbs.add(c.h);
      pairs.push({ date: c.m.date, precision: c.m.precision, verb: c.h, near: c.m });
    }
    // A span ("entre abril y julio") does not date the verb next to it: that verb is still free.
    const free = hits.filter((h) => !usedVerbs.has(h) && mentions.every((m) => m.since || (h.end <= m.start ? m.start - h.end : h.start - m.end) > 50));
    const firstFree = free.find((h) => !h.weak) ?? free[0];
    if (firstFree && !mentions.some((m) => m.start < firstFree.start && !m.since)) {
      if (!mentions.length && CARRY_OVER.test(sentence) && carry && carry.paragraph === s.paragraph) {
        pairs.push({ date: carry.date, precision: carry.precision, verb: firstFree, near: null });
      } else if (!mentions.length && NEXT_DAY.test(sentence) && carry && carry.precision === 'day') {
        pairs.push({ date: addDays(carry.date, 1), precision: 'day', verb: firstFree, near: null });
      } else if (isLead && published && !pairs.some((p) => storyOk(p.date, story, published))) {
        pairs.push({ date: published, precision: 'day', verb: firstFree, near: null });
      }
    }
    const dated = usable[0];
    if (dated) carry = { date: dated.date, precision: dated.precision, paragraph: s.paragraph };

    pairs.sort((a, b) => a.verb.start - b.verb.start);
    for (const c of pairs) {
      if (!storyOk(c.date, story, published)) continue;
      const verb = c.verb;
      // Weak protest words in "since …" sentences describe the whole movement, not an event.
      if (verb.weak && /^["“‘']?(?:since|desde)\b/i.test(sentence)) continue;
      // "Saturday, July 22, will be a day of struggle, with marches…": announced, not happened.
      if (c.near) {
        const between = sentence.slice(Math.min(c.near.end, verb.end), Math.max(c.near.start, verb.start));
        if (/\b(?:will|would|shall|plans? to|is set to|are set to|scheduled|va a|van a|se realizará|será)\b/i.test(between)) continue;
      }
      let text = s.headline && sentence.length <= 150
        ? sentence.replace(/[.:;,\s]+$/, '')
        : eventClause(sentence, verb.start, verb.end, mentions, hits, placeEnd(sentence, verb.end, story));
      if (!text || text.split(/\s+/).length < (NOUNISH.test(verb.text) ? 3 : 2)) continue;
      // "He was impeached" after a sentence naming Castillo: name him.
      if (prevActor && !actorsHere.some((a) => /\s/.test(a)) && /^(?:He|She)\s/.test(text)) {
        text = `${prevActor.split(/\s+/).at(-1)} ${text.slice(text.indexOf(' ') + 1)}`;
      }
      const actors = findActors(text, matchers);
      const event: DatedEvent = {
        date: c.date,
        precision: c.precision,
        text,
        places: placesOf(sentence, story),
        actors: actors.length ? actors : actorsHere,
        quote: sentence,
        kind: verb.kind,
      };
      if (!out.some((e) => e.date === event.date && normalizeName(e.text) === normalizeName(event.text))) out.push(event);
    }
  }
  return out;
}
