// Calendar arithmetic on YYYY-MM-DD strings (UTC, no time zones).
import type { Precision } from './types.ts';

export const pad = (n: number) => String(n).padStart(2, '0');
export const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}
/** The last day a date of this precision can mean (2022-07-01/year → 2022-12-31): for "is it before X?" tests. */
export function periodEnd(date: string, precision: Precision): string {
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
