/**
 * The calendar helper: month names (English and Spanish, with the abbreviations news text uses), zero
 * padding, ISO days (YYYY-MM-DD) and arithmetic on them, in UTC (no time zones), and the two ways answers
 * write a day. Every layer reads month names and builds ISO days through this module; only
 * src/facts/dates.ts keeps its own month patterns (regular expressions that read dates in sentences).
 */

interface Month {
  en: string;
  es: string;
  /** Lower-case forms wires and bylines also use ("Sept.", "setiembre", "dic"). */
  other: readonly string[];
}

/** Index 0 is January. */
const MONTHS: readonly Month[] = [
  { en: 'January', es: 'enero', other: ['jan', 'ene'] },
  { en: 'February', es: 'febrero', other: ['feb'] },
  { en: 'March', es: 'marzo', other: ['mar'] },
  { en: 'April', es: 'abril', other: ['apr', 'abr'] },
  { en: 'May', es: 'mayo', other: [] },
  { en: 'June', es: 'junio', other: ['jun'] },
  { en: 'July', es: 'julio', other: ['jul'] },
  { en: 'August', es: 'agosto', other: ['aug', 'ago'] },
  { en: 'September', es: 'septiembre', other: ['sep', 'sept', 'setiembre', 'set'] },
  { en: 'October', es: 'octubre', other: ['oct'] },
  { en: 'November', es: 'noviembre', other: ['nov'] },
  { en: 'December', es: 'diciembre', other: ['dec', 'dic'] },
];

/** A month's name (1 = January): "January", "enero". */
export function monthName(month: number, language: 'en' | 'es' = 'en'): string {
  return MONTHS[month - 1]![language];
}

/** Its three-letter short form: "Jan" (English, capitalized as written in answers), "ene" (Spanish, lower case). */
export function monthShortName(month: number, language: 'en' | 'es' = 'en'): string {
  return monthName(month, language).slice(0, 3);
}

/** Every lower-case word for a month, English and Spanish: names and abbreviations ("january", "jan", "enero", "ene"). */
export function monthWords(month: number): string[] {
  const { en, es, other } = MONTHS[month - 1]!;
  return [en.toLowerCase(), es, ...other];
}

/** The month (1–12) a word names, English or Spanish, full or abbreviated, a final dot allowed; 0 when none. */
export function monthNumber(word: string): number {
  const key = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((_, index) => monthWords(index + 1).includes(key)) + 1;
}

/** Two digits: 7 → "07". */
export const pad = (n: number) => String(n).padStart(2, '0');

/** "2023-01-09" from its parts (month 1–12); no validity check. */
export const isoDay = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The UTC day of a Date as YYYY-MM-DD. */
export const iso = (d: Date) => isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

/** Midnight UTC of a day (month 1–12; out-of-range days roll over, as Date.UTC does). */
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Days in a month (1–12) of a year. */
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The last day a date of this precision can mean (2022-07-01/year → 2022-12-31): for "is it before X?" tests. */
export function periodEnd(date: string, precision: 'day' | 'week' | 'month' | 'year'): string {
  if (precision === 'year') return `${date.slice(0, 4)}-12-31`;
  if (precision === 'month') return addDays(iso(utc(Number(date.slice(0, 4)), Number(date.slice(5, 7)) + 1, 1)), -1);
  if (precision === 'week') return addDays(date, 6);
  return date;
}

/** The YYYY-MM-DD part of an ISO date-time, or null. */
export function dayOf(published: string | null): string | null {
  const m = published?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** "Jan 9, 2023" (digests, timelines). */
export function monthDayYear(day: string): string {
  const [year, month, date] = day.split('-');
  return `${monthShortName(Number(month))} ${Number(date)}, ${year}`;
}

/** "9 Jan 2023" (charts). */
export function dayMonthYear(day: string): string {
  const [year, month, date] = day.split('-');
  return `${Number(date)} ${monthShortName(Number(month))} ${year}`;
}
