// Infobox rows as figures: "Death(s): 60+ (KNCHR); 42 (Government, as of 26 September 2024)", "Injuries 898+ (as of
// 26 September 2022)", or a "Deaths" label line with "• …" value lines under it. An encyclopedia infobox states its
// counts as label + value, not in sentences, so the sentence rules cannot read them. Hand-written: no library reads
// infobox rows from page text.
import { findDateMentions, periodEnd, type DateMention } from './dates.ts';
import { findNumbers, type NumberMention } from './numbers.ts';
import { GROUP_AFTER, VICTIM_GROUP } from './figure-rules.ts';
import type { ExtractedFigure, FigureKind, Qualifier, Scope } from './types.ts';

interface Row {
  label: Label;
  values: string[];
  lines: string[];
  /** Who the row's label says counted: "Deaths (Health Ministry)". */
  counter?: string | null;
}

interface Label {
  kind: FigureKind;
  /** Executions are deaths by one cause: a part of the toll. */
  scope: Scope;
}

// ("Total deaths", "Number of deaths", "People arrested", "Personas heridas": the same labels with a noun around them)
const AROUND = String.raw`(?:(?:total|overall|number of|n[uú]mero de|people|persons|personas|total de)\s+)?`;
const AFTER = String.raw`(?:\s+(?:people|persons|personas|total))?`;
const LABELS: [RegExp, Label][] = [
  [new RegExp(String.raw`^${AROUND}(?:death\(s\)|deaths?|killed|dead|fatalities|muerte\(s\)|muertes|muertos|fallecid[oa]s|v[ií]ctimas mortales)${AFTER}$`, 'iu'), { kind: 'deaths', scope: 'cumulative' }],
  [/^(?:executed|executions|ejecutados|ejecuciones)$/iu, { kind: 'deaths', scope: 'subset' }],
  [new RegExp(String.raw`^${AROUND}(?:injuries|injured|wounded|heridos|heridas|lesionad[oa]s|lesiones)${AFTER}$`, 'iu'), { kind: 'injured', scope: 'cumulative' }],
  [new RegExp(String.raw`^${AROUND}(?:arrested|arrests|detained|detentions|detainees|detenid[oa]s|detenciones|arrestad[oa]s)${AFTER}$`, 'iu'), { kind: 'detained', scope: 'cumulative' }],
];
// "Deaths: 44", "Deaths | 44", "Deaths (protesters) 44", "Injured people\t300+"
// (the longest label first: "Injured people: 300"; then shorter: "Deaths At least 44")
const ROWS = [
  /^([\p{L}()]+(?:\s[\p{L}()]+){0,2})(?:\s*\(([^()\d]{2,60})\))?\s*(?:[:：|]\s*|\s+)(\S.*)$/u,
  /^([\p{L}()]+(?:\s[\p{L}()]+){0,2}?)(?:\s*\(([^()\d]{2,60})\))?\s*(?:[:：|]\s*|\s+)(\S.*)$/u,
];
// A label's or value's group: "(protesters)", "44 protesters", "3 police officers": who, of all the dead, these were.
const GROUP = new RegExp(String.raw`^(?:protesters|demonstrators|manifestantes|${VICTIM_GROUP})(?![\p{L}])`, 'iu');
// A label's bracket that is a group and nothing else: "Deaths (protesters)", not "Deaths (Health Ministry)"
const GROUP_ONLY = new RegExp(String.raw`^(?:protesters|demonstrators|manifestantes|${VICTIM_GROUP})$`, 'iu');
// A value line under a bare label: it opens with its count, maybe after a qualifier ("At least 44", "Más de 300", "~40").
const VALUE_LINE = /^(?:(?:at least|more than|over|about|around|approximately|almost|nearly|up to|as many as|some|al menos|por lo menos|m[aá]s de|cerca de|alrededor de|casi|hasta|unos|unas|c\.|ca\.)\s+|[~+≈>]\s*)?\d/iu;
/** A row's value that starts with its count: "60+ (KNCHR)", "At least 488 protesters …", not a sentence about deaths. */
const STARTS_WITH_COUNT = /^(?:[\p{L} ]{0,20}|[~+≈>]\s*)?\d/u;
const BULLET = /^\s*[•*·▪–-]\s*/;
const QUALIFIER_BEFORE: [RegExp, Qualifier][] = [
  [/\b(?:at least|al menos|por lo menos)\s*$/i, 'at_least'],
  [/(?:\b(?:more than|over|m[aá]s de)|[+>])\s*$/i, 'more_than'],
  [/\b(?:as many as|up to|hasta)\s*$/i, 'up_to'],
  [/(?:\b(?:about|around|some|approximately|cerca de|alrededor de|unos|unas|c\.|ca\.)|[~≈])\s*$/i, 'approximately'],
  [/\b(?:almost|nearly|casi)\s*$/i, 'almost'],
];
// "in 25 out of 31 provinces", "across 134 cities": numbers of places or other things inside a value
const NOT_A_COUNT_AFTER = /^\s*(?:out of|of\s+\d|provinces|cities|towns|universities|counties|regions|departments|days|months|years|provincias|ciudades|departamentos|d[ií]as|meses|a[ñn]os)\b/i;
// "517 protesters, …, as well as 68 security force members": two groups, each a part of the whole
const TWO_GROUPS = /\b(?:as well as|and|y|además de)\s+(?:\d[\d.,]*)\s+(?:security|police|soldiers|members|officers|agentes|polic[ií]as|miembros)/i;
const PART_BEFORE = /\b(?:including|among them|incl\.|incluidos|incluidas|entre ellos|entre ellas|as well as|además de)\s+(?:(?:at least|more than|over|al menos|m[aá]s de)\s+)?$/i;

// "Casualties and losses" / "Bajas": the heading of a box's casualty rows, under which a row may be one side of the
// conflict with its counts told by their words ("Kazakh opposition / protesters: 238 killed; 9,900+ arrested",
// "Gobierno: 133 policías heridos")
const CASUALTIES_HEADING = /^(?:casualties(?: and losses)?|losses|bajas|v[ií]ctimas|p[eé]rdidas|muertos y heridos)$/iu;
const SIDE_ROW = /^([^:：|\d]{2,60}\d?)[:：|]\s*(\S.*)$/u;
// "Casualties (government side): 15 killed", "Casualties2: 50+ killed": one side's row, with no heading above it
const SIDE_LABEL = /^(?:casualties|losses|bajas|p[eé]rdidas)\s*(?:\d|\([^()\d]{1,40}\))?\s*[:：|]/iu;
const SIDE_KINDS: [RegExp, Label][] = [
  [/^(?:killed|dead|deaths?|fatalities|muert[oa]s|fallecid[oa]s|asesinad[oa]s)$/iu, { kind: 'deaths', scope: 'subset' }],
  [/^(?:injured|wounded|heridos|heridas|lesionad[oa]s)$/iu, { kind: 'injured', scope: 'subset' }],
  // (arrests fall on the side the state arrests: that side's count is all the arrests)
  [/^(?:arrested|detained|arrests|captured|detenid[oa]s|arrestad[oa]s|capturad[oa]s)$/iu, { kind: 'detained', scope: 'cumulative' }],
];

/**
 * One side's row of a casualties section: each value with its count's kind from the word after it (past a group:
 * "133 policías heridos"). A side's deaths and injuries are a part of all of them.
 */
function sideRows(line: string): Row[] {
  const m = SIDE_ROW.exec(line);
  if (!m || labelOf(m[1]!)) return [];
  const out: Row[] = [];
  for (const value of m[2]!.split(/;\s*/)) {
    // the words after the count (or after a range's second bound: "Entre 8 y 11 muertos"), a group maybe first
    const after = /^(?:[\p{L} ]{0,20}?\s)?[~+≈>]?\s*\d[\d.,]*\+?(?:\s*(?:[–-]|to|y|a)\s*\d[\d.,]*\+?)?\s+(.*)$/u.exec(value.replace(/\[\w+\]/g, ''))?.[1];
    const words = after?.split(/\s+/).slice(0, 3) ?? [];
    const at = words.findIndex((word) => SIDE_KINDS.some(([re]) => re.test(word)));
    const label = at >= 0 ? SIDE_KINDS.find(([re]) => re.test(words[at]!))![1] : undefined;
    if (label && (at === 0 || GROUP.test(words.slice(0, at).join(' ')))) out.push({ label, values: [value], lines: [line] });
  }
  return out;
}

/** "Casualties and losses (protesters):", "Bajas (Gobierno):": the heading of one side's labelled counts. */
const SIDE_HEADING = /^(?:casualties(?: and losses)?|losses|bajas|p[eé]rdidas|v[ií]ctimas)\s*\([^()\d]{1,40}\)\s*[:：]\s*/iu;
/**
 * A side's row whose value is labelled fields ("Casualties and losses (government forces): Deaths: 13 | Injured: 272 |
 * Captured: 67"): a row per field, its kind from its label — a side's deaths and injuries a part of all of them, its
 * arrests all the arrests (as SIDE_KINDS). Empty when the line is not one.
 */
function labelledSideFields(line: string): Row[] {
  const heading = SIDE_HEADING.exec(line);
  if (!heading) return [];
  const out: Row[] = [];
  for (const field of line.slice(heading[0].length).split(/\s+\|\s+|;\s*/)) {
    const m = /^([\p{L} ]{2,30}?)\s*[:：]\s*(\S.*)$/u.exec(field.trim());
    const side = m && SIDE_KINDS.find(([re]) => re.test(m[1]!.trim()))?.[1];
    const label = side ?? (m ? labelOf(m[1]!) : null);
    if (!m || !label || !STARTS_WITH_COUNT.test(m[2]!)) return [];
    out.push({ label: label.kind === 'detained' ? label : { ...label, scope: 'subset' }, values: [m[2]!], lines: [line] });
  }
  return out;
}

const BREAKDOWN_BEFORE = /^\s*\p{L}*\s*[–—:]\s*(?:[^;()]*,\s*|[^;()]*\b(?:and|y)\s+)?$/u;
const BETWEEN = /\b(?:between|entre)\s*$/iu;
const RANGE_DASH = /^\+?\s*[–-]\s*$/u;
const RANGE_WORD = /^\+?\s*(?:[–-]|and|y|to|a)\s*$/iu;

function labelOf(text: string): Label | null {
  for (const [re, label] of LABELS) if (re.test(text.trim())) return label;
  return null;
}

/** The lines of an infobox row: the values after the label on its line, or the bullet lines under a bare label. */
function rows(text: string): Row[] {
  const lines = text.split('\n');
  const out: Row[] = [];
  let inCasualties = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (CASUALTIES_HEADING.test(line)) inCasualties = true;
    else if (!line) inCasualties = false;
    const bare = labelOf(line);
    if (bare) {
      const values: string[] = [];
      const used = [line];
      for (let j = i + 1; j < lines.length && values.length < 8; j++) {
        const next = lines[j]!.trim();
        if (!next) continue;
        if (!BULLET.test(next) && !VALUE_LINE.test(next)) break;
        values.push(next.replace(BULLET, ''));
        used.push(next);
        i = j;
      }
      if (values.length) out.push({ label: bare, values, lines: used });
      continue;
    }
    // "Casualties and losses (protesters): Deaths: 108 | Injured: 1,100+ | Arrested: 77": one side's labelled counts
    const sideFields = labelledSideFields(line);
    if (sideFields.length) {
      out.push(...sideFields);
      continue;
    }
    const row = ROWS.map((re) => re.exec(line)).find((m) => m && labelOf(m[1]!)) ?? null;
    const found = row ? labelOf(row[1]!) : null;
    // "Deaths (protesters): 44": a group in the label makes the row a part of the toll
    const label = found && row?.[2] && GROUP_ONLY.test(row[2].trim()) ? { ...found, scope: 'subset' as Scope } : found;
    // "Deaths (Health Ministry): 638 killed": who counted, for every value that names no one of its own
    const counter = row?.[2] && !GROUP_ONLY.test(row[2].trim()) ? row[2].trim() : null;
    if (row && label && line.length < 400 && STARTS_WITH_COUNT.test(row[3]!)) out.push({ label, values: row[3]!.split(/;\s*/), lines: [line], counter });
    else if (!label && (inCasualties || SIDE_LABEL.test(line)) && line.length < 400) out.push(...sideRows(line));
  }
  return out;
}

function qualifierOf(before: string, n: NumberMention): Qualifier {
  if (n.plus) return 'more_than';
  for (const [re, q] of QUALIFIER_BEFORE) if (re.test(before)) return q;
  return 'exact';
}

/** "(Government, as of 26 September 2024)", "(KNCHR, 18 June – 20 November 2024)": who counted and when. */
function annotations(value: string, published: string | null): { attribution: string | null; asOf: string | null } {
  const dates = findDateMentions(value, published).filter((d) => d.precision === 'day' || d.precision === 'month');
  const last = dates.at(-1);
  const paren = /\(([^()]*)\)/.exec(value)?.[1] ?? '';
  const first = paren.split(',')[0]!.trim();
  const attribution = first && !/\d/.test(first) && !/^as of\b/i.test(first) ? first : null;
  // "as of February 2020": the month's last day
  return { attribution, asOf: last ? periodEnd(last.date, last.precision) : published };
}

// "Date: 31 March 2017 – 12 August 2017 (134 days); December 2017 (sporadic)", "Fecha | 2 – 13 de octubre de 2019"
const DATE_ROW = /^(?:dates?|fechas?)\s*(?:[:：|\t]\s*|\s+)(\S.*)$/imu;
const STILL_OPEN = /\b(?:present|ongoing|now|presente|actualidad|en curso|hoy)\b/iu;
// "since 28 July 2024", "desde el 28 de julio": a span's opening with no end ("from 2 to 11 January" has one)
const OPENS_ONLY = /^(?!.*(?:[–—-]|\b(?:to|until|through|hasta|al|a)\b)).*\b(?:since|from|starting|desde|a partir del?)\b/iu;

/**
 * The day an infobox's "Date" row closes its span ("2–11 January 2022" → 2022-01-11; a one-day event's "14 August
 * 2013" → that day), or null when it has none or is still open ("– present"). Its first span only: a later
 * "; December 2017 (sporadic)" is an afterthought. An undated page's counts are as of that day (ANNOTATION.md: an
 * explicit period end).
 */
export function infoboxSpanEnd(text: string, storyStart: string | null = null): string | null {
  const row = dateRow(text);
  if (!row) return null;
  const { value, dates } = row;
  const oneDay = oneDayIn(row);
  // (a one-day box on the story's own first day is the story's page: its counts are the toll the page reports on)
  if (oneDay && oneDay === storyStart) return null;
  const last = dates.at(-1);
  // (one whole day, "Date: 14 August 2013", is the span of a one-day event: a movement's row names its end or "present")
  if (!last || !(oneDay || /[–—-]|\b(?:to|al|a)\s*$/u.test(value.slice(0, last.start)))) return null;
  const end = periodEnd(last.date, last.precision);
  // "Date: 18 June – 8 August 2024" over "Injuries: 610 (KNCHR, 18 June – 20 November 2024)": the box's counts were
  // taken after its span closed, so the span does not date them.
  const countedLater = rows(text).some((row) => row.values.some((v) => findDateMentions(v, null).some((d) => d.precision === 'day' && d.date > end)));
  return countedLater ? null : end;
}

// "Casualties data: 13 January 2020", "Casualty figures as of 9 December 2019", "Cifras al 15 de noviembre de 2019"
const DATA_AS_OF_ROW = /^(?:casualt(?:y|ies)\s+(?:data|figures|count)|casualties|figures|cifras|datos|balance)\s*(?:[:|]\s*(?:as of\s+|al\s+)?|\s+as of\s+|\s+al\s+)(\S.*)$/imu;

/**
 * The "Date" row's first span ("; December 2017 (sporadic)" after it is an afterthought) and the days and months it
 * names, or null when there is none or it is still open ("– present", "since 28 July 2024": a span's opening).
 */
function dateRow(text: string): { value: string; dates: DateMention[] } | null {
  const value = DATE_ROW.exec(text)?.[1]?.split(';')[0];
  if (!value || STILL_OPEN.test(value) || OPENS_ONLY.test(value)) return null;
  return { value, dates: findDateMentions(value, null).filter((d) => d.precision === 'day' || d.precision === 'month') };
}

/** The day of a one-day event's box ("Date: 14 August 2013": a massacre's, a shooting's page), else null. */
function oneDayIn(row: { value: string; dates: DateMention[] } | null): string | null {
  const only = row?.dates.length === 1 ? row.dates[0]! : undefined;
  return only?.precision === 'day' && !/[–—-]/u.test(row!.value) ? only.date : null;
}

/** True for an encyclopedia-style page: an infobox with a "Date" row and at least one counted row. */
export function hasInfobox(text: string): boolean {
  return DATE_ROW.test(text) && rows(text).length > 0;
}

/** The figures an infobox states, and the lines they come from (the sentence rules skip those lines). */
export function infoboxFigures(text: string, published: string | null, storyStart: string | null = null): { figures: ExtractedFigure[]; lines: Set<string> } {
  const figures: ExtractedFigure[] = [];
  const lines = new Set<string>();
  const counted = rows(text);
  // "Casualties data: 13 January 2020, per …": the day the box's counts were taken, for every row that names none
  const dataRow = counted.length ? DATA_AS_OF_ROW.exec(text)?.[1] : undefined;
  const dataDay = dataRow ? findDateMentions(dataRow, published).find((d) => d.precision === 'day') : undefined;
  const countsDay = dataDay ? dataDay.date : published;
  // A one-day event's counts are that incident's (ANNOTATION.md), unless a value names a later day of its own
  // ("Dead: 33 (26 November 2019)" on a page dated by the day its crisis turned), or the day is the story's own first
  // day: then the event is the story ("Masacre de Bagua", "2022 Chadian protests") and its counts are the story's toll
  const day = oneDayIn(dateRow(text));
  const oneDay = day === storyStart ? null : day;
  for (const row of counted) {
    for (const value of row.values) {
      const clean = value.replace(/\[\d+\]/g, '');
      const { attribution: own, asOf } = annotations(clean, countsDay);
      const attribution = own ?? row.counter ?? null;
      const numbers = findNumbers(clean).filter((n) => !n.weak && !(n.value >= 1900 && n.value <= 2100 && /^\d{4}$/.test(n.text)));
      // (not a day after "as of" or a comma: "(KNCHR, 18 June"; but ", 8 police officers" is a count of a group)
      const counts = numbers.filter((n) => !NOT_A_COUNT_AFTER.test(clean.slice(n.end)) && (GROUP_AFTER.test(clean.slice(n.end)) || !/\b(?:as of|,)\s*\d{0,2}\s*$/i.test(clean.slice(0, n.start))) && !findDateMentions(clean, published).some((d) => n.start >= d.start && n.start < d.end));
      // ("632 killed – 624 civilians, 8 police officers": after a dash or colon, counts of groups break the first down)
      const breakdown = (k: number) => k > 0 && GROUP_AFTER.test(clean.slice(counts[k]!.end)) && BREAKDOWN_BEFORE.test(clean.slice(counts[0]!.end, counts[k]!.start));
      const brokenDown = counts.some((_, k) => breakdown(k));
      // "Deaths • 44 protesters • 3 police officers": values that each name a group are the toll's parts
      // ("Deaths: 187 protesters, 44 police officers, 2 journalists": counts that each name a group, in one value, too)
      // (not "At least 488 protesters, including 64 minors": a count "including" another is its whole)
      const groupList = counts.length >= 2 && counts.every((n, k) => GROUP.test(clean.slice(n.end).replace(/^\+?\s*/u, '')) && (k === 0 || !PART_BEFORE.test(clean.slice(0, n.start))));
      const parts = groupList || TWO_GROUPS.test(clean) || (row.values.length > 1 && row.values.every((v) => GROUP.test(v.replace(/^[^\d]*\d[\d.,]*\+?\s*/u, ''))));
      // "325–568": a range gives two bounds of one count ("Entre 8 y 11 muertos", "between 8 and 11": joined by a word)
      const between = counts.length > 0 && BETWEEN.test(clean.slice(0, counts[0]!.start));
      counts.forEach((n, k) => {
        const before = clean.slice(0, n.start);
        const rangeEnd = k > 0 && (between ? RANGE_WORD : RANGE_DASH).test(clean.slice(counts[k - 1]!.end, n.start));
        const rangeStart = k + 1 < counts.length && (k === 0 && between ? RANGE_WORD : RANGE_DASH).test(clean.slice(n.end, counts[k + 1]!.start));
        const part = k > 0 && !rangeEnd && (groupList || PART_BEFORE.test(before) || breakdown(k));
        if (k > 0 && !rangeEnd && !part) return;
        let qualifier = qualifierOf(before, n);
        if (rangeStart && qualifier === 'exact') qualifier = 'at_least';
        if (rangeEnd) qualifier = 'up_to';
        // "Injuries: 43 police officers": one group alone, not the protesters, counts a part (ANNOTATION.md: police only)
        const groupOnly = GROUP_AFTER.test(clean.slice(n.end));
        const laterOwnDay = asOf !== null && asOf !== countsDay && asOf > (oneDay ?? asOf);
        const whole = oneDay && row.label.scope === 'cumulative' && !laterOwnDay ? 'incident' : row.label.scope;
        figures.push({
          kind: row.label.kind, value: n.value, qualifier,
          scope: part || (parts && !(k === 0 && brokenDown)) || groupOnly ? 'subset' : whole,
          location: null, region: null, asOf, asOfPrecision: asOf ? 'day' : null,
          quote: value.trim(), attribution, official: false,
        });
      });
    }
    for (const line of row.lines) lines.add(line);
  }
  return { figures, lines };
}
