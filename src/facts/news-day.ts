// The day a document reports on, for counts that carry no date of their own: the publication day, the day before
// it when the article tells that day's events, or the day of a live blog's entry ("Domingo 20, 23:50 — …").
// Hand-written: it reads the date mentions of src/facts/dates.ts, which is Cronista's own.
import { addDays, RELEASED_BEFORE, type DateMention } from './dates.ts';
import { STATEMENT_DATE } from './figure-rules.ts';
import type { Sentence } from './sentences.ts';

/** "said on Tuesday", "un informe divulgado este miércoles": the day a count was told, not the day it describes. */
export function toldOn(sentence: string, d: DateMention): boolean {
  const before = sentence.slice(Math.max(0, d.start - 40), d.start);
  return STATEMENT_DATE.test(before) || RELEASED_BEFORE.test(before) || PUBLISHED_AT.test(sentence.slice(Math.max(0, d.start - 80), d.start));
}

/** "a report … launched at the Academy in the capital on Wednesday", "presentado en Ginebra este martes": the day a report came out. */
const PUBLISHED_AT = /\b(?:released|published|issued|presented|launched|unveiled|made public|publicó|presentó|difundió|divulgó|lanzó|dio a conocer|publicad[oa]|presentad[oa]|difundid[oa]|lanzad[oa])\s+(?:at|in|before|to|en|ante|a)\s[^,;.\d]{0,60}$/iu;

/**
 * The day the article reports on (`mentions`: each sentence's date mentions): its publication day, or the day before it
 * when the article tells what happened that day ("las manifestaciones de este jueves" in Friday's paper, "the report
 * covers events up to June 25"). The lead's day when it names one: the lead tells the news, and a later paragraph's
 * happening of the next day does not move it. A count with no date of its own describes that day, not the day it was printed.
 */
export function newsDayOf(sentences: Sentence[], mentions: DateMention[][], published: string | null): string | null {
  if (!published) return null;
  let latest: string | null = null;
  let lead: string | null | undefined;
  for (const [i, x] of sentences.entries()) {
    // (a live blog's entry header dates its entry, not the page: see entryDays)
    if (x.headline || isEntryHeader(x.text)) continue;
    let own: string | null = null;
    let told: string | null = null;
    for (const d of mentions[i] ?? []) {
      if (d.since || d.precision !== 'day' || d.date > published || d.date < addDays(published, -1)) continue;
      // (the day a count was told is not a day the article reports on: "denunciaron este viernes")
      if (toldOn(x.text, d)) told = d.date === published.slice(0, 10) ? d.date : told;
      else if (!own || d.date > own) own = d.date;
    }
    // the lead tells the news: what a later paragraph adds that day ("abrió este viernes una investigación") is no new news day
    // (a lead telling its news was told on the day of publication, "…, informó este viernes la Fiscalía" in Friday's paper,
    // reports on that day: a death "el jueves" further down is no news day of its own)
    if (lead === undefined) lead = own ?? told;
    if (own && (!latest || own > latest)) latest = own;
  }
  return lead ?? latest ?? published;
}

const WEEKDAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)`;
/**
 * A live blog's entry header: a time ("09:40 —", "6.55pm (Bogotá)", "10:00 a.m."), after a weekday and day of the
 * month when the entry is from an earlier day ("Domingo 20, 23:50 —", "Sunday 20, 11.50pm"), or after a numeric day and
 * month ("30/07 · 14.40 —").
 */
const ENTRY_HEADER = new RegExp(
  String.raw`^(?:${WEEKDAY}\s+(\d{1,2})(?:\s+(?:de\s+)?\p{L}+)?,?\s+|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\s*[·,|]?\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?|h\b|hrs\b)?\s*(?:\([^)]{1,30}\))?\s*(?:[—–-]|$)`,
  'iu',
);

/** Whether a sentence opens with a live blog's entry header. */
export function isEntryHeader(text: string): boolean {
  return ENTRY_HEADER.test(text.trim());
}

/**
 * Per sentence, the day of the live-blog entry it belongs to, or null outside any entry dated apart from the page: the
 * newest entries (time only) are the update's day; an entry headed by a weekday and day ("Domingo 20, 23:50") and
 * every time-only entry after it in the page belong to that day, until the next dated header.
 */
export function entryDays(sentences: Sentence[], published: string | null): (string | null)[] {
  let day: string | null = null;
  return sentences.map((x) => {
    const m = ENTRY_HEADER.exec(x.text.trim());
    if (m?.[1] && published) day = dayOfMonthBefore(Number(m[1]), published);
    // a time-only header before any dated one opens one of the newest entries: the update's own day
    else if (m && !day && published) day = published.slice(0, 10);
    return day;
  });
}

/** The latest date on or before `published` whose day of the month is `dayOfMonth`. */
function dayOfMonthBefore(dayOfMonth: number, published: string): string | null {
  if (dayOfMonth < 1 || dayOfMonth > 31) return null;
  for (let back = 0; back < 62; back++) {
    const d = addDays(published, -back);
    if (Number(d.slice(8, 10)) === dayOfMonth) return d;
  }
  return null;
}
