// The date a figure is as of: a period end in its clause, the day a count was taken, the clause's own dates, a report's
// period, the statement's day, an anniversary's story years, then the day the document reports on. Rules over the
// date mentions of src/facts/dates.ts (see the "Dates" bullet of NOTES.md); no library reads what day a count describes.
import { addDays, BACK_TO_EVENTS, BACK_TO_PERIOD, dayOf, periodEnd, spanEnd, storyDayCount, type DateMention, type StatedPeriod } from './dates.ts';
import type { NumberMention } from './numbers.ts';
import type { Precision, Scope } from './types.ts';
import { attributionOf } from './attribution.ts';
import { toldOn } from './news-day.ts';
import { ASIDE_VERB, maskAsides } from './sentences.ts';
import type { Context, Dated } from './figure-context.ts';
import * as R from './figure-rules.ts';

// A coordinated clause with a verb of its own: ", and Cali is bracing…", "; police said…", ", mientras el Gobierno ha…".
const OTHER_CLAUSE = /(?:;|,\s+(?:and|but|while|whereas|although|y|pero|mientras|aunque)\s)(?=[^,;]*?\b(?:is|are|was|were|has|have|had|will|said|says|dijo|dice|es|son|fue|fueron|está|están|ha|han)\b)/i;

// "arrested 230 suspects over the attacks that swept the country on May 09", "detenidos por los saqueos que se
// produjeron el domingo": a date in a relative clause of the reason given after the count dates that event, not the
// count (a count "during the marches that crossed the city on Thursday" is of that event: not this rule).
const REASON_RELATIVE = /^[^,;:]*?\b(?:over|for|after|following|por|tras)\s+(?:the|an?|los|las|la|el|unos|unas)\s+[^,;:]*?\s(?:that|which|que)\s[^,;:]*$/iu;

/** Whether the date `d`, after the count `n`, belongs to a relative clause of the count's reason (see REASON_RELATIVE). */
export function ofReason(s: string, n: NumberMention, d: DateMention): boolean {
  if (d.start <= n.end) return false;
  const between = s.slice(n.end, d.start);
  // ("…han perdido la vida en los disturbios que sacudieron el país a comienzos de enero": a month or a part of one in
  // the relative clause of the event is when that event happened, not the day the count stands at)
  return REASON_RELATIVE.test(between) || (d.precision !== 'day' && EVENT_RELATIVE.test(between)) || SHARE_AFTER_COUNT.test(between);
}
// ("had claimed 29 lives, most of them on April 10", "29 vidas, la mayoría el 10 de abril": the day a share of the count
// died, not the day the count stands at)
const SHARE_AFTER_COUNT = /^[^,;:]*,\s*(?:most|many|half|some|(?:the\s+)?majority)(?:\s+of\s+(?:them|whom|those))?\s+(?:(?:on|in|during)\s+(?:the\s+)?)?$|^[^,;:]*,\s*(?:la mayor[ií]a|la mayor parte|buena parte|muchos|muchas|la mitad)(?:\s+de\s+(?:ellos|ellas))?\s+(?:(?:el|en|durante)\s+(?:la\s+|el\s+)?)?$/iu;
const EVENT_RELATIVE = /^[^,;:]*?\b(?:in|during|en|durante)\s+(?:the|los|las|la|el)\s+[^,;:]*?\s(?:that|which|que)\s[^,;:]*$/iu;

// "las elecciones presidenciales del 28 de julio", "the July 28 presidential election", "the coup of 1 February": a date
// that names a vote or a coup is that event's, never the day a count stands at
const EVENT_NAMED_BEFORE = /\b(?:elecci[oó]n|elecciones|comicios|votaci[oó]n|balotaje|plebiscito|refer[eé]ndum|referendo|golpe(?: de estado)?|election|elections|vote|polls?|ballot|referendum|coup)(?:\s+\p{L}+){0,2}\s+(?:del?|of|on|celebrad[oa]s? el)\s+(?:(?:el|la|the)\s+)?(?:(?:pr[oó]xim[oa]|pasad[oa]|next|last)\s+)?$/iu;
// (and the arrest that set a story off: "a raíz del arresto el miércoles pasado del líder opositor", "after the arrest of
// Bobi Wine on Wednesday" — one arrest, in the singular; "arrests on Tuesday" are a count's)
const ARREST_NAMED_BEFORE = /\b(?:arresto|detenci[oó]n|captura|arrest|detention|capture)(?:\s+(?:of|de|del)\s+[\p{L} ]{1,40}?)?\s+(?:(?:on|el)\s+)?$/iu;
const EVENT_NAMED_AFTER = /^(?:['’]s)?(?:\s+[\p{Ll}-]+){0,2}\s+(?:election|elections|vote|polls?|ballot|referendum|coup|elecciones|comicios)\b/u;
export function namesVoteOrCoup(s: string, d: DateMention): boolean {
  const before = s.slice(Math.max(0, d.start - 60), d.start);
  return EVENT_NAMED_BEFORE.test(before) || ARREST_NAMED_BEFORE.test(before) || EVENT_NAMED_AFTER.test(s.slice(d.end, d.end + 50));
}

/** Day numbers listed right before a date: "del 26, 27 y " before "28 de junio", "on 5 and " before "6 June". */
const DAY_LIST_BEFORE = /(?:(?<![\d.,])\d{1,2}(?:\s*,\s*|\s+(?:y|e|and|&)\s+))+$/iu;
/** A count in digits, not a span of time or a share ("nine days", "40%"). */
const OTHER_COUNT = /(?<![\d.,])\d[\d.,]*(?![\d.,])(?!\s*(?:days?|weeks?|months?|years?|hours?|d[ií]as?|semanas?|meses|mes|años?|horas?|%|per ?cent|por ciento))/iu;

export function asOfFor(
  s: string, n: NumberMention, clause: [number, number], clauseDates: DateMention[], dates: DateMention[], scope: Scope, idx: number, ctx: Context,
  recentHours = false,
): { asOf: string | null; precision: Precision | null; fromCue: Dated } {
  const nearest = (list: DateMention[]) =>
    list.reduce<DateMention | null>((a, b) => (!a || Math.abs(b.start - n.start) < Math.abs(a.start - n.start) ? b : a), null);
  const own = (d: DateMention) => dated(d, idx, ctx, scope);
  const before = (d: DateMention, width: number) => s.slice(Math.max(0, d.start - width), d.start);
  // "…now stands at 24, and Cali is bracing for another night after Monday's violence": a date past a clause of
  // its own belongs to that clause's event, not to the count.
  const apart = (d: DateMention) => OTHER_CLAUSE.test(s.slice(Math.min(d.end, n.end), Math.max(d.start, n.start)));
  // "…at 24 nationwide, up from 19 two days ago": a date after an earlier value is that value's
  const ofEarlier = (d: DateMention) => d.start > n.end && R.EARLIER_VALUE_BETWEEN.test(s.slice(n.end, d.start));
  // "…has risen to 60, nine days after the commission put the toll at 50 on July 16": a date past another count is that count's
  // (digits of other dates are no counts: "entre el 16 de julio y el 4 de agosto")
  // (nor are ages in an aside: "Two protesters, ages 16 and 17, were killed on Feb. 20")
  const undated = dates.reduce((text, x) => text.slice(0, x.start) + ' '.repeat(x.end - x.start) + text.slice(x.end), maskAsides(s));
  // ("…durante las protestas del 26, 27 y 28 de junio": the days listed before a date are its own, not other counts)
  const pastOther = (d: DateMention) => {
    if (d.start <= n.end) return false;
    const between = undated.slice(n.end, d.start).replace(DAY_LIST_BEFORE, '');
    return /,/.test(between) && OTHER_COUNT.test(between);
  };
  const ownDates = clauseDates.filter((d) => !apart(d) && !ofEarlier(d) && !ofReason(s, n, d) && !pastOther(d));
  // A period end in the count's clause ("between April 28 and June 30", "hasta el 6 de junio"): the count covers the span.
  const closing = ownDates.filter((d) => d.closes).at(-1);
  if (closing) return own(closing);
  // The day a running count was taken ("as of Sunday night") beats the day it was announced ("on Monday").
  const asOfDay = nearest(ownDates.filter((d) => R.AS_OF_BEFORE.test(before(d, 20))));
  if (asOfDay) return own(asOfDay);
  // The clause's own dates; a statement's date ("said on Tuesday") only when no period tells more.
  const leading = dates.filter((d) => !d.since && d.end <= clause[0]);
  const hit = nearest(ownDates.filter((d) => !toldOn(s, d))) ?? (clauseDates.length ? null : leading.at(-1));
  if (hit) return own(hit);
  // "At around 10 a.m. that day, two bodies were discovered", "ese mismo día": the day the sentences just before named
  // (even the day something began: "the facts began on Friday 27 June")
  const pointer = clauseDates.length ? null : SAME_DAY.exec(s.slice(0, clause[1]));
  if (pointer && !dates.some((d) => d.start > pointer.index && d.start < n.start)) {
    const named = dayNamedBefore(pointer.index, dates, idx, ctx);
    if (named) return own(named);
  }
  // A period end elsewhere in the sentence.
  const sentenceEnd = dates.filter((d) => d.closes).at(-1);
  if (sentenceEnd) return own(sentenceEnd);
  const counted = storyDayCount(s.slice(clause[0], clause[1]), ctx.story?.start, ctx.published);
  if (counted?.precision === 'day') return { asOf: counted.date, precision: counted.precision, fromCue: 'own' };
  const announced = nearest(ownDates);
  const framed = announced || recentHours ? null : framingPeriod(s, n, idx, ctx);
  if (framed) return { asOf: framed.end, precision: framed.precision, fromCue: 'context' };
  if (scope !== 'incident' && !recentHours) {
    // ("in the two weeks of protests … This is cumulative data from June 18 to July 1": weeks or months counted
    // from the story start only approximate the day a report's stated period gives)
    const period = reportPeriod(s, n, clause, idx, ctx, announced !== null);
    if (period) return { asOf: period.end, precision: period.precision, fromCue: 'context' };
  }
  if (counted) return { asOf: counted.date, precision: counted.precision, fromCue: 'own' };
  // The day it was told is today's news even in an anniversary article: its year is not the story's.
  if (announced) return { asOf: announced.date, precision: announced.precision, fromCue: 'own' };
  if (scope === 'incident' && !recentHours) {
    const pub = dayOf(ctx.published);
    // "Protests flared again on Jan. 9 in Juliaca. Police said 17 were killed.": an explicit day in the last few
    // sentences dates the incident whatever its age; a weekday ("on Monday") only within the last ten days
    const explicit = (d: DateMention, i: number) => d.kind === 'explicit' && i >= idx - 3 && (!pub || d.date <= pub);
    // ("…en las marchas de este jueves, denunciaron este viernes…": the day it was told is not the incident's)
    const recent = ctx.dates.slice(Math.max(0, idx - 8), idx).flatMap((ds, k) => ds.map((d) => [d, Math.max(0, idx - 8) + k] as const))
      .filter(([d, i]) => !d.since && !toldOn(ctx.periods[i]?.text ?? '', d) && d.precision === 'day' && d.kind !== 'relative'
        && (explicit(d, i) || !pub || (d.date <= pub && d.date >= addDays(pub, -10))))
      .map(([d]) => d);
    const last = recent.at(-1);
    if (last) return { asOf: last.date, precision: 'day', fromCue: 'context' };
  }
  const pub = ctx.entryDays[idx] ?? ctx.newsDay ?? dayOf(ctx.published);
  return { asOf: pub, precision: pub ? 'day' : null, fromCue: false };
}

// "that day", "the same day", "ese mismo día", "esa noche": a pointer to the day just named.
const SAME_DAY = /\b(?:that (?:same )?(?:day|night|evening|morning)|the same (?:day|night)|on the same day|ese (?:mismo )?d[ií]a|el mismo d[ií]a|esa (?:misma )?(?:noche|jornada|tarde|ma[ñn]ana)|la misma jornada|aquel d[ií]a|aquella (?:noche|jornada))(?![\p{L}])/iu;
const SAME_DAY_REACH = 4;

/** The last day named before `at` in the sentence, else in the few sentences before it: what "that day" points to. */
function dayNamedBefore(at: number, dates: DateMention[], idx: number, ctx: Context): DateMention | null {
  const day = (d: DateMention) => d.precision === 'day' && (!d.since || d.began === true);
  const here = dates.filter((d) => d.end <= at && day(d)).at(-1);
  if (here) return here;
  for (let i = idx - 1; i >= Math.max(0, idx - SAME_DAY_REACH); i--) {
    const named = (ctx.dates[i] ?? []).filter(day).at(-1);
    if (named) return named;
  }
  return null;
}

// "The ministry also said…", "the commission also documented…", "según el informe", "la cartera reportó": a source named
// only by a definite noun that points back at the report already introduced, so its counts are that report's however
// many sentences on (a source named in full counts the same way, through `sameSource`; "la Comisión de la Verdad" is
// such a name, not a pointer).
const REPORT_ANAPHOR = /\b(?:the|its|this|that|el|la|dicho|dicha|este|esta|ese|esa|del|seg[uú]n (?:el|la))\s+(?:(?:same|mismo|misma)\s+)?(?:ministry|commission|report|update|tally|document|survey|study|office|ombudsman|ministerio|cartera|comisi[oó]n|informe|reporte|balance|documento|bolet[ií]n|organismo|entidad|defensor[ií]a)\b/giu;
const NAME_GOES_ON = /^\s+(?:(?:de|del|of|for|on)\s+(?:(?:la|el|los|the)\s+)?)?\p{Lu}/u;
const pointsBackToReport = (before: string) => [...before.matchAll(REPORT_ANAPHOR)].some((m) => !NAME_GOES_ON.test(before.slice(m.index + m[0].length)));

/**
 * The period that framed the events a count points back to ("the toll of these events", "en esas jornadas"), stated in
 * the sentences just before; the pointer may open the count's sentence or the one before it, when that one gives no
 * count ("The toll of these events is a heavy one. At least forty people were killed…").
 */
function framingPeriod(s: string, n: NumberMention, idx: number, ctx: Context): StatedPeriod | null {
  const leadIn = ctx.periods[idx - 1]?.text ?? '';
  if (!BACK_TO_EVENTS.test(s.slice(0, n.start)) && !(BACK_TO_EVENTS.test(leadIn) && !OTHER_COUNT.test(leadIn))) return null;
  return periodBefore(idx, idx - EVENTS_REACH, ctx);
}

/** The period stated in sentence `k`, its end placed in the story's years (`storyEra`), when it ends within the story. */
function periodAt(k: number, ctx: Context): StatedPeriod | null {
  const stated = ctx.periods[k]?.stated;
  if (!stated) return null;
  const end = storyEra(stated.end, stated.yearless, k, ctx);
  return (!ctx.story || end >= ctx.story.start) && (!ctx.published || end <= ctx.published) ? { ...stated, end } : null;
}

/** The nearest period stated before sentence `idx`, looking back to sentence `from` (`periodAt`). */
function periodBefore(idx: number, from: number, ctx: Context): StatedPeriod | null {
  for (let k = idx - 1; k >= Math.max(0, from); k--) {
    const back = periodAt(k, ctx);
    if (back) return back;
  }
  return null;
}

/** How many sentences back a period may frame the events a count points back to ("these events"). */
const EVENTS_REACH = 6;

/**
 * The period of the report a count without a date of its own comes from: the period stated in the last sentences
 * when the count says "in that period"; else the period a report, count or data set covers ("El informe abarca
 * … hasta la mañana de ayer", "covering the period up to May 24") nearest to the count in the document, when the
 * count names no other source.
 */
function reportPeriod(s: string, n: NumberMention, clause: [number, number], idx: number, ctx: Context, announced: boolean): StatedPeriod | null {
  // ("en el periodo", "in that period": the nearest period stated before, however far back)
  if (BACK_TO_PERIOD.test(s.slice(clause[0], clause[1]))) {
    const back = periodBefore(idx, 0, ctx);
    if (back) return back;
  }
  // A count another source gives is not the report's: its source must be named where the report is told.
  const source = attributionOf(s, n.start, ctx.story).attribution;
  const names = (source ?? '').split(/[\s,.'’()]+/).filter((w) => w.length >= 4 || /^\p{Lu}{3,}$/u.test(w)).map((w) => w.toLowerCase());
  const sameSource = (k: number) => {
    if (!source) return true;
    const window = ctx.periods.slice(Math.max(0, k - 2), k + 1).map((p) => p.text);
    const told = window.join(' ').toLowerCase();
    return names.some((w) => told.includes(w)) || window.some((t) => attributionOf(t, t.length, ctx.story).attribution === source);
  };
  const covering = (k: number) => {
    if (k >= ctx.periods.length) return null;
    const stated = periodAt(k, ctx);
    return stated?.coverage && sameSource(k) ? stated : null;
  };
  // A count announced on a day of its own ("said Tuesday that …") keeps that day unless the very next sentence tells
  // the period its report covers ("… dejó hasta ahora 20 muertos, según el balance que difundió este martes. El
  // informe abarca los hechos … hasta la mañana de ayer").
  if (announced) return covering(idx + 1);
  // Otherwise the report the count comes from was introduced before it, or explained after it: anywhere in the
  // story for a count credited to the report's source, in the next few sentences for one credited to no one.
  const reach = names.length || pointsBackToReport(s.slice(0, n.start)) ? ctx.periods.length : 3;
  for (let k = idx - 1; k >= Math.max(0, idx - reach); k--) {
    const stated = covering(k);
    if (stated) return stated;
  }
  for (let k = idx + 1; k < Math.min(ctx.periods.length, idx + 1 + reach); k++) {
    const stated = covering(k);
    if (stated) return stated;
  }
  return null;
}

/**
 * An anniversary article's dates: a year-less date ("entre el 19 y el 22 de abril") told next to the story's own
 * years ("abril de 2018"), in an article published long after the story began, belongs to the story's first year,
 * not to the year before publication.
 */
function storyEra(date: string, yearless: boolean, idx: number, ctx: Context): string {
  const start = ctx.story?.start;
  const pub = ctx.published;
  if (!start || !pub || !yearless || pub < addDays(start, 300) || date < addDays(start, 300)) return date;
  const nearby = ctx.periods.slice(Math.max(0, idx - 1), idx + 1).map((p) => p.text).join(' ');
  const years = [...nearby.matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => Number(m[1]));
  const startYear = Number(start.slice(0, 4));
  if (!years.some((y) => y >= startYear && y <= startYear + 1) || years.some((y) => y >= Number(pub.slice(0, 4)))) return date;
  const shifted = `${startYear}${date.slice(4)}`;
  return shifted >= start ? shifted : `${startYear + 1}${date.slice(4)}`;
}

/** A date of the count's own words, its year placed by `storyEra`. */
function dated(d: DateMention, idx: number, ctx: Context, scope?: Scope): { asOf: string; precision: Precision; fromCue: Dated } {
  // "killed in the protests last month": a running count as of a month is as of its last day (not past publication);
  // "late January" keeps the day it names
  const monthEnd = () => {
    const end = periodEnd(d.date, 'month');
    return ctx.published && end > ctx.published ? ctx.published : end;
  };
  const date = d.closes ? spanEnd(d, ctx.published) : d.precision === 'month' && scope && scope !== 'incident' && !/\b(?:late|early|mid|end|finales|fines|principios|mediados|comienzos)\b/i.test(d.text) ? monthEnd() : d.date;
  const yearless = d.kind !== 'weekday' && d.kind !== 'relative' && !/\b(?:19|20)\d{2}\b/.test(d.text);
  // "Tras las protestas del 10 de agosto, …" in a statement a year later that names "el 10 de agosto de 2022" elsewhere:
  // the same day, told with its year in the same document, gives it
  const toldWithYear = yearless && d.precision === 'day' ? sameDayWithYear(date, ctx) : null;
  return { asOf: toldWithYear ?? storyEra(date, yearless, idx, ctx), precision: d.precision, fromCue: 'own' };
}

/** A date's text that names its year. */
const WITH_YEAR = /\b(?:19|20)\d{2}\b/;

/** The date of a day of the document told with its year ("10 de agosto de 2022") whose month and day are `date`'s. */
function sameDayWithYear(date: string, ctx: Context): string | null {
  const told = ctx.dates.flat().find((m) => m.precision === 'day' && m.kind === 'explicit' && WITH_YEAR.test(m.text) && m.date.slice(5) === date.slice(5));
  return told && told.date !== date ? told.date : null;
}

/**
 * A page with no publication date of its own (or an encyclopedia page) tells its story in order: in "On 17 January 2011
 * the minister announced 78 dead. On 1 February a UN mission reported at least 219", the day told without a year is in
 * the year of the last day told with one before it, not in the year the page's stand-in date would give it (the
 * infobox's span end, 14 January 2011, put it in 2010, before the story began).
 */
export function withNarrativeYears(mentions: DateMention[][]): DateMention[][] {
  let year: string | null = null;
  return mentions.map((own) =>
    own.map((m) => {
      const yearless = m.kind === 'explicit' && m.precision === 'day' && !WITH_YEAR.test(m.text);
      if (!yearless) {
        if (m.kind === 'explicit' && m.precision === 'day') year = m.date.slice(0, 4);
        return m;
      }
      return year && m.date.slice(0, 4) !== year ? { ...m, date: `${year}${m.date.slice(4)}` } : m;
    }),
  );
}

/** ", murieron", ", were killed": the sentence's verb after an aside of parts. */
const RESUMES = new RegExp(String.raw`,\s+${ASIDE_VERB}`, 'iu');

/**
 * Where the parts told after a count run, [start, end) (both -1 when none): from "entre ellos", "including"… to the
 * clause's end, or to where the sentence resumes with its verb ("Diez personas, entre ellas dos adolescentes, murieron
 * este domingo"). A day told there is a part's ("…, entre ellos Roman Bondarenko, que falleció el 12 de noviembre").
 */
export function partsAfter(s: string, countEnd: number, clauseEnd: number): [number, number] {
  const parts = R.PARTS_FOLLOW.exec(s.slice(countEnd, clauseEnd));
  if (!parts) return [-1, -1];
  const from = countEnd + parts.index + parts[0].length;
  const resumes = RESUMES.exec(s.slice(from, clauseEnd));
  return [countEnd + parts.index, resumes ? from + resumes.index : clauseEnd];
}
