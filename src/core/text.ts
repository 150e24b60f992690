import { daysInMonth, monthName } from './calendar.ts';

/** "1 document", "3 documents": a count with its noun, singular for one. */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** At most `max` characters of what a user gave, on one line: what an error may quote back. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/**
 * Why `text` (YYYY-MM-DD or YYYY-MM) is not a calendar date, or null when it is one:
 * "February 2023 has 28 days", "there is no month 13".
 */
export function calendarProblem(text: string): string | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!match) return 'use YYYY-MM-DD or YYYY-MM';
  const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] === undefined ? 1 : Number(match[3])];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${monthName(month)} ${year} has ${days} days`;
  return null;
}
