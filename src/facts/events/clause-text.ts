/**
 * The text of an event: the clause around its event word, cut from the sentence (never composed), with the date
 * cues and weekday words removed, leading conjunctions and trailing function words trimmed, quotes balanced.
 */
import { listComma } from './pairing.ts';

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

const WEEKDAY_WORDS =
  /(?:\b(?:last|this|past|on|el|este|pasado)\s+)?\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?:\s+(?:night|morning|evening|afternoon|pasado))?\b/giu;
