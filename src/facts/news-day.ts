// The day a document reports on, for counts that carry no date of their own: the publication day, the day before
// it when the article tells that day's events, or the day of a live blog's entry ("Domingo 20, 23:50 — …").
// Hand-written: it reads the date mentions of src/facts/dates.ts, which is Cronista's own.
import { addDays, findDateMentions, MONTH_RE, monthOf, RELEASED_BEFORE, WEEKDAY_RE, type DateMention } from './dates.ts';
import { pad } from './calendar.ts';
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

// A clock time as a live blog's entry header gives it: "09:40", "6.55pm", "10:00 a.m.", "09:46 UTC", "19:40 BST (Dhaka
// time)", "16:20 (hora peninsular)".
const TIME = String.raw`\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?|h\b|hs\b|hrs\b)?(?:\s*(?:UTC|GMT|BST|CEST|CET|EEST|EET|EST|EDT|CST|CDT|PST|PDT|ET|PT|EAT|CAT|WAT|IST|MSK)(?:\s*[+-]\d{1,2})?)?\s*(?:\([^)]{1,30}\))?`;
// The day an entry from an earlier day is headed with: a weekday and day of the month ("Domingo 20", "Monday 18
// November"), a day and month ("12 de julio"), or a numeric day and month ("30/07").
const ENTRY_DAY = String.raw`(?:${WEEKDAY_RE},?\s+(\d{1,2})(?:\s+(?:de\s+)?(${MONTH_RE}))?|(\d{1,2})\s+(?:de\s+)?(${MONTH_RE})|(\d{1,2})\/(\d{1,2})(?:\/\d{2,4})?)`;
/**
 * A live blog's entry header: a time ("09:40 —", "6.55pm (Bogotá)", "09:46 UTC –"), after the entry's day when it is
 * from an earlier day ("Domingo 20, 23:50 —", "12 de julio, 9:45 a.m. –", "30/07 · 14.40 —"); or a day with its month
 * and no time, before a dash ("Monday 18 November – What we know").
 */
const ENTRY_HEADER = new RegExp(
  String.raw`^(?:(?:${ENTRY_DAY}(?:,?\s+|\s*[·,|]\s*))?${TIME}\s*(?:[—–-]|$)|${ENTRY_DAY}\s*[—–-]\s)`,
  'iu',
);

/** Whether a sentence opens with a live blog's entry header. */
export function isEntryHeader(text: string): boolean {
  return ENTRY_HEADER.test(text.trim());
}

/** The day an entry header names, placed on or before `published`, or null for a time alone. */
function headerDay(m: RegExpExecArray, published: string): string | null {
  const day = Number(m[1] ?? m[3] ?? m[5] ?? m[7] ?? m[9] ?? m[11]);
  if (!day) return null;
  const monthWord = m[2] ?? m[4] ?? m[8] ?? m[10];
  const month = monthWord ? monthOf(monthWord) : m[6] ?? m[12] ? Number(m[6] ?? m[12]) : null;
  if (!month) return dayOfMonthBefore(day, published);
  // (a day just after `published` is the page's clock past midnight: the page's day — see liveBlogUpdate)
  const today = published.slice(0, 10);
  for (let year = Number(today.slice(0, 4)); year >= Number(today.slice(0, 4)) - 1; year--) {
    const date = `${year}-${pad(month)}-${pad(day)}`;
    if (addDays(date, 0) !== date) continue;
    if (date <= today) return date;
    if (date <= addDays(today, 1)) return today;
  }
  return null;
}

/**
 * Per sentence, the day of the live-blog entry it belongs to, or null outside any entry dated apart from the page: the
 * newest entries (time only) are the update's day; an entry headed by its day ("Domingo 20, 23:50", "Monday 18
 * November –") and every time-only entry after it in the page belong to that day, until the next dated header.
 */
export function entryDays(sentences: Sentence[], published: string | null): (string | null)[] {
  let day: string | null = null;
  return sentences.map((x) => {
    const m = ENTRY_HEADER.exec(x.text.trim());
    const named = m && published ? headerDay(m, published) : null;
    if (named) day = named;
    // a time-only header before any dated one opens one of the newest entries: the update's own day
    else if (m && !day && published) day = published.slice(0, 10);
    return day;
  });
}

// "Last updated Wednesday, 20 November 2019, 09:46 UTC", "Actualizado el 31/07/2017 a las 05.52h", "Última
// actualización: lunes 21 de octubre de 2019": a page's update line or byline field.
const UPDATED = /(?:^|[|·•–—]\s*)(?:last\s+updated|updated|[uú]ltima\s+actualizaci[oó]n|actualizado|actualizaci[oó]n)\b\s*:?\s*(?:on\s+|el\s+)?(.{6,80})/iu;

/**
 * The day a live blog was last updated, when its head says so and it is after `published` (a page first published on
 * Monday and updated on Wednesday): its newest entries are that day's, and their relative dates count from it. Null for
 * a page with fewer than two entry headers (an article's update is a correction, not news of a later day) or a stated
 * update more than a month later.
 */
export function liveBlogUpdate(text: string, published: string | null): string | null {
  if (!published) return null;
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.filter((line) => ENTRY_HEADER.test(line)).length < 2) return null;
  for (const line of lines.slice(0, 8)) {
    const m = UPDATED.exec(line);
    const date = m ? findDateMentions(m[1]!, published).find((d) => d.kind === 'explicit' && d.precision === 'day' && /\b(?:19|20)\d{2}\b/.test(d.text)) : undefined;
    // (one updated into the next day is still that day's: its night entries are often stamped in the outlet's time zone,
    // past midnight, while the story's day has not ended)
    if (date && date.date > addDays(published, 1) && date.date <= addDays(published, 31)) return date.date;
  }
  return null;
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
