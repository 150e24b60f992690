import * as chrono from 'chrono-node';
import { isoDay, monthName, monthNumber, monthWords, pad } from '../core/calendar.ts';

/**
 * Publication-date cues. Everything here is strict on purpose: a string counts only when it is
 * (almost) nothing but a date, so a date told in the story ("on December 7 …") is never taken
 * for the date the story was published.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
// chrono's English parsers read "10.01.2023" month-first; bylines in this style (RT, Sputnik,
// most of Europe and Latin America) are day.month.year, so numeric dates are read by hand.
const DAY_FIRST = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
// "11/05/2021", "11-05-2021": day-first or month-first depending on who wrote it (see `numericDate`).
// ("12/11/19 - 10:12": many outlets print the year in two digits)
const SLASHED = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/;
// A clock time after a numeric date: "11/05/2021 - 13:24", "17/01/2020, 09:30 h", "06/09/2021 12:00AM EDT".
/** A time zone after a time: "GMT", "CET", "EAT", "UTC-5", "(GMT+3)". */
// ("10:12 a.m. (hora de Lima)", "(local time)": the zone told in words)
export const TIME_ZONE = String.raw`(?:\s*\(?(?:utc|gmt|[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?(?:\s*\((?:hora\b|local time|[\p{L} ]{2,20} time\b)[^()]{0,30}\))?`;
/** A clock time as bylines print it: "10:12", "10.12", "22h12", "10:12 a. m.", "10:12 hs", "22:12 horas" (use with the u flag). */
export const CLOCK_TIME = String.raw`\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?|h|hs|hrs?\.?|horas?)?`;
const TRAILING_TIME = new RegExp(String.raw`(?:\s*[-–—,|]\s*|\s+(?:at\s+|a las\s+)?)${CLOCK_TIME}${TIME_ZONE}$`, 'iu');
// "10:12 hs - 12/11/2019": the time told first
const LEADING_TIME = new RegExp(String.raw`^${CLOCK_TIME}\s*(?:[-–—,|·]\s*)(?=\d)`, 'iu');
// (after WEEKDAY_BEFORE only, which allows "mar" for martes only as "mar.,")
const WEEKDAYS: [RegExp, number][] = [[/^(?:sun|dom)/iu, 0], [/^(?:mon|lun)/iu, 1], [/^(?:tue|mar)/iu, 2], [/^(?:wed|mi[eé])/iu, 3], [/^(?:thu|jue)/iu, 4], [/^(?:fri|vie)/iu, 5], [/^(?:sat|s[aá]b)/iu, 6]];

/** The day of the week (0 = Sunday) a date string opens with, else null. */
function weekdayBefore(s: string): number | null {
  return WEEKDAY_BEFORE.test(s) ? (WEEKDAYS.find(([re]) => re.test(s))?.[1] ?? null) : null;
}

// "Sábado 4/3/2023", "Sat, 03/04/2023": a weekday before a date adds nothing (and must not hand a numeric date to an
// English reading on a Spanish page). Spanish weekdays in full, or shortened with a full stop and a comma ("mar., 12
// nov."): "Mar. 12" is March.
const WEEKDAY_BEFORE = /^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?|monday,?|tuesday,?|wednesday,?|thursday,?|friday,?|saturday,?|sunday,?|lunes,?|martes,?|mi[eé]rcoles,?|jueves,?|viernes,?|s[aá]bado,?|domingo,?|(?:lun|mar|mi[eé]|jue|vie|s[aá]b|dom)\.,)\s+(?=\d)/iu;

const MIN_YEAR = 1990;

const SPANISH_MONTH_FIRST = new RegExp(
  String.raw`^(${[...Array.from({ length: 12 }, (_, i) => monthName(i + 1, 'es')), 'setiembre'].join('|')})\s+(\d{1,2})(?:,?\s+|\s+de\s+)(\d{4})\b`,
  'i',
);

/** A numeric date's year: "2019", or "19" as most outlets mean it (the years from 1990 to next year). */
function fullYear(year: string): number {
  if (year.length !== 2) return Number(year);
  const recent = 2000 + Number(year);
  return recent <= new Date().getUTCFullYear() + 1 ? recent : 1900 + Number(year);
}

function ymd(year: number, month: number, day: number): string | null {
  const maxYear = new Date().getUTCFullYear() + 1;
  if (year < MIN_YEAR || year > maxYear || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null; // 31 February and the like
  return isoDay(year, month, day);
}

/** An ISO 8601 string from page metadata → `YYYY-MM-DD`, or a full UTC ISO timestamp when it has a time. */
export function normalizeIsoDate(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s) return null;
  const dateOnly = ISO_DATE.exec(s);
  if (dateOnly) return ymd(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
  if (ISO_DATETIME.test(s)) {
    const d = new Date(s.replace(' ', 'T'));
    if (Number.isNaN(d.getTime())) return null;
    // A time with the outlet's own offset keeps it: the day the page was published is its local day ("19:10 -05:00"
    // in Quito is the 12th, though it is the 13th in UTC).
    const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?([+-]\d{2}:?\d{2})$/.exec(s);
    if (local && ymd(Number(local[1]!.slice(0, 4)), Number(local[1]!.slice(5, 7)), Number(local[1]!.slice(8, 10)))) {
      return `${local[1]}T${local[2]!.length === 5 ? `${local[2]}:00` : local[2]}${local[3]!.includes(':') ? local[3] : `${local[3]!.slice(0, 3)}:${local[3]!.slice(3)}`}`;
    }
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ? d.toISOString() : null;
  }
  return parseDateString(s);
}

// Words that may sit next to a date in a byline without making it narrative.
// "Updated …" is left out on purpose: an update is not the publication.
const FILLER = /^(?:(?:(?:first\s+)?published|posted|publicado|publicada|fecha(?: de publicación)?)\b(?:\s+(?:on|at|el|:))?\s*:?\s*)/i;

/**
 * "11/05/2021" → a date, read in the order the page's language writes numeric dates: English is
 * ambiguous (the US writes month-first, most of the Commonwealth day-first), so an English or unknown
 * page's date is decided only when one component is over 12; Spanish and most other languages write
 * day-first. `undefined` when undecidable, null when not a date at all.
 */
function numericDate(first: number, second: number, year: number, language: string | null | undefined): string | null | undefined {
  if (first > 12 || second > 12) return first > 12 ? ymd(year, second, first) : ymd(year, first, second);
  if (!language || language === 'en') return undefined;
  return ymd(year, second, first);
}

/** The two readings (day first, month first) of the numeric date in a string whose order the page leaves open. */
export function numericReadings(value: string): string[] {
  const m = /(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2((?:19|20)?\d{2})(?![\d/.-])/.exec(value);
  if (!m) return [];
  const [a, b, year] = [Number(m[1]), Number(m[3]), fullYear(m[4]!)];
  return [...new Set([ymd(year, b, a), ymd(year, a, b)].filter((d): d is string => d !== null))];
}

/**
 * Which reading of an undecidable numeric publication date ("06/04/2022" on an English page) the story's own text
 * supports: a report is written on or after the latest full date it names, and soon after, so the reading closest to
 * that date and not before it wins; with no date in the text, day first (as most of the world writes it).
 */
export function readingForText(readings: string[], text: string): string | null {
  if (readings.length <= 1) return readings[0] ?? null;
  const told = [chrono.en.strict, chrono.es.strict]
    .flatMap((parser) => parser.parse(text.slice(0, 20_000), new Date(), { forwardDate: false }))
    .filter((hit) => hit.start.isCertain('year') && hit.start.isCertain('month') && hit.start.isCertain('day'))
    .map((hit) => ymd(hit.start.get('year') ?? 0, hit.start.get('month') ?? 0, hit.start.get('day') ?? 0))
    .filter((d): d is string => d !== null);
  const latest = told.sort().at(-1);
  if (!latest) return readings[0]!;
  const distance = (d: string) => (Date.parse(d) - Date.parse(latest)) / 86_400_000;
  const after = readings.filter((d) => distance(d) >= 0).sort((x, y) => distance(x) - distance(y));
  return after[0] ?? readings.sort((x, y) => Math.abs(distance(x)) - Math.abs(distance(y)))[0]!;
}

/** True when the string is a numeric date whose day/month order cannot be told ("01/02/2023" on an English page). */
export function isUndecidedNumericDate(value: string, language?: string | null): boolean {
  const s = value.trim().replace(FILLER, '').replace(TRAILING_TIME, '').replace(LEADING_TIME, '').replace(/[\s,.;|–—-]+$/, '').trim();
  const m = SLASHED.exec(s);
  return m !== null && numericDate(Number(m[1]), Number(m[3]), fullYear(m[4]!), language) === undefined;
}

/**
 * A string that is nothing but a calendar date (with year, month and day) → `YYYY-MM-DD`.
 * "December 19, 2022", "MARCH 10, 2023", "10.01.2023", "3 de enero de 2023", "2023-01-03";
 * "11/05/2021 - 13:24" by the page's `language` (ISO 639-1), see `numericDate`.
 */
export function parseDateString(value: string, language?: string | null, onWeekday?: number): string | null {
  const s = value
    .trim()
    .replace(FILLER, '')
    .replace(/[\s,.;|–—-]+$/, '')
    .trim()
    // "12 de octubre del 2019": much of Latin America's press writes "del" before the year.
    .replace(/(\p{L})\s+del\s+((?:19|20)\d{2})\b/iu, '$1 de $2')
    // "mayo 12, 2021": a Spanish month written first, as English writes it.
    .replace(SPANISH_MONTH_FIRST, '$2 de $1 de $3');
  const weekday = weekdayBefore(s);
  if (weekday !== null) return parseDateString(s.replace(WEEKDAY_BEFORE, ''), language, weekday);
  if (!s || s.length > 60) return null;
  if (ISO_DATE.test(s) || ISO_DATETIME.test(s)) return normalizeIsoDate(s);
  const numeric = s.replace(TRAILING_TIME, '').replace(LEADING_TIME, '');
  const dayFirst = DAY_FIRST.exec(numeric);
  if (dayFirst) return ymd(fullYear(dayFirst[3]!), Number(dayFirst[2]), Number(dayFirst[1]));
  const yearFirst = YEAR_FIRST.exec(numeric);
  if (yearFirst) return ymd(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const slashed = SLASHED.exec(numeric);
  if (slashed) {
    const read = numericDate(Number(slashed[1]), Number(slashed[3]), fullYear(slashed[4]!), language);
    // "Sat, 03/04/2023": the weekday tells which reading the page meant
    const readings = read === undefined && onWeekday !== undefined ? numericReadings(numeric).filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === onWeekday) : [];
    return read ?? (readings.length === 1 ? readings[0]! : null);
  }

  for (const parser of [chrono.en.strict, chrono.es.strict]) {
    // (chrono reads "10:12 a. m." as part of the date, or stops inside it: the time is left out first)
    const [hit] = parser.parse(numeric, new Date(), { forwardDate: false });
    if (!hit) continue;
    const start = hit.start;
    if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
    // The date must be the whole string, bar a weekday, a time or punctuation around it.
    const rest = (numeric.slice(0, hit.index) + numeric.slice(hit.index + hit.text.length))
      .replace(/\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b/gi, '')
      .replace(/\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b|\b(utc|gmt|[ecmp][sd]t)\b|\bhrs?\b/gi, '')
      .replace(/[\s,.;:|()–—-]+/g, '');
    if (rest.length > 0) continue;
    return ymd(start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0);
  }
  return null;
}

const CUE = /^(?:posted|(?:first\s+)?published|issued|publicado|publicada|emitido|emitida|fecha de publicación|fecha)\b(?:\s+(?:on|el))?\s*:?\s*/i;

/**
 * A publication-date cue on a line of its own → ISO date, else null:
 * "Posted on May 1, 2023 by admin", "Publicado el 3 de enero de 2023", "Published: 2023-01-03",
 * or a line that is only a date. Sentences with a date in them return null.
 */
export function publicationDateCue(line: string, language?: string | null): string | null {
  const s = line.trim();
  if (s.length > 120) return null;
  const cue = CUE.exec(s);
  if (cue) {
    // "Posted on <date> by <author> | …": the date ends where the author or the next field starts.
    const rest = s.slice(cue[0].length).split(/\s+(?:by|por)\s+|\s+[|·•]\s+/i)[0] ?? '';
    return parseDateString(rest, language);
  }
  return parseDateString(s, language);
}

/** "Publicado el 13 de octubre de 2019", "Published: 2023-01-03": a date line that says it is the publication's, else null. */
export function cuedPublicationDate(line: string, language?: string | null): string | null {
  return CUE.test(line.trim()) ? publicationDateCue(line, language) : null;
}

// An encyclopedia's footer: "This page was last edited on 3 December 2024, at 14:12 (UTC)." / a page's own "Last
// updated: 12 October 2019" or "Última edición: 20 de julio de 2025" line, maybe with its time ("Actualizado el 12/03/2021 a las 10:45 h") /
// "Esta página se editó por última vez el 3 dic 2024 a las 14:12.", or the header of an old revision: "Revision as of
// 12:17, 2 August 2024 by …" / "Revisión del 12:17 2 ago 2024".
const LAST_EDITED = /^(?:(?:this\s+)?page\s+(?:was\s+)?)?last (?:edited|modified) on\s+(.{6,40}?)(?:,?\s+at\s+\d{1,2}:\d{2}.*)?\.?$|^(?:esta página se )?(?:editó|modificó) por última vez el\s+(.{6,40}?)(?:,?\s+a las\s+\d{1,2}:\d{2}.*)?\.?$|^(?:revision as of|revisi[oó]n (?:del|a fecha de))\s+\d{1,2}:\d{2},?\s+(\d{1,2}\s+\p{L}+\.?\s+\d{4})\b.*$|^(?:last\s+)?(?:updated|actualizado|actualizaci[oó]n)(?:\s+(?:on|el))?\s*:?\s*(.{6,40}?)(?:,?\s+(?:at|a las|[-–|])\s*\d{1,2}[:.h]\d{2}.*)?\.?$|^(?:[úu]ltima\s+(?:edici[oó]n|modificaci[oó]n|actualizaci[oó]n)|last\s+edit(?:ed)?)(?:\s+(?:on|el))?\s*:?\s*(.{6,40}?)(?:,?\s+(?:at|a las)\s+\d{1,2}[:.]\d{2}.*)?\.?$/iu;

/**
 * The last-edit date an encyclopedia prints about itself → ISO date, else null. It says when the page
 * last changed, not when its story was told: a publication date only for a page that has no other.
 */
export function lastEditedDate(line: string, language?: string | null): string | null {
  const trimmed = line.trim();
  const m = LAST_EDITED.exec(trimmed);
  const date = m?.slice(1).find((group) => group !== undefined);
  // (a numeric date in the order of the page's language: "Actualizado el 12/03/2021")
  if (date) return parseDateString(date, language);
  // A saved copy's header names its date in one of the pieces of the site's line: "From Wikipedia, the free
  // encyclopedia | version of 1 June 2025", "(revision of 8 April 2020)", "Offline snapshot of …, January 2024."
  if (trimmed.length > 160) return null;
  for (const piece of trimmed.split(/\s+[|·•]\s+|[()]/)) {
    const saved = SAVED_COPY.exec(piece.trim());
    const when = saved?.[1] ?? saved?.[2] ?? saved?.[3];
    if (when) return parseDateString(when) ?? wholeMonth(when);
    // (an encyclopedia's "last edited" only, not a news page's "updated" (group 4): "Updated 13 October 2019 |
    // Published 12 October 2019" is a byline)
    const edited = piece !== trimmed ? LAST_EDITED.exec(piece.trim()) : null;
    const editedWhen = edited ? (edited[1] ?? edited[2] ?? edited[3] ?? edited[5]) : undefined;
    if (editedWhen) return parseDateString(editedWhen);
  }
  return null;
}

// The date a page was saved or retrieved: "version of 1 June 2025", "Page as retrieved 4 March 2017", "archived on
// …", "consultado el 3 de mayo de 2020", "offline snapshot, February 2024", "snapshot of the English Wikipedia, July 2022".
const SAVED_COPY =
  /^(?:(?:stable|archived|saved|old|page)\s+)?(?:version|revision|versi[oó]n|revisi[oó]n)\s+(?:as\s+)?(?:of|from|dated|del|de)\s+(.{6,40}?)\.?$|^(?:(?:page|article|text)\s+)?(?:as\s+)?(?:retrieved|archived|captured|saved|consulted|consultad[oa]|recuperad[oa]|archivad[oa])(?:\s+(?:on|el))?\s+(.{6,40}?)\.?$|^(?:[\p{L} ]{0,20}\s)?snapshot\b[^,]{0,60},\s*(.{6,30}?)\.?$/iu;

/**
 * "February 2024": a page saved some day of that month, read as its last (ANNOTATION.md's month-only date; what the
 * page tells of that month is then not after its date).
 */
function wholeMonth(value: string): string | null {
  const m = /^(\p{L}+)\.?\s+(?:de\s+)?((?:19|20)\d{2})$/u.exec(value.trim());
  const month = m ? monthNumber(m[1]!) : null;
  return m && month ? new Date(Date.UTC(Number(m[2]), month, 0)).toISOString().slice(0, 10) : null;
}

// Month names and the abbreviations wires use, English and Spanish ("oct", "dic", "Sept.", "setiembre").
export const MONTH = Array.from({ length: 12 }, (_, i) => monthWords(i + 1))
  .flat()
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A wire dateline's date: the year is often left out ("BOGOTÁ, 3 may (EFE) —"). */
export interface DatelineDate {
  /** Null for a dateline that gives only the day ("MADRID, 27 (EUROPA PRESS)"). */
  month: number | null;
  day: number;
  year: number | null;
  /** Characters of the line the dateline takes ("BOGOTÁ, 3 may (EFE) —"). */
  length: number;
}

// The place: a city, in capitals ("SANTIAGO DE CHILE") or not ("Bogotá"), maybe with its country.
// ("EL ALTO (Bolivia), 19 nov (EFE).-": the country may follow in parentheses)
const PLACE = String.raw`[\p{Lu}][\p{L}.'’ -]{1,40}?(?:\s*\([\p{Lu}][\p{L}.'’ -]{1,30}\))?(?:,\s*[\p{Lu}][\p{L}.'’ -]{1,30}?)?`;
const DAY_MONTH = String.raw`(\d{1,2})\s+(?:de\s+)?(${MONTH})\.?(?:(?:,?\s+|\s+de\s+)(\d{4}))?`;
const MONTH_DAY = String.raw`(${MONTH})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?`;
// What closes a dateline: the agency in parentheses and/or a dash ("(EFE).-", "(Reuters) -", "—").
const AGENCY = String.raw`\s*\([^()\n]{2,30}\)\s*(?:\.?\s*[-–—]+|:)?`;
const DASH = String.raw`\s*\.?\s*[-–—]+`;
const WIRE_DATELINE = [
  new RegExp(String.raw`^${PLACE},\s+${DAY_MONTH}(?:${AGENCY}|${DASH})(?=\s|$)`, 'iu'),
  new RegExp(String.raw`^${PLACE},\s+${MONTH_DAY}(?:${AGENCY}|${DASH})(?=\s|$)`, 'iu'),
];
// A press release's dateline: the date in parentheses after the place ("GENEVA (23 September 2022) –",
// "Washington, D.C. (May 3, 2021) —", "Ginebra (3 de junio de 2024).-").
// A wire that gives only the day, closed by the agency: "MADRID, 27 (EUROPA PRESS)", "CARACAS, 3 (AFP) -".
const DAY_ONLY_DATELINE = new RegExp(String.raw`^${PLACE},\s+(\d{1,2})${AGENCY}(?=\s|$)`, 'u');
// ("GENEVA (22 November 2022)" on a line of its own closes with the line)
const RELEASE_DATELINE = [
  new RegExp(String.raw`^${PLACE}\s*\(\s*${DAY_MONTH}\s*\)(?:${DASH}(?=\s|$)|\s*$)`, 'iu'),
  new RegExp(String.raw`^${PLACE}\s*\(\s*${MONTH_DAY}\s*\)(?:${DASH}(?=\s|$)|\s*$)`, 'iu'),
];

/**
 * The date in a wire dateline opening a story's first line: "BOGOTÁ, 3 may (EFE) —",
 * "Bogotá, 15 dic (EFE).- Las protestas…", "NAIROBI, June 25 (Reuters) -". The dateline must close
 * with the agency in parentheses or a dash, so a sentence that merely starts with a place and a date
 * ("Quito, 22 de mayo, fue el día…") is not one. Null when the line opens with no dateline.
 */
export function wireDatelineDate(line: string): DatelineDate | null {
  const s = line.trim();
  const release = releaseDatelineDate(s);
  if (release) return release;
  const place = /^[^,]{2,60},/.exec(s)?.[0];
  // The place is a name: no digits, and in capitals or Title Case ("Santiago de Chile").
  if (!place || /\d/.test(place) || !/^[\p{Lu}]/u.test(place)) return null;
  const dayFirst = WIRE_DATELINE[0]!.exec(s);
  const monthFirst = dayFirst ? null : WIRE_DATELINE[1]!.exec(s);
  const [day, month, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  const length = (dayFirst ?? monthFirst)?.[0].length ?? 0;
  if (!dayFirst && !monthFirst) {
    const dayOnly = DAY_ONLY_DATELINE.exec(s);
    const d = Number(dayOnly?.[1]);
    return dayOnly && d >= 1 && d <= 31 ? { month: null, day: d, year: null, length: dayOnly[0].length } : null;
  }
  if (!day || !month) return null;
  const m = monthNumber(month);
  const d = Number(day);
  if (m < 1 || d < 1 || d > 31) return null;
  if (year) return ymd(Number(year), m, d) ? { month: m, day: d, year: Number(year), length } : null;
  // 29 February without a year could be right; any other impossible day is not a date.
  if (!ymd(2024, m, d)) return null;
  return { month: m, day: d, year: null, length };
}

/** "GENEVA (23 September 2022) –": a press release's place and full date, closed by a dash or the line's end. */
function releaseDatelineDate(s: string): DatelineDate | null {
  if (!/^\p{Lu}/u.test(s) || /^[^(]*\d/.test(s)) return null;
  const dayFirst = RELEASE_DATELINE[0]!.exec(s);
  const monthFirst = dayFirst ? null : RELEASE_DATELINE[1]!.exec(s);
  const hit = dayFirst ?? monthFirst;
  const [day, month, year] = dayFirst ? [dayFirst[1], dayFirst[2], dayFirst[3]] : monthFirst ? [monthFirst[2], monthFirst[1], monthFirst[3]] : [];
  if (!hit || !day || !month || !year) return null;
  const m = monthNumber(month);
  const d = Number(day);
  return ymd(Number(year), m, d) ? { month: m, day: d, year: Number(year), length: hit[0].length } : null;
}

/** `--MM-DD` (ISO 8601's date without a year) for a dateline that gives no year, `---DD` for one that gives only the day. */
export function yearlessDay(date: DatelineDate): string {
  return date.month === null ? `---${pad(date.day)}` : `--${pad(date.month)}-${pad(date.day)}`;
}

const WEEKDAY_NAMES = [
  ['sunday', 'domingo'],
  ['monday', 'lunes'],
  ['tuesday', 'martes'],
  ['wednesday', 'miércoles', 'miercoles'],
  ['thursday', 'jueves'],
  ['friday', 'viernes'],
  ['saturday', 'sábado', 'sabado'],
];
// The day a dispatch speaks from, named as today: "este lunes", "hoy martes", "this Wednesday".
const TODAY_WEEKDAY = new RegExp(String.raw`(?<![\p{L}])(?:este|esta|hoy|this|today,?)\s+(${WEEKDAY_NAMES.flat().join('|')})(?![\p{L}])`, 'giu');

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * The year of a dateline that gives none ("BOGOTÁ, 3 may (EFE)"), and the month too of one that gives only the day
 * ("MADRID, 27 (EUROPA PRESS)", `---27`), from what the text and its story tell: the candidates are the days from the
 * story's start (`after`) to the day it was read (`notAfter`), or without a story in the years the text names; a
 * day-only dateline keeps the months the text names, when it names some, the latest first; a weekday the text gives as
 * today ("este lunes", "this Tuesday", "el sábado 27") keeps those on which the day falls or which follow it by a day
 * (a wire tells the day before as "este viernes"); the earliest year left wins.
 * Null when nothing tells.
 */
export function yearOfDay(monthDay: string, text: string, opts: { after: string | null; notAfter: string }): string | null {
  const m = /^--(\d{2}|-)-?(\d{2})$/.exec(monthDay);
  if (!m) return null;
  const day = Number(m[2]);
  const last = opts.notAfter.slice(0, 10);
  const years = opts.after
    ? Array.from({ length: Number(last.slice(0, 4)) - Number(opts.after.slice(0, 4)) + 1 }, (_, i) => Number(opts.after!.slice(0, 4)) + i)
    : [...text.matchAll(/(?<![\d.,])(?:19|20)\d{2}(?![\d.,]\d)/g)].map((y) => Number(y[0]));
  const named = new Set([...text.matchAll(MONTH_NAME)].map((w) => monthNumber(w[0])).filter((n) => n > 0));
  const months = m[1] !== '-' ? [Number(m[1])] : named.size ? [...named] : Array.from({ length: 12 }, (_, i) => i + 1);
  const candidates = [...new Set(years)]
    .sort((a, b) => a - b)
    // (a day-only dateline's month: the latest the text names, as a report names the days before it was written)
    .flatMap((year) => months.sort((a, b) => b - a).map((month) => ymd(year, month, day)))
    .filter((date): date is string => date !== null && date <= last && (!opts.after || date >= opts.after));
  const weekdays = (matches: Iterable<RegExpMatchArray>) =>
    new Set([...matches].map((w) => WEEKDAY_NAMES.findIndex((names) => names.includes(w[1]!.toLowerCase()))));
  const today = weekdays(text.matchAll(TODAY_WEEKDAY));
  const ofTheDay = m[1] === '-' ? weekdays(text.matchAll(weekdayOfDay(day))) : new Set<number>();
  // (a dispatch names the day before as this week's too: "denunció este viernes" in Saturday's wire)
  const onWeekday = candidates.filter((date) => {
    const weekday = weekdayOf(date);
    return ofTheDay.has(weekday) || today.has(weekday) || today.has((weekday + 6) % 7);
  });
  return (onWeekday.length ? onWeekday : candidates)[0] ?? null;
}

// A month's name in running text ("marzo", "March"), for a dateline that gave only the day.
const MONTH_NAME = new RegExp(String.raw`(?<![\p{L}])(?:${Array.from({ length: 12 }, (_, i) => monthName(i + 1, 'en')).join('|')}|${Array.from({ length: 12 }, (_, i) => monthName(i + 1, 'es')).join('|')}|setiembre)(?![\p{L}])`, 'giu');

/** "el sábado 27", "Saturday 27": the weekday of the dateline's day, named beside it. */
function weekdayOfDay(day: number): RegExp {
  return new RegExp(String.raw`(?<![\p{L}])(${WEEKDAY_NAMES.flat().join('|')}),?\s+${day}(?![\d])`, 'giu');
}
