// Date cues in news sentences, anchored on the publication date. Hand-written rules (English + Spanish)
// rather than chrono-node: chrono reads "On Tuesday, 17 people…" as "Tuesday the 17th" and has no notion
// of "a year-less date after publication is last year's" or "late January".
import type { Precision } from './types.ts';
import { addDays, dayOf, iso, pad, periodEnd, utc } from './calendar.ts';
import { findNumbers } from './numbers.ts';

export interface DateMention {
  start: number;
  end: number;
  /** YYYY-MM-DD */
  date: string;
  precision: Precision;
  kind: 'explicit' | 'weekday' | 'relative' | 'period';
  text: string;
  /** The date opens a span ("since December 7", "desde el 7 de diciembre"): not the date a count describes. */
  since: boolean;
  /** The date closes a span ("between April 28 and June 30", "hasta el 6 de junio"): the day a count over it is as of. */
  closes?: boolean;
  /** The span opens with something beginning ("protests that erupted on October 18"): a `since` that is also an event's day. */
  began?: boolean;
}

export interface ResolveOptions {
  /** Story start (YYYY-MM-DD) for "in power for 40 days", "the past 364 days". */
  storyStart?: string;
  /** Return the publication date when the sentence has no cue (default true). */
  fallbackToPublished?: boolean;
}

const MONTHS: [RegExp, number][] = [
  [/^(jan(uary|\.)?|ene(ro|\.)?)$/, 1], [/^(feb(ruary|\.)?|febrero)$/, 2], [/^(mar(ch|\.)?|marzo)$/, 3],
  [/^(apr(il|\.)?|abr(il|\.)?)$/, 4], [/^(may|mayo)$/, 5], [/^(june?|jun\.|junio)$/, 6], [/^(july?|jul\.|julio)$/, 7],
  [/^(aug(ust|\.)?|ago(sto|\.)?)$/, 8], [/^(sep(t|tember|\.|t\.)?|sep?tiembre|set\.?)$/, 9],
  [/^(oct(ober|\.)?|octubre)$/, 10], [/^(nov(ember|\.)?|noviembre)$/, 11], [/^(dec(ember|\.)?|dic(iembre|\.)?)$/, 12],
];
/** A month's name or a wire's abbreviation of it, English or Spanish (match case-insensitively; `monthOf` reads it). */
export const MONTH_RE =
  '(?:January|February|March|April|Mayo|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.|Jul\\.|Aug\\.?|Sept?\\.|Oct\\.?|Nov\\.?|Dec\\.?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)';
const WEEKDAYS: [RegExp, number][] = [
  [/^(sunday|domingo)/, 0], [/^(monday|lunes)/, 1], [/^(tuesday|martes)/, 2], [/^(wednesday|mi[eé]rcoles)/, 3],
  [/^(thursday|jueves)/, 4], [/^(friday|viernes)/, 5], [/^(saturday|s[aá]bado)/, 6],
];
/** A weekday's name, English or Spanish (match case-insensitively). */
export const WEEKDAY_RE = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)';
const FUTURE_CUE = /\b(will|'ll|is set to|are set to|scheduled|planned|plans? to|is due|are due|upcoming|next|coming|ser[aá]n?|realizar[aá]n?|pr[oó]xim[oa]|convoc(a|ó|aron) (a|para))\b/i;
// "from" opens a span only right before its date ("from Dec. 7"), not "the toll from the unrest rose … on Monday"
const SINCE_CUE = /\bfrom\s+(?:the\s+|el\s+)?$|\b(?:between|entre)(?!\s+\d[\d,.]*\s+(?:and|to|or|y|o)\s)(?:\s+the|\s+el|\s+los)?\s*$|\b(since|desde|starting|beginning|began|begun|started|start of|inicio|comienzo|a partir|erupted|broke out)\b[^.;,:()]{0,32}$|\b(?:comenz|empez|inici|estall|arranc)(?:aron|ó|o)(?=\s)[^.;,:()]{0,32}$|\b(?:began|started|erupted|broke out|(?:comenz|empez|inici|estall)(?:aron|ó|o))\s+(?:after|following|with|when|over|tras|despu[eé]s de|con|cuando|por)\s[^.;:()]{0,70}$|\b(?:since|desde)\b[^.;:()]{0,60}\b(?:start|beginning|inicio|comienzo|outbreak|began|started|ouster|ousting|coup|golpe|vacancia)\b[^.;:()]{0,30}$/i;
/** A month joined after a month: "… and August 2013", "… y agosto". */
const JOINED_MONTH_AFTER = new RegExp(`^\\s+(?:and|y|to|a|until|hasta)\\s+${MONTH_RE}(?![\\p{L}])`, 'iu');
/**
 * "desde que la policía irrumpió en las acampadas el pasado miércoles", "since police stormed the camps on Wednesday",
 * "Desde que comenzaron las protestas, el jueves pasado, …", "desde que estallaron los disturbios, a mediados de
 * diciembre": the day of the happening a span opens with, told in a
 * clause of its own or right after it (read over a wider stretch than SINCE_CUE).
 */
const SINCE_CLAUSE = /\b(?:since|desde que)\s+(?:the\s+|la\s+|el\s+|los\s+|las\s+)?(?:\p{L}+\s+){0,2}?(?:\p{L}+(?:ed|ó|ió|aron|ieron)|broke|began|took|came|fell|went|set)(?![\p{L}])(?:[^.;,:()]{0,60}|[^.;,:()]{0,60},\s*(?:on\s+|el\s+|in\s+|en\s+|a\s+|(?:a\s+)?(?:mediados|principios|finales|fines)\s+de\s+|(?:in\s+)?(?:mid|early|late)[- ])?)$/iu;

export { addDays, dayOf, periodEnd } from './calendar.ts';

/** The month (1–12) a month name or abbreviation names, else null. */
export function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}
function validDay(y: number, m: number, d: number): boolean {
  const t = utc(y, m, d);
  return m >= 1 && m <= 12 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * A year-less date: this year's, unless that is after publication (then last year's) and nothing points ahead; one
 * called the next ("las elecciones del próximo 14 de enero", "next January 14") is the coming one, even in next year.
 */
function placeYear(m: number, d: number, pub: string | null, future: Ahead): string | null {
  if (!pub) return null;
  const y = Number(pub.slice(0, 4));
  if (!validDay(y, m, d) && !validDay(y - 1, m, d)) return null;
  const candidate = iso(utc(y, m, d));
  if (future === 'next' && candidate < pub && validDay(y + 1, m, d)) return iso(utc(y + 1, m, d));
  if (candidate > addDays(pub, future ? 400 : 1)) return iso(utc(y - 1, m, d));
  if (!future && candidate > pub) return pub; // "today's" count a day off: never after publication
  return candidate;
}

/** Whether a date points ahead: `true` when a future cue is near, `'next'` when the date itself is called the next one. */
type Ahead = boolean | 'next';
const NEXT_BEFORE = /\b(?:pr[oó]xim[oa]|next|upcoming|coming|venider[oa])\s+(?:(?:el|la|on|de)\s+)?$/iu;

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray, pub: string | null, future: Ahead, language: string | null) => { date: string; precision: Precision; kind: DateMention['kind'] } | null;
}
const ex = (date: string | null, precision: Precision = 'day', kind: DateMention['kind'] = 'explicit') => (date ? { date, precision, kind } : null);
const ord = '(?:st|nd|rd|th|º|°)?';
const PART: Record<string, number> = { early: 5, beginning: 5, principios: 5, inicios: 5, comienzos: 5, mid: 15, middle: 15, mediados: 15, late: 25, end: 28, finales: 25, fines: 25 };

/** A count of days, weeks, months or years back told in words: "three days ago", "hace dos años". */
const AGO_COUNTS: Record<string, number> = {
  a: 1, one: 1, un: 1, una: 1, two: 2, dos: 2, three: 3, tres: 3, four: 4, cuatro: 4, five: 5, cinco: 5, six: 6, seis: 6,
  seven: 7, siete: 7, eight: 8, ocho: 8, nine: 9, nueve: 9, ten: 10, diez: 10,
};

const RULES: Rule[] = [
  // 2023-01-09
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, make: (m) => ex(validDay(+m[1]!, +m[2]!, +m[3]!) ? `${m[1]}-${m[2]}-${m[3]}` : null) },
  // 10.01.2023, 10/01/2023: a reading after publication gives way to the other ("01/09/2023" in a report of 20 January
  // 2023 is 9 January); when both can be, the order of the text's language (month first in English, day first else)
  {
    re: /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g,
    make: (m, pub, _future, language) => {
      const [a, b, y] = [+m[1]!, +m[2]!, +m[3]!];
      const dayFirst = validDay(y, b, a) ? iso(utc(y, b, a)) : null;
      const monthFirst = validDay(y, a, b) ? iso(utc(y, a, b)) : null;
      const readings = (language === 'en' ? [monthFirst, dayFirst] : [dayFirst, monthFirst]).filter((d): d is string => d !== null);
      return ex(readings.find((d) => !pub || d <= pub) ?? readings[0] ?? null);
    },
  },
  // January 9, 2023 / Jan. 9 / December 7th
  {
    re: new RegExp(`\\b(${MONTH_RE})\\s+(\\d{1,2})${ord}(?!\\d|\\s*(?:%|percent|people|persons))(?:,?\\s+(\\d{4}))?`, 'gi'),
    make: (m, pub, fut) => {
      const mo = monthOf(m[1]!);
      if (!mo) return null;
      if (m[3]) return ex(validDay(+m[3], mo, +m[2]!) ? iso(utc(+m[3], mo, +m[2]!)) : null);
      return ex(placeYear(mo, +m[2]!, pub, fut));
    },
  },
  // "between June 3 and 18", "from May 28 to 31, 2021": the bare day that closes a span of one month
  {
    re: new RegExp(`(?<=\\b(${MONTH_RE})\\s+\\d{1,2}${ord}\\s*(?:and|to|through|until|-|–)\\s*)(\\d{1,2})${ord}(?:,?\\s+(\\d{4}))?(?=\\s*[,.;:)–—]|\\s*$|\\s+(?:at least|al menos|more than|over|some)\\b)`, 'giu'),
    make: (m, pub, fut) => {
      const mo = monthOf(m[1]!);
      if (!mo) return null;
      if (m[3]) return ex(validDay(+m[3], mo, +m[2]!) ? iso(utc(+m[3], mo, +m[2]!)) : null);
      return ex(placeYear(mo, +m[2]!, pub, fut));
    },
  },
  // 7 December 2022 / 9 de enero de 2023 / 1º de mayo
  {
    re: new RegExp(`\\b(\\d{1,2})${ord}\\s+(?:de\\s+|of\\s+)?(${MONTH_RE})(?:,?\\s+(?:de(?:l)?\\s+)?(\\d{4}))?\\b`, 'gi'),
    make: (m, pub, fut) => {
      const mo = monthOf(m[2]!);
      if (!mo) return null;
      if (m[3]) return ex(validDay(+m[3], mo, +m[1]!) ? iso(utc(+m[3], mo, +m[1]!)) : null);
      return ex(placeYear(mo, +m[1]!, pub, fut));
    },
  },
  // "entre los días 1 y 5 de este mes", "el 5 de este mes", "on the 5th of this month": a day of the publication's month
  {
    re: new RegExp(`\\b(\\d{1,2})${ord}\\s+(?:de este mes|del presente mes|del mes en curso|of this month)\\b`, 'gi'),
    make: (m, pub) => (pub && validDay(+pub.slice(0, 4), +pub.slice(5, 7), +m[1]!) ? ex(`${pub.slice(0, 8)}${String(+m[1]!).padStart(2, '0')}`) : null),
  },
  // late January, mid-December 2022, a finales de enero, a mediados de diciembre
  {
    re: new RegExp(`\\b(early|mid|middle|late|end|beginning|principios|inicios|comienzos|mediados|finales|fines)[\\s-]+(?:of\\s+|de\\s+)?(${MONTH_RE})(?:,?\\s+(?:de\\s+)?(\\d{4}))?`, 'gi'),
    make: (m, pub, fut) => {
      const mo = monthOf(m[2]!);
      const day = PART[m[1]!.toLowerCase()] ?? 15;
      if (!mo) return null;
      const sameMonth = !m[3] && pub && Number(pub.slice(5, 7)) === mo;
      const date = m[3] ? iso(utc(+m[3], mo, day)) : sameMonth ? `${pub.slice(0, 8)}${pad(Math.min(day, Number(pub.slice(8, 10))))}` : placeYear(mo, day, pub, fut);
      return ex(date, 'month', 'period');
    },
  },
  // late 2019, a finales de 2019, end of 2019, early 2020: the part of a year it names (late → the year's last day)
  {
    re: /\b(early|late|end|beginning|principios|inicios|comienzos|finales|fines)[\s-]+(?:of\s+|de(?:l)?\s+)?((?:19|20)\d{2})\b/gi,
    make: (m) => {
      const late = /^(?:late|end|finales|fines)$/i.test(m[1]!);
      return ex(late ? `${m[2]}-12-31` : `${m[2]}-02-15`, 'month', 'period');
    },
  },
  // December 2022, diciembre de 2022
  {
    re: new RegExp(`\\b(?:in\\s+|en\\s+)?(${MONTH_RE})\\s+(?:de(?:l)?\\s+)?(\\d{4})\\b`, 'gi'),
    make: (m) => {
      const mo = monthOf(m[1]!);
      return mo ? ex(iso(utc(+m[2]!, mo, 15)), 'month', 'period') : null;
    },
  },
  // "between June and August", "entre abril y julio de este año": the month that closes the span
  {
    re: new RegExp(`(?<=\\b(?:between|entre|from|desde|de)\\s+${MONTH_RE}(?:\\s+(?:de\\s+)?\\d{4})?\\s+(?:and|to|until|through|y|a|hasta)\\s+)(${MONTH_RE})(?:,?\\s+(?:de(?:l)?\\s+)?((?:19|20)\\d{2})|\\s+(?:de\\s+)?(este año|this year))?(?![\\p{L}])`, 'giu'),
    make: (m, pub, fut) => {
      const mo = monthOf(m[1]!);
      if (!mo) return null;
      if (m[2]) return ex(iso(utc(+m[2], mo, 15)), 'month', 'period');
      if (m[3] && pub) return ex(`${pub.slice(0, 4)}-${pad(mo)}-15`, 'month', 'period');
      if (pub && Number(pub.slice(5, 7)) === mo) return ex(`${pub.slice(0, 8)}${pad(Math.min(15, Number(pub.slice(8, 10))))}`, 'month', 'period');
      return ex(placeYear(mo, 15, pub, fut), 'month', 'period');
    },
  },
  // in January (year-less month name after in/en/since/desde, or opening a span: "between June and …"); "in July and
  // August 2013", "en julio y agosto de 2013": the year of the month it is joined to
  {
    re: new RegExp(`\\b(?:in|en|since|desde|during|durante|between|entre)\\s+(${MONTH_RE})(?![\\p{L}])(?!\\.?\\s*\\d)(?=(?:\\s+(?:and|y|to|a|until|hasta)\\s+(${MONTH_RE}),?\\s+(?:de(?:l)?\\s+)?((?:19|20)\\d{2})(?!\\d))?)`, 'giu'),
    make: (m, pub, fut) => {
      const mo = monthOf(m[1]!);
      if (!mo) return null;
      const joined = m[2] && m[3] ? monthOf(m[2]) : null;
      if (joined) return ex(iso(utc(+m[3]! - (mo > joined ? 1 : 0), mo, 15)), 'month', 'period');
      if (pub && Number(pub.slice(5, 7)) === mo) return ex(`${pub.slice(0, 8)}${pad(Math.min(15, Number(pub.slice(8, 10))))}`, 'month', 'period');
      return ex(placeYear(mo, 15, pub, fut), 'month', 'period');
    },
  },
  // "last March", "this past October", "el pasado mes de marzo", "marzo pasado": the latest such month before publication;
  // "March last year", "marzo del año pasado": that month of the year before
  {
    re: new RegExp(`\\b(?:(?:last|this past|el pasado(?:\\s+mes\\s+de)?)\\s+(${MONTH_RE})|(?:(?:in|en)\\s+)?(${MONTH_RE})\\s+(?:pasado|last year|(?:del|de el) año pasado))(?![\\p{L}])(?!\\.?\\s*\\d)`, 'giu'),
    make: (m, pub) => {
      const lastYear = /year|año/i.test(m[0]);
      const mo = monthOf((m[1] ?? m[2])!);
      if (!mo || !pub) return null;
      const year = Number(pub.slice(0, 4)) - (lastYear || mo >= Number(pub.slice(5, 7)) ? 1 : 0);
      return ex(iso(utc(year, mo, 15)), 'month', 'period');
    },
  },
  // 1980-2000: the span ends with its last year
  {
    re: /\b(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})\b/g,
    make: (m) => ex(`${m[1]}-07-01`, 'year', 'period'),
  },
  // in 2020, en 2021, during 2019: year precision (mid-year; capped at publication in the same year)
  {
    re: /\b(?:in|en|during|durante|since|desde|(?:del|el) año|between|entre|from|de|and|y|to|until|hasta|a)\s+((?:19|20)\d{2})\b(?![-–/.]\d)/gi,
    make: (m, pub) => {
      const y = m[1]!;
      return ex(pub && pub.startsWith(y) ? (pub < `${y}-07-01` ? pub : `${y}-07-01`) : `${y}-07-01`, 'year', 'period');
    },
  },
  // last/next/this Monday, el lunes (pasado|próximo), el pasado lunes — never swallows the number after a comma
  {
    re: new RegExp(`\\b(?:(last|past|next|this|coming|this coming|on|el|este|el pasado|el pr[oó]ximo|pasado|pr[oó]ximo)\\s+)?(${WEEKDAY_RE})(?:\\s+(pasado|pr[oó]ximo|next|last|of last week|of the previous week|de la semana pasada|de la semana anterior))?\\b`, 'gi'),
    make: (m, pub, fut) => {
      if (!pub) return null;
      const word = m[2]!.toLowerCase();
      const wd = WEEKDAYS.find(([re]) => re.test(word))?.[1];
      if (wd === undefined) return null;
      const mod = `${m[1] ?? ''} ${m[3] ?? ''}`.toLowerCase();
      const pubWd = new Date(`${pub}T00:00:00Z`).getUTCDay();
      // "Monday of last week", "el viernes de la semana pasada": that day of the calendar week (Monday to Sunday) before
      if (/week|semana/.test(mod)) return ex(addDays(pub, -((pubWd + 6) % 7) - 7 + ((wd + 6) % 7)), 'day', 'weekday');
      const back = (pubWd - wd + 7) % 7;
      const ahead = /next|coming|pr[oó]ximo/.test(mod) || (fut && !/last|past|pasado/.test(mod));
      if (ahead) return ex(addDays(pub, (wd - pubWd + 7) % 7 || 7), 'day', 'weekday');
      if (/last|past|pasado/.test(mod) && back === 0) return ex(addDays(pub, -7), 'day', 'weekday');
      return ex(addDays(pub, -back), 'day', 'weekday');
    },
  },
  // "el domingo 21", "el pasado lunes 12": a weekday and its day of the month, the latest such day up to publication
  // (never "el domingo 21 personas murieron": only before punctuation, a preposition or a verb)
  {
    re: new RegExp(`\\b(?:(?:el|este|el pasado|pasado|on|last)\\s+)?(${WEEKDAY_RE})\\s+(\\d{1,2})(?=\\s*(?:[,.;:)]|$)|\\s+(?:en|a|al|por|cuando|tras|durante|y|se|fue|fueron|resultaron|murieron|hubo|in|at|when|during|and|was|were)\\b)`, 'gi'),
    make: (m, pub) => {
      if (!pub) return null;
      const wd = WEEKDAYS.find(([re]) => re.test(m[1]!.toLowerCase()))?.[1];
      const day = Number(m[2]);
      if (wd === undefined || day < 1 || day > 31) return null;
      // the latest day with that number falling on that weekday, else with that number alone, within two months back
      const days = Array.from({ length: 62 }, (_, back) => addDays(pub, -back)).filter((d) => Number(d.slice(8, 10)) === day);
      const date = days.find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === wd) ?? days[0];
      return date ? ex(date, 'day', 'weekday') : null;
    },
  },
  // yesterday, today, ayer, hoy, anteayer, last night, N days ago, hace N días
  {
    // ("la víspera", "en la víspera": the eve of the day the article tells, as Spanish wires write yesterday)
    re: /\b(the day before yesterday|anteayer|antier|yesterday|ayer|today|tonight|this morning|this afternoon|hoy|esta ma[ñn]ana|esta tarde|last night|anoche|earlier today|la v[ií]spera)(?![\p{L}])/giu,
    make: (m, pub) => {
      if (!pub) return null;
      const w = m[1]!.toLowerCase();
      const off = /before yesterday|anteayer|antier/.test(w) ? -2 : /yesterday|ayer|last night|anoche|v[ií]spera/.test(w) ? -1 : 0;
      return ex(addDays(pub, off), 'day', 'relative');
    },
  },
  {
    re: /\b(?:(\d{1,2}|one|two|three|four|five|six|seven|a|un|una|dos|tres|cuatro|cinco|seis|siete)\s+(days?|weeks?|months?)\s+ago|hace\s+(\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete)\s+(d[ií]as?|semanas?|mes(?:es)?))\b/gi,
    make: (m, pub) => {
      if (!pub) return null;
      const raw = (m[1] ?? m[3])!.toLowerCase();
      const n = AGO_COUNTS[raw] ?? Number(raw);
      const unit = (m[2] ?? m[4])!.toLowerCase();
      if (/^(day|d[ií]a)/.test(unit)) return ex(addDays(pub, -n), 'day', 'relative');
      if (/^(week|semana)/.test(unit)) return ex(addDays(pub, -7 * n), 'week', 'relative');
      return ex(addDays(pub, -30 * n), 'month', 'relative');
    },
  },
  // "50 years ago", "hace dos años": the year that many back (an anniversary's story, background to a newer one)
  {
    re: /\b(?:(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+years?\s+ago|hace\s+(\d{1,3}|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+a[ñn]os?)(?![\p{L}])/giu,
    make: (m, pub) => {
      if (!pub) return null;
      const raw = (m[1] ?? m[2])!.toLowerCase();
      const n = AGO_COUNTS[raw] ?? Number(raw);
      return ex(`${Number(pub.slice(0, 4)) - n}-07-01`, 'year', 'relative');
    },
  },
  // last week / la semana pasada / last month / el mes pasado / this week / over the weekend
  {
    re: /\b(last week|the past week|the last week|this week|la semana pasada|esta semana|la [uú]ltima semana|over the weekend|this weekend|el fin de semana|the past month|the last month|el [uú]ltimo mes|last month|el mes pasado)\b/gi,
    make: (m, pub) => {
      if (!pub) return null;
      const w = m[1]!.toLowerCase();
      // "in the past week", "en la última semana", "within the last month": a span that ends now
      if (/past (?:week|month)|the last (?:week|month)|[uú]ltima semana|[uú]ltimo mes/.test(w)) return ex(pub, 'week', 'relative');
      if (/month|mes/.test(w)) {
        const d = new Date(`${pub}T00:00:00Z`);
        return ex(iso(utc(d.getUTCFullYear(), d.getUTCMonth(), 15)), 'month', 'relative');
      }
      if (/weekend|fin de semana/.test(w)) {
        const back = (new Date(`${pub}T00:00:00Z`).getUTCDay() + 1) % 7; // last Saturday
        return ex(addDays(pub, -back), 'week', 'relative');
      }
      return ex(/this|esta/.test(w) ? pub : addDays(pub, -7), 'week', 'relative');
    },
  },
];

// "that erupted on", "estallaron el", "began after the death of … on": a beginning, told as what happened that day
const BEGAN_BEFORE = /\b(?:began|begun|started|erupted|broke out|(?:comenz|empez|inici|estall|arranc)(?:aron|ó|o))(?=\s)[^.;:()]{0,80}$/i;
// What joins a span's start to its end: "… and", "… y el", "… hasta la mañana de", "… to", "… through".
const SPAN_END_BEFORE = /\b(?:and|to|until|till|through|thru|y|a|al|hasta)\s+(?:(?:the\s+)?(?:morning|afternoon|evening|night|end)\s+of\s+|(?:la\s+)?(?:mañana|tarde|noche)\s+(?:de(?:l)?\s+)?|(?:el\s+)?(?:final|fin)\s+de(?:l)?\s+)?(?:the\s+|el\s+|la\s+)?$/i;
// "covering the period up to May 24", "hasta el 6 de junio": an end whose start is left unsaid
const UP_TO_BEFORE = /\b(?:up to|up until|until|through|hasta)\s+(?:the\s+|el\s+|la\s+)?$/i;
// "entre el 19 y el 22 de abril", "between the 19th and 22nd of", "from 7 to 17 February", "del 7 al 17 de febrero": a
// span whose start is a bare day
const SPAN_OF_DAYS = /\b(?:(?:between|entre)\s+(?:the\s+|el\s+|los\s+d[ií]as\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:and|y)|(?:from|del|desde el)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:to|until|through|al|hasta el))\s+(?:the\s+|el\s+)?$/i;

/** "since December 7", "between 1980 …": the date opens a span; "… and 2000", "as of March 31" close one. */
function opensSpan(match: string, earlier: string): boolean {
  if (/^(?:since|desde|between|entre|from)\b/i.test(match)) return true;
  if (closesSpan(match, earlier)) return false;
  return SINCE_CUE.test(spanBefore(match, earlier));
}

/** "… and 2000", "as of March 31", "desde el 28 de abril hasta el 6 de junio": the date closes a span. */
function closesSpan(match: string, earlier: string): boolean {
  const before = spanBefore(match, earlier);
  return /^(?:and|to|until|till|through|y|a|al|hasta)\b/i.test(match) || /\b(?:as of|and|to|until|till|through|al|hasta|y|a)\s*$/i.test(before) || SPAN_END_BEFORE.test(before);
}

/** "a finales de abril", "a mediados de mayo": the "a" belongs to the date, it does not close a span. */
function spanBefore(match: string, earlier: string): string {
  return /^(?:finales|fines|principios|inicios|comienzos|mediados)\b/i.test(match) ? earlier.replace(/\ba\s+$/i, '') : earlier;
}

/** Every date cue in `text`, in order, overlaps resolved (the longer, earlier match wins). */
export function findDateMentions(text: string, published: string | null, language: string | null = null): DateMention[] {
  const pub = dayOf(published);
  const found: DateMention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const future: Ahead = NEXT_BEFORE.test(text.slice(Math.max(0, m.index - 25), m.index)) ? 'next' : FUTURE_CUE.test(text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 15));
      const r = rule.make(m, pub, future, language);
      if (!r) continue;
      const before = text.slice(Math.max(0, m.index - 45), m.index);
      // "…since the death in police custody of Mahsa Amini almost a month ago": a span that opens a while back
      const agoSince = /\bago$|^hace\b/i.test(m[0]) && /\b(?:since|desde)\b[^.;:()]{0,90}$/i.test(text.slice(Math.max(0, m.index - 100), m.index));
      // ("desde que la policía irrumpió … el pasado miércoles": the day of a happening that opens the span, an event's day too)
      const opens = opensSpan(m[0], before);
      const sinceClause = !agoSince && !opens && !closesSpan(m[0], before) && SINCE_CLAUSE.test(text.slice(Math.max(0, m.index - 110), m.index));
      // ("in July and August 2013": the first of two months joined opens their span)
      const joinedMonths = /^(?:in|en|during|durante)\s/i.test(m[0]) && JOINED_MONTH_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30));
      const since = agoSince || sinceClause || joinedMonths || opens;
      const began = since && (sinceClause || BEGAN_BEFORE.test(before));
      found.push({ start: m.index, end: m.index + m[0].length, ...r, text: m[0], since, ...(began ? { began } : {}) });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: DateMention[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  // "between April 28 and June 30", "desde el 19 de octubre … hasta la mañana de ayer", "entre el 19 y el 22 de abril":
  // the date that closes a span
  kept.forEach((k, i) => {
    if (k.since) return;
    const before = text.slice(Math.max(0, k.start - 40), k.start);
    const opened = kept.slice(0, i).some((o) => o.since) || SPAN_OF_DAYS.test(before);
    if ((opened && SPAN_END_BEFORE.test(before)) || UP_TO_BEFORE.test(before)) k.closes = true;
  });
  // "last Thursday (May 18)", "This Monday, December 26": the explicit date beats the weekday before it;
  // "Jan. 9 (Monday)", "el 9 de enero (lunes)": a weekday right after an explicit date only restates it
  const adjacent = (a: DateMention | undefined, b: DateMention | undefined) => Boolean(a && b && /^[\s,(]*$/.test(text.slice(a.end, b.start)));
  // ("between Sunday, July 28, and Monday, August 5": the weekday's place in the span passes to its date)
  kept.forEach((k, i) => {
    const next = kept[i + 1];
    if (k.kind !== 'weekday' || next?.kind !== 'explicit' || !adjacent(k, next)) return;
    if (k.since) next.since = true;
    if (k.began) next.began = true;
    if (k.closes) next.closes = true;
  });
  const out = kept.filter((k, i) => {
    if (k.kind !== 'weekday') return true;
    const [prev, next] = [kept[i - 1], kept[i + 1]];
    return !(next?.kind === 'explicit' && adjacent(k, next)) && !(prev?.kind === 'explicit' && adjacent(prev, k));
  });
  return [...out, ...daysLater(text, out)].sort((a, b) => a.start - b.start);
}

const LATER = new RegExp(String.raw`\b(?:(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|un|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+(?:days?|d[ií]as)\s+(?:later|afterwards|after that|m[aá]s tarde|despu[eé]s)|(?:the\s+)?(?:next|following)\s+day|a day later|al d[ií]a siguiente)(?![\p{L}])(?!\s+(?:de|del|que)(?![\p{L}]))`, 'giu');

/**
 * "… on 15 November; ten more died four days later in Senkata", "al día siguiente": days after the day named before it
 * ("dos días después de que el Gobierno decretara…" counts back from another event: not this).
 */
function daysLater(text: string, mentions: DateMention[]): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.matchAll(LATER)) {
    const from = mentions.filter((k) => k.end <= m.index && k.precision === 'day' && !k.since).at(-1);
    if (!from) continue;
    const n = m[1] ? (findNumbers(m[1])[0]?.value ?? 0) : 1;
    if (n < 1 || mentions.some((k) => m.index < k.end && k.start < m.index + m[0].length)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, date: addDays(from.date, n), precision: 'day', kind: 'relative', text: m[0], since: false });
  }
  return out;
}

const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const N = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const UNIT = '(days?|weeks?|months?|d[ií]as|semanas|meses)';
const ANCHOR = '(?:coup|regime|government|administration|presidency|ouster|overthrow|uprising|crisis|protests|unrest|golpe|r[eé]gimen|gobierno|mandato|vacancia|crisis|protestas|estallido)';
/** Counts from the story start only when the text ties them to it: "in power for 40 days", "40 days after the coup". */
const STORY_COUNTS = [
  new RegExp(`\\b(?:in power|in office|en el poder|en el cargo)\\s+(?:for\\s+|durante\\s+|por\\s+)?(?:the\\s+(?:past|last)\\s+)?${N}\\s+${UNIT}`, 'i'),
  new RegExp(`\\b${N}\\s+${UNIT}\\s+(?:after|since|into|of|tras|desde|despu[eé]s de|de)\\s+(?:the\\s+|el\\s+|la\\s+)?(?:start of the\\s+|inicio de(?:l| la)\\s+)?${ANCHOR}`, 'i'),
  // "the past 364 days": a long span reaches back to the story start (a short one is relative to publication)
  new RegExp(`\\b(?:the\\s+|los\\s+)?(?:past|last|[uú]ltimos)\\s+(\\d{2,3})\\s+(days|d[ií]as)`, 'i'),
  new RegExp(`\\b${ANCHOR}\\b[^.;]{0,60}?\\b(?:for|past|last|durante|hace|los [uú]ltimos)\\s+(?:the\\s+)?${N}\\s+${UNIT}`, 'i'),
];
/** "in power for 40 days", "40 days after the coup": a point counted from the story start. */
/** With `published`, "the last 90 days" ends at publication and no count lands after it. */
export function storyDayCount(text: string, storyStart: string | undefined, published?: string | null): { date: string; precision: Precision } | null {
  if (!storyStart) return null;
  let m: RegExpExecArray | null = null;
  for (const [i, re] of STORY_COUNTS.entries()) {
    const hit = re.exec(text);
    if (hit && (i !== 2 || Number(hit[1]) >= 60)) {
      if (i === 2 && published) return { date: published, precision: 'day' };
      m = hit;
      break;
    }
  }
  if (!m) return null;
  const counted = countFrom(storyStart, m);
  return published && counted.date > published ? { date: published, precision: 'day' } : counted;
}

function countFrom(storyStart: string, m: RegExpExecArray): { date: string; precision: Precision } {
  const n = COUNT_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (/^(day|d[ií]a)/.test(unit)) return { date: addDays(storyStart, n), precision: 'day' };
  if (/^(week|semana)/.test(unit)) return { date: addDays(storyStart, 7 * n), precision: 'week' };
  return { date: addDays(storyStart, Math.round(30.44 * n)), precision: 'month' };
}

/**
 * The date a sentence refers to, anchored on the publication date: its first date cue that does not open a
 * span ("since December 7"); else a count from the story start; else the publication date (unless disabled).
 */
export function resolveReferenceDate(
  sentence: string,
  published: string | null,
  language: string | null = null,
  options: ResolveOptions = {},
): { date: string; precision: Precision } | null {
  const mention = findDateMentions(sentence, published, language).find((m) => !m.since);
  if (mention) return { date: mention.date, precision: mention.precision };
  const pub = dayOf(published);
  const counted = storyDayCount(sentence, options.storyStart, pub);
  if (counted) return counted;
  return pub && options.fallbackToPublished !== false ? { date: pub, precision: 'day' } : null;
}

/** The period a sentence states, by its end: "between April 28 and June 30", "covering the period up to May 24". */
export interface StatedPeriod {
  /** YYYY-MM-DD: the last day of the period (a month's last day for "between April and July"), never after publication. */
  end: string;
  precision: Precision;
  /** The sentence tells what a report, count or data set covers ("El informe abarca …", "cumulative data from … to …"). */
  coverage: boolean;
  /** The end was written without its year ("hasta el 6 de junio"). */
  yearless: boolean;
}

// What says a sentence tells the period a report covers: its data, or a verb of covering or counting over it.
const COVERAGE = /(?<![\p{L}])(?:(?:report|tally|count|update|survey|record|informe|reporte|balance|documento|registro|conteo|recuento|estudio)s?|data|figures|study|studies|registry|covering|covers|covered|counted|recorded|documented|cifras|datos|actualizaci[oó]n(?:es)?|abarca|recoge|comprende|cubre|contabilizad[oa]s?|registrad[oa]s?|documentad[oa]s?)(?![\p{L}])/iu;

/** A count told "in that period", "en ese periodo": it belongs to the period stated just before. */
export const BACK_TO_PERIOD = /\b(?:in|during|over|throughout|for)\s+(?:that|this|the same)\s+(?:period|time|span)\b|\b(?:en|durante)\s+(?:ese|este|dicho|el mismo|el)\s+(?:periodo|período|lapso)\b/iu;

/**
 * A count told of "these events", "those days", "esas jornadas", "dichos hechos": of the events a period stated just
 * before it framed ("From 7 to 17 February 2019, demonstrations… The toll of these events: at least forty killed").
 */
// ("these days" alone is also "nowadays": only "those days" points back)
export const BACK_TO_EVENTS = /\b(?:these|those|the same)\s+(?:(?:\p{L}+\s+)?(?:events|protests|demonstrations|clashes|disturbances|riots|incidents|mobili[sz]ations|unrest))\b|\bthose\s+(?:\p{L}+\s+)?days\b|\b(?:estos|esos|aquellos|dichos|los mismos)\s+(?:\p{L}+\s+)?(?:hechos|d[ií]as|sucesos|disturbios|enfrentamientos|incidentes)\b|\b(?:estas|esas|aquellas|dichas|las mismas)\s+(?:\p{L}+\s+)?(?:jornadas|protestas|manifestaciones|movilizaciones|marchas|semanas)\b/iu;

/** The date a count over a span is as of: its end (a month's last day), capped at publication. */
export function spanEnd(mention: DateMention, published: string | null): string {
  const end = mention.precision === 'month' ? periodEnd(mention.date, 'month') : mention.date;
  const pub = dayOf(published);
  return pub && end > pub && mention.date <= pub ? pub : end;
}

/** The period a sentence states (the last span end in it), or null. */
export function statedPeriod(sentence: string, published: string | null, language: string | null = null): StatedPeriod | null {
  const mentions = findDateMentions(sentence, published, language);
  const end = mentions.filter((m) => m.closes).at(-1);
  if (!end) return null;
  const yearless = end.kind !== 'weekday' && end.kind !== 'relative' && !/\b(?:19|20)\d{2}\b/.test(end.text);
  // A span of a few days ("entre el 19 y el 22 de abril") is an episode a report breaks out, not what it covers.
  const opener = mentions.filter((m) => m.since && m.end <= end.start).at(-1);
  const firstDay = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|y|to|al|hasta el)\s+(?:the\s+|el\s+)?$/i.exec(sentence.slice(Math.max(0, end.start - 20), end.start))?.[1];
  const start = opener?.date ?? (firstDay ? `${end.date.slice(0, 8)}${pad(Number(firstDay))}` : null);
  const episode = start !== null && end.precision === 'day' && start <= end.date && end.date <= addDays(start, 7);
  return { end: spanEnd(end, published), precision: end.precision, coverage: COVERAGE.test(sentence) && !episode, yearless };
}

/** "un informe divulgado este miércoles", "the report released on Monday": the day a count was made public. */
export const RELEASED_BEFORE = /(?:released|published|issued|presented|provided|made public|difundi[oó]|divulg[oó]|public[oó]|present[oó]|entreg[oó]|facilit[oó]|dio a conocer|difundid[oa]s?|divulgad[oa]s?|publicad[oa]s?|presentad[oa]s?|entregad[oa]s?|facilitad[oa]s?|ofrecid[oa]s?|dad[oa]s a conocer)(?:\s+(?:on|el|este|esta|the|\p{L}+))?\s+$/iu;
