// Holding the model to the text (pure; no network). A figure the model reports is kept only when:
// - its quote is in the document (whitespace and typographic quotes/dashes aside), stored as the document
//   writes it (the whole sentence around it);
// - its value is written in that quote, as a numeral or in words (English or Spanish), and not as part of
//   a date, an age or a percentage;
// - the quote names its kind (killed/muertos, injured/heridos, arrested/detenidos …), or the sentence just
//   before it does when the count refers back ("Seventeen of them …", a table row under its label);
// - its as_of is a date the document writes (not one that opens a period) or its publication date, and
//   not after publication;
// - the rules do not contradict it: the rules' reading of the same quote and value wins (the model only
//   fills what the rules left empty), a number the rules read as another kind is not re-read, and a count
//   the rules call a subset or an incident — or a second total beside the rules' own — is not cumulative.
// An event is kept when its quote is in the document and its date is one the document writes (or its
// publication date), not after publication nor before the story. Everything refused comes back with its reason.

import { normalizeText } from '../../documents/dedup.ts';
import { periodEnd } from '../../core/calendar.ts';
import { dayOf, findDateMentions } from '../dates.ts';
import { SOURCES } from '../figure-rules.ts';
import { findNumbers } from '../numbers.ts';
import { splitSentences } from '../sentences.ts';
import { findPlaces, placeToRegion } from '../story.ts';
import type { ExtractedEvent, ExtractedFigure, FactInput, FigureKind, Precision, Story } from '../types.ts';
import type { ModelAnswer, ModelFigure } from './answer.ts';

export interface Rejection {
  item: 'figure' | 'event';
  quote: string;
  /** "deaths 17 cumulative", "2023-01-09" */
  what: string;
  reason: string;
}

export interface MergedFacts {
  figures: ExtractedFigure[];
  events: ExtractedEvent[];
  /** How many figures and events the model added, and rule figures it completed. */
  added: { figures: number; events: number };
  filled: number;
  rejected: Rejection[];
}

/** Words that say what a count counts, matched on lower-case text without accents. */
const KIND_WORDS: Record<FigureKind, RegExp> = {
  deaths:
    /\b(?:kill|dead|death|die[ds]?\b|dying|lost (?:their|his|her) li(?:fe|ves)|lives|fatalit|victim|bod(?:y|ies)|murder|massacre|slain|perish|drown|shot dead|homicid|martyr|muert|muri|fallec|victima|martir|deceso|perdi(?:o|eron) la vida|cuerpo|cadaver|asesinad|ejecutad|mataron|matanza|masacre|ahogad)/,
  injured: /\b(?:injur|wound|hurt|hospitali[sz]|casualt|pellet|trauma|herid|lesion|lesionad|hospitalizad|lastimad|perdigon|balin)/,
  detained:
    /\b(?:detain|detention|arrest|captur|held|custody|jail|imprison|detenid|detencion|arrestad|capturad|aprehendid|privad[oa]s? de (?:su )?libertad|encarcelad|presos)/,
};

const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Text with whitespace runs collapsed and typographic quotes/dashes plain, and where each character came from. */
function squashWithMap(text: string): { squashed: string; from: number[] } {
  let squashed = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let ch = text[i]!;
    if (/\s/.test(ch)) {
      if (squashed.endsWith(' ') || squashed.length === 0) continue;
      ch = ' ';
    } else if (/[‘’ʼ′]/.test(ch)) ch = "'";
    else if (/[“”«»″]/.test(ch)) ch = '"';
    else if (/[‐‑‒–—]/.test(ch)) ch = '-';
    squashed += ch;
    from.push(i);
  }
  return { squashed, from };
}

/** Where `quote` stands in `text` (whitespace, quote marks and dashes aside), as offsets into `text`; null if it does not. */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  const needle = squashWithMap(quote).squashed.trim();
  if (needle.length < 2) return null;
  const { squashed, from } = squashWithMap(text);
  const at = squashed.indexOf(needle);
  if (at < 0) return null;
  return { start: from[at]!, end: from[at + needle.length - 1]! + 1 };
}

/**
 * The document's own words for a located quote — the sentence(s) it lies in — and the sentence before it in the
 * same paragraph (or the line before, for a table row), where a count that refers back ("Seventeen of them …",
 * "Son diecisiete y no quince") finds what it counts.
 */
function sentenceAround(text: string, span: { start: number; end: number }): { quote: string; before: string } {
  const all = splitSentences(text);
  const first = all.findIndex((s) => s.end > span.start && s.start < span.end);
  if (first < 0) return { quote: text.slice(span.start, span.end), before: '' };
  const within = all.filter((s) => s.end > span.start && s.start < span.end);
  const quote = text.slice(Math.min(span.start, within[0]!.start), Math.max(span.end, within.at(-1)!.end));
  const previous = all[first - 1];
  const sameBlock = previous && (previous.paragraph === all[first]!.paragraph || !/[.!?]$/.test(previous.text));
  return { quote, before: sameBlock ? previous.text : '' };
}

/** Values the quote writes as counts: numerals and number words, "2 315", not the article "a"/"un", not dates. */
function countsIn(quote: string, published: string | null): number[] {
  const dates = findDateMentions(quote, published);
  const inDate = (start: number, end: number) => dates.some((d) => start < d.end && d.start < end);
  const values = findNumbers(quote)
    .filter((n) => !n.weak && !inDate(n.start, n.end))
    .map((n) => n.value);
  for (const m of quote.matchAll(/(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)/g)) values.push(Number(m[0].replace(/\D/g, '')));
  return values;
}

const overlaps = (a: string, b: string) => {
  const x = normalizeText(a);
  const y = normalizeText(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
};

function officialName(name: string, story: Story | undefined): boolean {
  const lower = name.toLowerCase();
  if (SOURCES.some(([re, , official]) => official && re.test(name))) return true;
  return story?.officialSources.some((o) => lower.includes(o.toLowerCase()) || o.toLowerCase().includes(lower)) ?? false;
}

/** A name the model gives (attribution, place), kept only when the document writes it. */
function writtenIn(text: string, name: string | null): string | null {
  const trimmed = name?.trim();
  if (!trimmed || trimmed.length < 2) return null;
  return fold(squashWithMap(text).squashed).includes(fold(squashWithMap(trimmed).squashed)) ? trimmed : null;
}

interface DateCheck {
  asOf: string | null;
  precision: Precision | null;
  reason?: string;
}

/** The figure's as_of held to the dates the document writes; null as_of means the publication date. */
function checkAsOf(asOf: string | null, text: string, published: string | null): DateCheck {
  if (!asOf) return { asOf: published, precision: published ? 'day' : null };
  if (published && asOf > published) return { asOf: null, precision: null, reason: `as_of ${asOf} is after publication (${published})` };
  if (asOf === published) return { asOf, precision: 'day' };
  const mentions = findDateMentions(text, published);
  const hits = mentions.filter((m) => m.date === asOf || periodEnd(m.date, m.precision) === asOf);
  const kept = hits.filter((m) => !m.since);
  if (kept.length > 0) {
    const exact = kept.find((m) => m.precision === 'day') ?? kept[0]!;
    return { asOf, precision: exact.precision === 'day' || periodEnd(exact.date, exact.precision) === asOf ? 'day' : exact.precision };
  }
  if (hits.length > 0) return { asOf: null, precision: null, reason: `as_of ${asOf} is where a period starts, not where it ends` };
  return { asOf: null, precision: null, reason: `as_of ${asOf} is not a date the text gives` };
}

const describe = (f: ModelFigure) => `${f.kind} ${f.value} ${f.scope}`;

/**
 * The rules' facts of one document with what the model adds to them once verified. `document` is the
 * one the rules read (an undated page carries its anchor as `published`).
 */
export function mergeModelFacts(
  document: FactInput,
  story: Story | undefined,
  rules: { figures: ExtractedFigure[]; events: ExtractedEvent[] },
  answer: ModelAnswer,
): MergedFacts {
  const published = dayOf(document.published);
  const sources = [document.text, document.title ?? ''];
  const figures = rules.figures.map((f) => ({ ...f }));
  const events = [...rules.events];
  const rejected: Rejection[] = answer.invalid.map((reason) => ({ item: reason.startsWith('events') ? 'event' : 'figure', quote: '', what: '', reason: `not in the answer schema (${reason})` }));
  let addedFigures = 0;
  let filled = 0;

  for (const candidate of answer.figures) {
    const reject = (reason: string) => rejected.push({ item: 'figure', quote: candidate.quote, what: describe(candidate), reason });
    const source = sources.find((s) => s && locateQuote(s, candidate.quote));
    if (!source) {
      reject('quote is not in the document');
      continue;
    }
    const { quote, before } = sentenceAround(source, locateQuote(source, candidate.quote)!);
    const counts = countsIn(quote, published);
    if (!counts.includes(candidate.value)) {
      reject(`${candidate.value} is not written in the quote`);
      continue;
    }
    if (!KIND_WORDS[candidate.kind].test(fold(quote)) && !KIND_WORDS[candidate.kind].test(fold(before))) {
      reject(`the quote does not say ${candidate.kind}`);
      continue;
    }
    const date = checkAsOf(candidate.as_of, document.text, published);
    if (date.reason) {
      reject(date.reason);
      continue;
    }

    // The rules' reading of the same quote and number comes first.
    const same = figures.filter((f) => f.value === candidate.value && overlaps(f.quote, quote));
    const narrower = same.find((f) => f.kind === candidate.kind && f.scope !== 'cumulative');
    if (candidate.scope === 'cumulative' && narrower) {
      reject(`the rules read it as ${narrower.scope === 'subset' ? 'a subset' : 'an incident'}, not the running toll`);
      continue;
    }
    const mine = same.find((f) => f.kind === candidate.kind);
    if (mine) {
      filled += fill(mine, candidate, date, document.text, story) ? 1 : 0;
      continue;
    }
    const other = same.find((f) => f.kind !== candidate.kind);
    if (other && counts.filter((v) => v === candidate.value).length === 1) {
      reject(`the rules read ${candidate.value} in this quote as ${other.kind}`);
      continue;
    }
    if (candidate.scope === 'cumulative') {
      // a part beside the rules' total for the same day ("47 died, 17 of them in Juliaca"); an earlier total ("up from 19 two days ago") is fine
      const total = figures.find((f) => f.kind === candidate.kind && f.scope === 'cumulative' && f.value > candidate.value && f.asOf === date.asOf && overlaps(f.quote, quote));
      if (total) {
        reject(`the rules find the total ${total.value} in the same sentence`);
        continue;
      }
    }
    const repeat = figures.find((f) => f.kind === candidate.kind && f.value === candidate.value && f.scope === candidate.scope && (f.asOf === date.asOf || f.asOf === null));
    if (repeat) {
      reject('restates a figure already found');
      continue;
    }

    const attribution = writtenIn(document.text, candidate.attribution);
    const place = candidate.scope === 'cumulative' ? null : placeOf(candidate.location, quote, story);
    figures.push({
      kind: candidate.kind,
      value: candidate.value,
      qualifier: candidate.qualifier,
      scope: candidate.scope,
      location: place?.place ?? null,
      region: place?.region ?? null,
      asOf: date.asOf,
      asOfPrecision: date.precision,
      quote,
      attribution,
      official: attribution ? officialName(attribution, story) : false,
    });
    addedFigures++;
  }

  let addedEvents = 0;
  for (const candidate of answer.events) {
    const reject = (reason: string) => rejected.push({ item: 'event', quote: candidate.quote, what: candidate.date, reason });
    const span = locateQuote(document.text, candidate.quote);
    if (!span) {
      reject('quote is not in the document');
      continue;
    }
    const { quote } = sentenceAround(document.text, span);
    // the day may be written in the quote or elsewhere in the report ("yesterday" of a dated live-blog entry); a period's start is an event too
    const written = findDateMentions(document.text, published).filter((m) => m.date === candidate.date || periodEnd(m.date, m.precision) === candidate.date);
    if (written.length === 0 && candidate.date !== published) {
      reject(`${candidate.date} is not a date the text gives`);
      continue;
    }
    if (published && candidate.date > published) {
      reject(`${candidate.date} is after publication (${published})`);
      continue;
    }
    if (story && candidate.date < story.start) {
      reject(`${candidate.date} is before the story starts (${story.start})`);
      continue;
    }
    if (events.some((e) => e.date === candidate.date && overlaps(e.quote, quote))) continue; // the rules have it
    const precision = written.find((m) => m.date === candidate.date)?.precision ?? 'day';
    events.push({
      date: candidate.date,
      precision,
      text: quote.length > 200 ? `${quote.slice(0, 199)}…` : quote,
      places: story ? [...new Set(findPlaces(story, quote).map((p) => p.place))] : [],
      actors: [],
      quote,
    });
    addedEvents++;
  }

  return { figures, events, added: { figures: addedFigures, events: addedEvents }, filled, rejected };
}

/** Fills what a rule figure left empty (date, attribution, a place for a subset or incident); true when anything changed. */
function fill(rule: ExtractedFigure, candidate: ModelFigure, date: DateCheck, text: string, story: Story | undefined): boolean {
  let changed = false;
  if (!rule.asOf && date.asOf) {
    rule.asOf = date.asOf;
    rule.asOfPrecision = date.precision;
    changed = true;
  }
  if (!rule.attribution) {
    const attribution = writtenIn(text, candidate.attribution);
    if (attribution) {
      rule.attribution = attribution;
      rule.official = rule.official || officialName(attribution, story);
      changed = true;
    }
  }
  if (!rule.location && rule.scope !== 'cumulative') {
    const place = placeOf(candidate.location, rule.quote, story);
    if (place) {
      rule.location = place.place;
      rule.region = place.region;
      changed = true;
    }
  }
  return changed;
}

/** The model's place for a count, when the quote names it (the story's gazetteer gives its region). */
function placeOf(location: string | null, quote: string, story: Story | undefined): { place: string; region: string | null } | null {
  const name = writtenIn(quote, location);
  if (!name) return null;
  const known = story ? placeToRegion(story, name) : null;
  return known ?? { place: name, region: null };
}
