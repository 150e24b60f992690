// The calendar helper is src/core/calendar.ts; facts/dates.ts still imports it from here.
export { addDays, dayOf, iso, pad, periodEnd, utc } from '../core/calendar.ts';
