/**
 * Dates a happening can carry: the day-precise date mentions of a sentence that are not a span's start or end nor
 * a plan, year-less days placed in a year, and cues dated by the sentence before ("a day later", "esa misma noche").
 */
import { addDays, findDateMentions, type DateMention } from '../dates.ts';

export interface DateContext {
  /** The day relative cues resolve against: the publication date, or the live-blog entry's day. */
  reference: string | null;
  language: string | null;
  /** True when the document has no publication date of its own (`reference` was inferred from the text) or is an encyclopedia page. */
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
export function dateMentions(sentence: string, ctx: DateContext): DateMention[] {
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
 * A year-less day placed in a year: in a text with no publication date of its own or an encyclopedia page, its first
 * occurrence from a week before the story's start (an encyclopedia article's "On 19 October" is the story's October); in a
 * dated text, the year last written out when the publication-based reading falls a year or more back
 * (an anniversary piece's "El 20 de abril" after "18 de abril de 2018").
 */
function placeYearless(date: string, text: string, ctx: DateContext): string {
  // Month and day as written (the publication-based reading may have capped a "today's" date to publication).
  const written = findDateMentions(text, '2099-12-31')[0]?.date.slice(4) ?? date.slice(4);
  const inYear = (year: number) => `${year}${written}`;
  const valid = (d: string) => !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (ctx.anchored && ctx.storyStart) {
    // (from a week before the start: "the election of 28 July" that set off a story starting on the 29th)
    const from = addDays(ctx.storyStart, -7);
    const year = Number(from.slice(0, 4));
    const first = inYear(year) >= from ? inYear(year) : inYear(year + 1);
    return valid(first) && !(ctx.reference && first > ctx.reference) ? first : date;
  }
  if (!ctx.lastYear || !ctx.reference) return date;
  const reread = inYear(ctx.lastYear);
  if (!valid(reread) || reread > addDays(ctx.reference, 1) || (ctx.storyStart && reread < ctx.storyStart)) return date;
  if (Date.parse(ctx.reference) - Date.parse(date) > 300 * 86_400_000) return reread;
  // An anniversary article ("dos años después", published long after the story began) that last wrote one of the story's
  // own years: "El 13 de noviembre, …" is that year's, not the publication year's (issue 10: years come from the text)
  const startYear = ctx.storyStart ? Number(ctx.storyStart.slice(0, 4)) : null;
  const longAfter = ctx.storyStart && Date.parse(ctx.reference) - Date.parse(ctx.storyStart) > 300 * 86_400_000;
  return longAfter && startYear && ctx.lastYear <= startYear + 1 && ctx.lastYear < Number(ctx.reference.slice(0, 4)) ? reread : date;
}

/** Words that say a period began: "the unrest began on 16 September" dates the beginning itself. */
export const BEGIN_WORD = /(?<![\p{L}])(?:began|begun|beginning|start(?:ed|s)?|broke out|erupted|comenz\p{L}*|empez\p{L}*|estall\p{L}*|arranc\p{L}*|inici\p{L}*|comienzo|outbreak)(?![\p{L}])/iu;
const OPENS_RIGHT_BEFORE = /\b(?:since|desde|from|between|entre)\s+(?:the\s+|el\s+|la\s+|pasado\s+)*$/i;
/** A date that closes a span: "as of 22 November", "until the night of Monday", "hasta las 06:00 del lunes", "al 5 de octubre". */
export const CLOSES_RIGHT_BEFORE = /(?:\b(?:as of|as at|up to|al|through)\s+|\b(?:until|till|hasta)\s+(?:[^\s,;]*[^\s,;:.]\s+){0,3})$/iu;
/** The end of a span whose start has no date of its own: "between 19 and 28 October", "entre el 19 y el 22 de abril". */
const SPAN_END_BEFORE = /\b(?:between|entre|from|del?)\s+(?:the\s+|el\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:and|y|to|a|al)\s+(?:the\s+|el\s+)?$/iu;
/** A date something happened before: "Ahead of Wednesday's marches, police sealed off roads". */
const BEFORE_DATE = /\b(?:ahead of|before|in the run-up to|antes del?|en la víspera del?)\s+(?:the\s+|el\s+|la\s+)?$/iu;
/** A date something is planned for, set to or postponed to: "fresh marches for Sunday", "fijado para el 26 de abril". */
const PLANNED_FOR = /\b(?:next|coming|pr[oó]xim[oa]|for|para(?:\s+el)?|to)\s+$/i;
const WHEN_AFTER = /^\s*,?\s*(?:when|cuando)\b/i;

/** "between 17 September and 7 December", "entre el 19 y el 22 de abril": both ends of a span. */
export function rangeParts(sentence: string, mentions: DateMention[]): Set<DateMention> {
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
export function happeningDates(sentence: string, mentions: DateMention[]): DateMention[] {
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

/** Cues that date a sentence by the one before: "hours later", "esa misma noche", "the next day", "la víspera". */
const CARRIED: { re: RegExp; days: number }[] = [
  { re: /\b(?:hours|minutes|moments) (?:later|after)|\blater (?:that|the same) (?:day|night)|\b(?:that|the) same (?:day|night|evening)|\b(?:horas|minutos) (?:después|más tarde)|\b(?:ese|el) mismo día|\b(?:esa|la) misma (?:noche|tarde|jornada)/giu, days: 0 },
  { re: /\b(?:the (?:next|following) day|a day later|al día siguiente|un día después)\b/giu, days: 1 },
  { re: /\b(?:the day before|the previous day|la víspera)\b/giu, days: -1 },
];
const DAY_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7 };
/** "four days later", "cuatro días más tarde", "tres días después": N days after the date before. */
const DAYS_LATER = /\b(\d{1,2}|two|three|four|five|six|seven|dos|tres|cuatro|cinco|seis|siete) (?:days later|d[ií]as (?:m[aá]s tarde|despu[eé]s)(?! de))/giu;

/** Carried cues, each dated from the last date before it in the sentence ("On July 4 …; a day later …") or the sentence before. */
export function carriedMentions(sentence: string, dated: DateMention[], carry: { date: string } | null): DateMention[] {
  const out: DateMention[] = [];
  for (const { re, days } of CARRIED) {
    re.lastIndex = 0;
    for (const m of sentence.matchAll(re)) {
      const from = dated.filter((d) => d.end <= m.index!).at(-1)?.date ?? carry?.date;
      if (from) out.push({ start: m.index!, end: m.index! + m[0].length, date: addDays(from, days), precision: 'day', kind: 'relative', text: m[0], since: false });
    }
  }
  for (const m of sentence.matchAll(DAYS_LATER)) {
    const from = dated.filter((d) => d.end <= m.index!).at(-1)?.date ?? carry?.date;
    const days = DAY_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
    if (from && days) out.push({ start: m.index!, end: m.index! + m[0].length, date: addDays(from, days), precision: 'day', kind: 'relative', text: m[0], since: false });
  }
  return out;
}
